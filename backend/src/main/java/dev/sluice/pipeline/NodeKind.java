package dev.sluice.pipeline;

import java.util.List;

import dev.sluice.flow.Problems;

/**
 * One kind of node, declared in one class: its {@link NodeSpec} (id, palette entry, config record and example), its
 * validation, its field effects and its runtime step. The designer's palette and property forms, the published flow
 * schema, the privacy guard and the docs all read these declarations.
 *
 * <p>Implementations are stateless singletons with a public no-argument constructor, found by
 * {@link NodeRegistry} on the class path; they must be thread-safe.
 *
 * @param <C> the configuration record, bound from the node's {@code config} after it passed the schema
 */
public interface NodeKind<C> {

    /** What the kind is: id, palette entry, config record and example. Returns the same object every time. */
    NodeSpec<C> spec();

    default String id() {
        return spec().id();
    }

    default NodeRole role() {
        return spec().role();
    }

    /**
     * Checks what the schema cannot: patterns that compile, paths that parse, sources the workspace may read.
     * Reports into {@code problems}, which is rooted at the node's {@code config}.
     */
    default void validate(C config, ValidationContext context, Problems problems) {
    }

    /**
     * What the node does to fields, in order, for the privacy guard. The default, {@link FieldEffect#ANYTHING},
     * is what a kind that declares nothing gets: every tagged value may end up anywhere in data. An empty list
     * says the node leaves fields as they are.
     */
    default List<FieldEffect> effects(C config) {
        return FieldEffect.ANYTHING;
    }

    /** The runtime step for a configuration that passed {@link #validate}. Called once per flow version. */
    NodeStep compile(C config, CompileContext context);
}
