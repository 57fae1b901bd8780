package dev.sluice.privacy;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What one workspace may receive of each PII tag, as the source's owner granted it. A tag not listed is
 * {@link Level#NONE}. Immutable.
 *
 * @param workspace the workspace
 * @param tags      tag → level
 */
public record Clearance(String workspace, Map<String, Level> tags) {

    public Clearance {
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    public Level level(String tag) {
        return tags.getOrDefault(tag, Level.NONE);
    }

    /** The forms a tagged value may reach the workspace in. */
    public enum Level {
        /** Never, not even masked or as a pseudonym. */
        NONE("none"),
        /** Only after a mask that hides it for its tag ({@link MaskHiding}). */
        MASKED("masked"),
        /** As it is. */
        CLEAR("clear");

        private final String id;

        Level(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }

        @JsonCreator
        public static Level of(String id) {
            return Arrays.stream(values()).filter(level -> level.id.equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown clearance '" + id
                            + "'; one of none, masked, clear"));
        }
    }
}
