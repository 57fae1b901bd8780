package dev.sluice.audit.ui;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.function.LongConsumer;

/**
 * Passes CSV text through and counts the records that end in it, header included: a line end inside a quoted
 * cell is not a record end (RFC 4180). Reports the count to {@code onRecords} after each write. Not thread-safe:
 * one export, one writer.
 */
final class CsvRowCounter extends FilterWriter {

    private final LongConsumer onRecords;
    private boolean quoted;
    private long records;

    CsvRowCounter(Writer out, LongConsumer onRecords) {
        super(out);
        this.onRecords = onRecords;
    }

    @Override
    public void write(int c) throws IOException {
        out.write(c);
        count((char) c);
        onRecords.accept(records);
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
        for (int i = offset; i < offset + length; i++) {
            count(buffer[i]);
        }
        onRecords.accept(records);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        out.write(text, offset, length);
        for (int i = offset; i < offset + length; i++) {
            count(text.charAt(i));
        }
        onRecords.accept(records);
    }

    long records() {
        return records;
    }

    private void count(char c) {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == '\n' && !quoted) {
            records++;
        }
    }
}
