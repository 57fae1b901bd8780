package dev.sluice.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AmqpUrisTest {

    @Test
    void splitsAClustersNodeUrisAtCommasIgnoringBlanksAndSpaces() {
        assertThat(AmqpUris.split(" amqp://u:p@a:5672/%2F, amqps://u:p@b/prod ,,")).containsExactly(
                "amqp://u:p@a:5672/%2F", "amqps://u:p@b/prod");
        assertThat(AmqpUris.split("  ")).isEmpty();
        assertThat(AmqpUris.split(null)).isEmpty();
    }

    @Test
    void redactsTheCredentialsOfEveryNodeAndNamesTheDefaultPortOfEachScheme() {
        assertThat(AmqpUris.redact("amqp://u:secret@a/%2F,amqps://u:secret@b/prod"))
                .isEqualTo("amqp://a:5672/%2F,amqps://b:5671/prod")
                .doesNotContain("secret");
    }
}
