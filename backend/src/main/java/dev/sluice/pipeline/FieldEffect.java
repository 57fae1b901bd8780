package dev.sluice.pipeline;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One thing a node does to the fields of the events passing it, described for the privacy guard, which works out
 * from a kind's effects ({@link NodeKind#effects}) where each tagged value may be after the node. Paths are the
 * config's own JSONPaths, as written.
 */
public sealed interface FieldEffect {

    /** Data keeps only what the paths may reach; attributes stay (a selection). */
    record KeepData(List<String> paths) implements FieldEffect {
    }

    /** Only what the paths may reach goes on, attributes included (the columns a target writes). */
    record KeepOnly(List<String> paths) implements FieldEffect {
    }

    /** The value at {@code path} is masked by {@code rule} (its {@code mode} and settings); {@code remove} takes it away. */
    record Mask(String path, JsonNode rule) implements FieldEffect {
    }

    /** The value at {@code from} is moved to {@code to}. */
    record Move(String from, String to) implements FieldEffect {
    }

    /** The value at {@code from} is copied to {@code to}. */
    record Copy(String from, String to) implements FieldEffect {
    }

    /** A constant is written at {@code path}, replacing what was there. */
    record Overwrite(String path) implements FieldEffect {
    }

    /** Any value may end up anywhere in data, in the form it came in (code and templates the guard cannot read). */
    record Opaque() implements FieldEffect {
    }

    /** The effects of a node that may do anything with fields. */
    List<FieldEffect> ANYTHING = List.of(new Opaque());
}
