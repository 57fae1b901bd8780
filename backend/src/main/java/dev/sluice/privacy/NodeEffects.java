package dev.sluice.privacy;

import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.FlowNode;

/** What each node kind does to the tagged values passing it, as the leak guard sees it. */
final class NodeEffects {

    private NodeEffects() {
    }

    static Set<Taint> apply(FlowNode node, Set<Taint> in) {
        String kind = node.kind() == null ? "" : node.kind();
        try {
            return switch (kind) {
                case "target.jdbc" -> columns(node.config().path("columns"), in);
                case "select" -> select(node.config().path("paths"), in);
                case "mask" -> mask(node.config().path("rules"), in);
                case "rename" -> rename(node.config().path("moves"), in);
                case "set" -> set(node.config().path("values"), in);
                default -> kind.equals("source") || kind.equals("filter") || kind.startsWith("target.") ? in
                        : opaque(in);
            };
        } catch (RuntimeException unreadable) {
            // A config the guard cannot read is one it cannot trust to remove anything.
            return opaque(in);
        }
    }

    /** Data keeps what a listed path may reach; attributes always stay. */
    private static Set<Taint> select(JsonNode paths, Set<Taint> in) {
        if (!paths.isArray() || paths.isEmpty()) {
            return in;
        }
        Set<Taint> out = new LinkedHashSet<>();
        for (Taint taint : in) {
            if (!taint.at().isUnderData()) {
                out.add(taint);
                continue;
            }
            for (JsonNode each : paths) {
                FieldPath kept = FieldPath.parse(each.asText());
                if (kept.mayReach(taint.at()) || taint.at().mayReach(kept)) {
                    out.add(taint.movedTo(taint.at().meet(kept)));
                }
            }
        }
        return out;
    }

    /** A JDBC target writes only its columns, each read by a JSONPath from the event. */
    private static Set<Taint> columns(JsonNode columns, Set<Taint> in) {
        if (!columns.isObject() || columns.isEmpty()) {
            return in;
        }
        Set<Taint> out = new LinkedHashSet<>();
        for (Taint taint : in) {
            for (JsonNode each : columns) {
                FieldPath column = FieldPath.parse(each.asText());
                if (column.mayReach(taint.at()) || taint.at().mayReach(column)) {
                    out.add(taint.movedTo(taint.at().meet(column)));
                }
            }
        }
        return out;
    }

    /** A rule hides or removes only what its path surely covers; part of a tagged value masked leaves it clear. */
    private static Set<Taint> mask(JsonNode rules, Set<Taint> in) {
        Set<Taint> current = new LinkedHashSet<>(in);
        for (JsonNode rule : rules) {
            FieldPath path = FieldPath.parse(rule.path("path").asText());
            String mode = rule.path("mode").asText();
            Set<Taint> next = new LinkedHashSet<>();
            for (Taint taint : current) {
                if (!path.covers(taint.at())) {
                    next.add(mode.equals("remove") ? taint.movedTo(taint.at().afterRemovalAt(path)) : taint);
                } else if (!MaskHiding.removes(mode)) {
                    next.add(taint.maskedBy(mode, MaskHiding.hides(taint.tag(), rule)));
                }
            }
            current = next;
        }
        return current;
    }

    /** Moves in order: what a move surely takes goes; what it may take is both left and moved. */
    private static Set<Taint> rename(JsonNode moves, Set<Taint> in) {
        Set<Taint> current = new LinkedHashSet<>(in);
        for (JsonNode move : moves) {
            FieldPath from = FieldPath.parse(move.path("from").asText());
            FieldPath to = FieldPath.parse(move.path("to").asText());
            Set<Taint> next = new LinkedHashSet<>();
            for (Taint taint : current) {
                if (from.mayReach(taint.at())) {
                    if (!from.isPrefixOf(taint.at())) {
                        next.add(taint.movedTo(taint.at().afterRemovalAt(from)));
                    }
                    next.add(taint.movedTo(taint.at().rebase(from.size(), to)));
                } else if (taint.at().mayReach(from)) {
                    next.add(taint);
                    next.add(taint.movedTo(to));
                } else {
                    next.add(taint.movedTo(taint.at().afterRemovalAt(from)));
                }
            }
            current = next;
        }
        return current;
    }

    /** A copy adds the value at the new place; a constant overwrites what its path surely covers. */
    private static Set<Taint> set(JsonNode rules, Set<Taint> in) {
        Set<Taint> current = new LinkedHashSet<>(in);
        for (JsonNode rule : rules) {
            FieldPath to = FieldPath.parse(rule.path("path").asText());
            Set<Taint> next = new LinkedHashSet<>();
            if (rule.hasNonNull("from")) {
                FieldPath from = FieldPath.parse(rule.get("from").asText());
                for (Taint taint : current) {
                    next.add(taint);
                    if (from.mayReach(taint.at())) {
                        next.add(taint.movedTo(taint.at().rebase(from.size(), to)));
                    } else if (taint.at().mayReach(from)) {
                        next.add(taint.movedTo(to));
                    }
                }
            } else {
                for (Taint taint : current) {
                    if (!to.covers(taint.at())) {
                        next.add(taint);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    /** Script, template and unknown kinds: every tagged value may be anywhere in data, in the form it came in. */
    private static Set<Taint> opaque(Set<Taint> in) {
        Set<Taint> out = new LinkedHashSet<>();
        for (Taint taint : in) {
            if (!taint.at().isUnderData()) {
                out.add(taint);
            }
            out.add(taint.movedTo(FieldPath.DATA));
        }
        return out;
    }
}
