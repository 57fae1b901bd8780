package dev.sluice.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.sluice.json.Json;

class JsonLengthTest {

    @Test
    void countsWhatJacksonWritesForEverySampleEvent() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("/samples/user-center-events.jsonl")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        assertThat(lines).hasSizeGreaterThan(10);
        for (String line : lines) {
            JsonNode event = Json.MAPPER.readTree(line);
            assertThat(JsonLength.of(event)).as(line).isEqualTo(Json.MAPPER.writeValueAsString(event).length());
        }
    }

    @Test
    void aTreeOverTheLimitIsCountedExactlyEvenWhenEveryCharacterNeedsAnEscape() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode().put("k", "\u0001".repeat(1000));

        assertThat(JsonLength.over(tree, 6006)).isEqualTo(6008);
        assertThat(JsonLength.over(tree, 6008)).isLessThanOrEqualTo(6008);
    }

    @Test
    void countsEscapesNumbersAndOddNodesAsJacksonWritesThem() throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode tree = nodes.objectNode();
        tree.put("quote\"d", "a \"b\" c\\d");
        tree.put("controls", "\b\t\n\f\r\u0000\u0001\u001f end");
        tree.put("unicode", "杨娜 😀 \u2028 \u007f");
        tree.put("empty", "");
        tree.put("ints", 0).put("negative", -42).put("min", Integer.MIN_VALUE).put("max", Integer.MAX_VALUE);
        tree.put("long", Long.MIN_VALUE).put("long2", 12345678901L);
        tree.put("double", 0.1).put("small", 1e-12).put("big", 1.7976931348623157E308).put("negativeZero", -0.0);
        tree.put("float", 1.5f);
        tree.put("bigInteger", new BigInteger("123456789012345678901234567890"));
        tree.put("decimal", new BigDecimal("3.14159265358979323846"));
        tree.put("binary", new byte[] {1, 2, 3, 4, 5});
        tree.putNull("nothing");
        tree.put("yes", true).put("no", false);
        tree.putArray("array").add(1).add("two").addNull().addArray();
        tree.putObject("nested").putObject("deeper").putArray("empty");
        tree.putObject("emptyObject");

        assertThat(JsonLength.of(tree)).isEqualTo(Json.MAPPER.writeValueAsString(tree).length());
        assertThat(JsonLength.of(nodes.arrayNode())).isEqualTo(2);
        long exact = JsonLength.of(tree);
        assertThat(JsonLength.over(tree, exact - 1)).isEqualTo(exact);
        assertThat(JsonLength.over(tree, 100 * exact)).isLessThanOrEqualTo(100 * exact);
        assertThat(JsonLength.of(nodes.textNode("x".repeat(1_000_000)))).isEqualTo(1_000_002);
    }
}
