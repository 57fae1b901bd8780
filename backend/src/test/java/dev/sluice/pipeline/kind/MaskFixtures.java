package dev.sluice.pipeline.kind;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowNode;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.StepFailure;
import dev.sluice.pipeline.ValidationContext;

/** Mask configs and events for tests, run through the registry as the pipeline does. */
final class MaskFixtures {

    static final byte[] KEY = "finance-pseudonym-key-0123456789".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER_KEY = "customer-service-key-9876543210".getBytes(StandardCharsets.UTF_8);

    private MaskFixtures() {
    }

    static ObjectNode json(String text) {
        return (ObjectNode) FlowJson.parse(text);
    }

    /** Problems of a mask config, with paths rooted at the config ({@code $.rules[0].mode}). */
    static List<FlowProblem> problems(String config) {
        Problems problems = new Problems();
        NodeRegistry.builtIn().validateConfig(new FlowNode("mask", "mask", json(config)),
                ValidationContext.standalone("finance"), problems);
        return problems.all();
    }

    /** The step of a valid config, with the workspace secret {@code pseudonyms} = {@link #KEY}. */
    static NodeStep step(String config) {
        return step(config, Map.of("pseudonyms", KEY));
    }

    static NodeStep step(String config, Map<String, byte[]> secrets) {
        List<FlowProblem> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new AssertionError("invalid test config: " + problems);
        }
        CompileContext context = new CompileContext("finance", "test-flow",
                name -> Optional.ofNullable(secrets.get(name)));
        return NodeRegistry.builtIn().compile(new FlowNode("mask", "mask", json(config)), context);
    }

    /** A CloudEvent with {@code data}. */
    static ObjectNode event(String data) {
        return json("""
                {"specversion": "1.0", "id": "e1", "source": "/user-center/users", "type": "user.created",
                 "data": %s}""".formatted(data));
    }

    /** Runs one rule on {@code $.data.v} = {@code value} and returns the masked value. */
    static JsonNode maskOne(String rule, JsonNode value) throws StepFailure {
        ObjectNode event = event("{}");
        ((ObjectNode) event.get("data")).set("v", value);
        List<ObjectNode> out = step("{\"rules\": [{\"path\": \"$.data.v\", " + rule.strip().substring(1) + "]}")
                .apply(event);
        return out.get(0).get("data").get("v");
    }

    /** Seeds for the property loops: fixed, so a failure can be replayed; each loop reports its seed. */
    static final long SEED = 20261126L;
    static final int TRIES = 2000;

    private static final int[][] ALPHABETS = {
            {'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {0x4E00, 0x9FFF}, {0x1F600, 0x1F64F}, {0x3400, 0x3410},
            {' ', ' '}, {'-', '.'}, {'@', '@'}, {0xFF10, 0xFF19}, {0x00E0, 0x00FF}};

    /**
     * Random text mixing Latin, digits, CJK, emoji (surrogate pairs), full-width digits, accents, spaces and
     * punctuation; mostly short, sometimes a few thousand code points. Never contains the mask character *.
     */
    static String randomText(Random random) {
        int length = random.nextInt(10) == 0 ? random.nextInt(3000) : random.nextInt(25);
        StringBuilder text = new StringBuilder();
        int[] alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
        for (int i = 0; i < length; i++) {
            if (random.nextInt(4) == 0) {
                alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
            }
            text.appendCodePoint(alphabet[0] + random.nextInt(alphabet[1] - alphabet[0] + 1));
        }
        return text.toString();
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The code points from {@code from} (inclusive) to {@code to} (exclusive). */
    static String codePoints(String text, int from, int to) {
        return text.substring(text.offsetByCodePoints(0, from), text.offsetByCodePoints(0, to));
    }
}
