package dev.sluice.audit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvRowCounterTest {

    @Test
    void countsRecordEndsButNotLineBreaksInsideQuotedCells() throws IOException {
        StringWriter out = new StringWriter();
        List<Long> reported = new ArrayList<>();
        CsvRowCounter counter = new CsvRowCounter(out, reported::add);

        counter.write("id,details\r\n");
        counter.write("1,\"{\"\"note\"\": \"\"two\r\nlines\"\"}\"\r\n");
        counter.write("2,");
        counter.write("plain\r\n");

        assertThat(counter.records()).isEqualTo(3);
        assertThat(reported).containsExactly(1L, 2L, 2L, 3L);
        assertThat(out.toString()).isEqualTo("id,details\r\n1,\"{\"\"note\"\": \"\"two\r\nlines\"\"}\"\r\n2,plain\r\n");
        assertThat(Csv.parse(out.toString())).hasSize(3);
    }
}
