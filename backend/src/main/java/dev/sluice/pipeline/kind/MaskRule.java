package dev.sluice.pipeline.kind;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.pipeline.EventPath;
import dev.sluice.pipeline.StepFailure;

/**
 * One compiled rule of a mask node: every value its path finds goes through its masker; an absent path
 * changes nothing. Immutable and thread-safe.
 *
 * @param index the rule's position in {@code rules} (0-based); messages say "rule {@code index + 1}"
 */
record MaskRule(int index, MaskMode mode, EventPath path, Masker masker) {

    void apply(ObjectNode event) throws StepFailure {
        if (masker instanceof Masker.Remove) {
            path.removeAll(event);
            return;
        }
        List<EventPath.Location> locations = path.locate(event);
        for (int i = 0; i < locations.size(); i++) {
            EventPath.Location location = locations.get(i);
            JsonNode value = location.value();
            if (value.isNull() && masker.keepsNull()) {
                continue;
            }
            try {
                location.replace(masker.mask(value));
            } catch (Masker.Unmaskable e) {
                throw new StepFailure("mask rule " + (index + 1) + " (" + mode.id() + ") at " + where(location, i,
                        locations.size()) + ": " + e.getMessage());
            }
        }
    }

    /**
     * The failing location for a message. A wildcard can match object keys, and keys can be data (a map keyed
     * by phone number), so only a definite path is spelled out concretely.
     */
    private String where(EventPath.Location location, int match, int matches) {
        return path.isDefinite() ? location.path()
                : path.expression() + " (match " + (match + 1) + " of " + matches + ")";
    }
}
