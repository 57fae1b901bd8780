package dev.sluice.pipeline.kind;

import static dev.sluice.pipeline.kind.MaskFixtures.KEY;
import static dev.sluice.pipeline.kind.MaskFixtures.OTHER_KEY;
import static dev.sluice.pipeline.kind.MaskFixtures.SEED;
import static dev.sluice.pipeline.kind.MaskFixtures.TRIES;
import static dev.sluice.pipeline.kind.MaskFixtures.event;
import static dev.sluice.pipeline.kind.MaskFixtures.maskOne;
import static dev.sluice.pipeline.kind.MaskFixtures.randomText;
import static dev.sluice.pipeline.kind.MaskFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.FlowNode;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.StepFailure;

class MaskHashTest {

    private static final String RULE = "{\"path\": \"$.data.userId\", \"mode\": \"hash\", \"secret\": \"pseudonyms\"}";

    @Test
    void givesTheKnownHmacSha256InLowercaseHex() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        MaskHash hash = new MaskHash("Jefe".getBytes(StandardCharsets.US_ASCII));
        assertThat(hash.hash("what do ya want for nothing?"))
                .isEqualTo("hmac:5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void givesTheSamePseudonymForTheSameValueAndKeyAcrossCompilations() throws StepFailure {
        var first = step("{\"rules\": [" + RULE + "]}").apply(event("{\"userId\": \"U100000\"}")).get(0);
        var again = step("{\"rules\": [" + RULE + "]}").apply(event("{\"userId\": \"U100000\"}")).get(0);
        var otherKey = step("{\"rules\": [" + RULE + "]}", Map.of("pseudonyms", OTHER_KEY))
                .apply(event("{\"userId\": \"U100000\"}")).get(0);

        assertThat(first.at("/data/userId").asText()).matches("hmac:[0-9a-f]{64}")
                .isEqualTo(again.at("/data/userId").asText())
                .isNotEqualTo(otherKey.at("/data/userId").asText());
    }

    @Test
    void hashesNumbersByTheirJsonText() throws StepFailure {
        String rule = "{\"mode\": \"hash\", \"secret\": \"pseudonyms\"}";
        assertThat(maskOne(rule, IntNode.valueOf(36113))).isEqualTo(maskOne(rule, TextNode.valueOf("36113")))
                .isEqualTo(TextNode.valueOf(new MaskHash(KEY).hash("36113")));
    }

    @Test
    void refusesToCompileWithoutItsSecret() {
        var node = new FlowNode("mask", "mask", MaskFixtures.json("{\"rules\": [" + RULE + "]}"));

        assertThatThrownBy(() -> NodeRegistry.builtIn().compile(node, CompileContext.standalone("finance", "f")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("secret 'pseudonyms'").hasMessageContaining("workspace 'finance'");
        assertThatThrownBy(() -> step("{\"rules\": [" + RULE + "]}", Map.of("other", KEY)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> step("{\"rules\": [" + RULE + "]}", Map.of("pseudonyms", new byte[0])))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("empty");
    }

    @Test
    void isStablePerKeyAndDiffersAcrossKeysForRandomText() {
        MaskHash hash = new MaskHash(KEY);
        MaskHash other = new MaskHash(OTHER_KEY);
        Random random = new Random(SEED);
        Set<String> inputs = new HashSet<>();
        Set<String> pseudonyms = new HashSet<>();
        for (int i = 0; i < TRIES; i++) {
            String text = randomText(random);
            String pseudonym = hash.hash(text);

            assertThat(pseudonym).as("try %d", i).matches("hmac:[0-9a-f]{64}")
                    .isEqualTo(hash.hash(text)).isEqualTo(new MaskHash(KEY).hash(text))
                    .isNotEqualTo(other.hash(text)).isNotEqualTo(text);
            if (text.length() >= 8) {
                assertThat(pseudonym).doesNotContain(text);
            }
            if (inputs.add(text)) {
                assertThat(pseudonyms.add(pseudonym)).as("collision, try %d", i).isTrue();
            }
        }
    }
}
