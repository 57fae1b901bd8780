package dev.sluice.target;

import dev.sluice.flow.Problems;
import dev.sluice.pipeline.ValidationContext;

/** How target configs name a workspace connection: what the name looks like and its validation. */
final class Connections {

    private Connections() {
    }

    /** What a connection's name looks like, as the {@code connection} settings' schemas say. */
    static final String NAME = "^[a-z0-9][a-z0-9._-]{0,63}$";
    /** The rest of those settings' descriptions, after "Which http" (or jdbc, rabbitmq). */
    static final String CHOSEN = " connection of this workspace to use (its owner defines where it points and its"
            + " credentials)";

    static void validate(String name, Endpoint.Kind kind, ValidationContext context, Problems problems) {
        context.connections().kind(name).ifPresentOrElse(found -> {
            if (!found.equals(ValidationContext.ANY_KIND) && !found.equals(kind.id())) {
                problems.add(".connection", "'" + name + "' is a " + found + " connection; this target needs a "
                        + kind.id() + " connection");
            }
        }, () -> problems.add(".connection", "workspace " + context.workspace() + " has no connection named '" + name
                + "'; its owner defines connections under Connections"));
    }
}
