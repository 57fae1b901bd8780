package dev.sluice.privacy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.pipeline.FieldEffect;

/**
 * Where the tagged values passing a node may be after it, worked out from what its kind says it does to fields
 * ({@link FieldEffect}s, in order).
 */
final class NodeEffects {

    private NodeEffects() {
    }

    static Set<Taint> apply(List<FieldEffect> effects, Set<Taint> in) {
        Set<Taint> current = in;
        try {
            for (FieldEffect effect : effects) {
                current = switch (effect) {
                    case FieldEffect.KeepData keep -> select(keep.paths(), current);
                    case FieldEffect.KeepOnly keep -> columns(keep.paths(), current);
                    case FieldEffect.Mask mask -> mask(mask.path(), mask.rule(), current);
                    case FieldEffect.Move move -> rename(move.from(), move.to(), current);
                    case FieldEffect.Copy copy -> copy(copy.from(), copy.to(), current);
                    case FieldEffect.Overwrite overwrite -> overwrite(overwrite.path(), current);
                    case FieldEffect.Opaque opaque -> opaque(current);
                };
            }
            return current;
        } catch (RuntimeException unreadable) {
            // A config the guard cannot read is one it cannot trust to remove anything.
            return opaque(in);
        }
    }

    /** Data keeps what a listed path may reach; attributes always stay. */
    private static Set<Taint> select(List<String> paths, Set<Taint> in) {
        Set<Taint> out = new LinkedHashSet<>();
        for (Taint taint : in) {
            if (!taint.at().isUnderData()) {
                out.add(taint);
                continue;
            }
            for (String each : paths) {
                FieldPath kept = FieldPath.parse(each);
                if (kept.mayReach(taint.at()) || taint.at().mayReach(kept)) {
                    out.add(taint.movedTo(taint.at().meet(kept)));
                }
            }
        }
        return out;
    }

    /** A JDBC target writes only its columns, each read by a JSONPath from the event. */
    private static Set<Taint> columns(List<String> columns, Set<Taint> in) {
        Set<Taint> out = new LinkedHashSet<>();
        for (Taint taint : in) {
            for (String each : columns) {
                FieldPath column = FieldPath.parse(each);
                if (column.mayReach(taint.at()) || taint.at().mayReach(column)) {
                    out.add(taint.movedTo(taint.at().meet(column)));
                }
            }
        }
        return out;
    }

    /** A rule hides or removes only what its path surely covers; part of a tagged value masked leaves it clear. */
    private static Set<Taint> mask(String at, JsonNode rule, Set<Taint> in) {
        FieldPath path = FieldPath.parse(at);
        String mode = rule.path("mode").asText();
        Set<Taint> next = new LinkedHashSet<>();
        for (Taint taint : in) {
            if (!path.covers(taint.at())) {
                next.add(mode.equals("remove") ? taint.movedTo(taint.at().afterRemovalAt(path)) : taint);
            } else if (!MaskHiding.removes(mode)) {
                next.add(taint.maskedBy(mode, MaskHiding.hides(taint.tag(), rule)));
            }
        }
        return next;
    }

    /** What a move surely takes goes; what it may take is both left and moved. */
    private static Set<Taint> rename(String fromPath, String toPath, Set<Taint> in) {
        FieldPath from = FieldPath.parse(fromPath);
        FieldPath to = FieldPath.parse(toPath);
        Set<Taint> next = new LinkedHashSet<>();
        for (Taint taint : in) {
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
        return next;
    }

    /** A copy adds the value at the new place. */
    private static Set<Taint> copy(String fromPath, String toPath, Set<Taint> in) {
        FieldPath from = FieldPath.parse(fromPath);
        FieldPath to = FieldPath.parse(toPath);
        Set<Taint> next = new LinkedHashSet<>();
        for (Taint taint : in) {
            next.add(taint);
            if (from.mayReach(taint.at())) {
                next.add(taint.movedTo(taint.at().rebase(from.size(), to)));
            } else if (taint.at().mayReach(from)) {
                next.add(taint.movedTo(to));
            }
        }
        return next;
    }

    /** A constant overwrites what its path surely covers. */
    private static Set<Taint> overwrite(String path, Set<Taint> in) {
        FieldPath to = FieldPath.parse(path);
        Set<Taint> next = new LinkedHashSet<>();
        for (Taint taint : in) {
            if (!to.covers(taint.at())) {
                next.add(taint);
            }
        }
        return next;
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
