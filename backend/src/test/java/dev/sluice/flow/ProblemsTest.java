package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void writesPlainKeysWithADot() {
        assertThat(Problems.key("userId")).isEqualTo(".userId");
        assertThat(Problems.key("_a1")).isEqualTo("._a1");
        assertThat(Problems.key("Z")).isEqualTo(".Z");
    }

    @Test
    void bracketsKeysThatAreNotPlainAndEscapesTheirQuotes() {
        assertThat(Problems.key("1st")).isEqualTo("['1st']");
        assertThat(Problems.key("")).isEqualTo("['']");
        assertThat(Problems.key("bank account")).isEqualTo("['bank account']");
        assertThat(Problems.key("a-b")).isEqualTo("['a-b']");
        assertThat(Problems.key("姓名")).isEqualTo("['姓名']");
        assertThat(Problems.key("it's")).isEqualTo("['it\\'s']");
    }
}
