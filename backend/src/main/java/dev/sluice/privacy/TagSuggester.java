package dev.sluice.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.Problems;

/**
 * Proposes {@code path → tag} for a source's fields from sample events: every field a recognizer fired on, with how
 * many events it fired in and how many had the field, so a steward sees "11 of 11" apart from "1 of 40". Only
 * {@code $.data} is looked at: attributes are the platform's, not the source's schema. Stateless and thread-safe.
 */
public final class TagSuggester {

    private TagSuggester() {
    }

    public static List<TagSuggestion> suggest(Iterable<? extends JsonNode> samples) {
        Map<String, Integer> present = new TreeMap<>();
        Map<String, Map<String, Integer>> hits = new TreeMap<>();
        for (JsonNode event : samples) {
            Set<String> seen = new HashSet<>();
            Set<String> hit = new HashSet<>();
            JsonNode data = event.path("data");
            if (!data.isMissingNode()) {
                walk(data, new StringBuilder("$.data"), seen, hit);
            }
            seen.forEach(path -> present.merge(path, 1, Integer::sum));
            for (String pathAndTag : hit) {
                int split = pathAndTag.lastIndexOf(' ');
                hits.computeIfAbsent(pathAndTag.substring(0, split), p -> new TreeMap<>())
                        .merge(pathAndTag.substring(split + 1), 1, Integer::sum);
            }
        }
        List<TagSuggestion> suggestions = new ArrayList<>();
        hits.forEach((path, byTag) -> byTag.forEach((tag, count) ->
                suggestions.add(new TagSuggestion(path, tag, count, present.get(path)))));
        suggestions.sort(Comparator.comparing(TagSuggestion::path).thenComparing(TagSuggestion::tag));
        return suggestions;
    }

    private static void walk(JsonNode node, StringBuilder path, Set<String> seen, Set<String> hit) {
        int mark = path.length();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                walk(member.getValue(), path.append(Problems.key(member.getKey())), seen, hit);
                path.setLength(mark);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                walk(element, path.append("[*]"), seen, hit);
                path.setLength(mark);
            }
        } else if (!node.isNull()) {
            seen.add(path.toString());
            if (node.isTextual() || node.isIntegralNumber()) {
                for (String tag : PiiScanner.tagsIn(node.asText())) {
                    hit.add(path + " " + tag);
                }
            }
        }
    }
}
