package dev.sluice.privacy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.Problems;

/**
 * Scans every string and integer in an event (attributes and data, at any depth) with the {@link Recognizer}s and
 * reports where personal data is, never what it is. A value counts once per tag; an 18-digit resident id that also
 * passes Luhn is reported as a national id only. Stateless and thread-safe.
 */
public final class PiiScanner {

    private PiiScanner() {
    }

    public static List<PiiFinding> scan(JsonNode event) {
        List<PiiFinding> found = new ArrayList<>();
        walk(event, new StringBuilder("$"), found);
        return found;
    }

    /** The tags the text carries, in recognizer order. */
    public static Set<String> tagsIn(String text) {
        Set<String> tags = new LinkedHashSet<>();
        List<String> ids = Recognizer.NATIONAL_ID.find(text);
        for (Recognizer recognizer : Recognizer.values()) {
            List<String> hits = recognizer.find(text);
            if (recognizer == Recognizer.BANK_CARD) {
                hits = hits.stream().filter(hit -> !ids.contains(hit)).toList();
            }
            if (!hits.isEmpty()) {
                tags.add(recognizer.tag());
            }
        }
        return tags;
    }

    private static void walk(JsonNode node, StringBuilder path, List<PiiFinding> found) {
        int mark = path.length();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                walk(member.getValue(), path.append(Problems.key(member.getKey())), found);
                path.setLength(mark);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path.append('[').append(i).append(']'), found);
                path.setLength(mark);
            }
        } else if (node.isTextual() || node.isIntegralNumber()) {
            for (String tag : tagsIn(node.asText())) {
                found.add(new PiiFinding(path.toString(), tag));
            }
        }
    }
}
