package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class FlowJsonTest {

    @Test
    void aSyntaxErrorSaysWhereInWordsWithoutTheParsersNotesOnItsSettings() {
        InvalidFlowException invalid = catchThrowableOfType(InvalidFlowException.class,
                () -> FlowJson.parse("{\"data\": {\"email\": [{\"exists\": false}]"));

        assertThat(invalid.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("$");
            assertThat(problem.message()).startsWith("is not valid JSON (line 1, column ")
                    .contains("expected close marker for Object", "(opened at line 1, column 10)")
                    .doesNotContain("Source:", "StreamReadFeature", "REDACTED");
        });
    }
}
