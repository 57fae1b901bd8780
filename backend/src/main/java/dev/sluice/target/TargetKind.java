package dev.sluice.target;

import java.util.List;

import dev.sluice.pipeline.FieldEffect;
import dev.sluice.pipeline.NodeKind;

/**
 * A node kind that ends a flow: besides its config, validation and (pass-through) step, it opens the
 * {@link Delivery} the engine sends events with. Declared in one class, like every kind.
 */
public interface TargetKind<C> extends NodeKind<C> {

    /** A target sends on what reaches it; one that writes less (some fields) says so. */
    @Override
    default List<FieldEffect> effects(C config) {
        return List.of();
    }

    /** Opens a delivery for a validated config; called once per deployed flow version and target node. */
    Delivery open(C config, TargetContext context);

    /** Checks, for a validated config, that the target can be reached ("test connection"), without sending an event. */
    ConnectionCheck check(C config, TargetContext context);
}
