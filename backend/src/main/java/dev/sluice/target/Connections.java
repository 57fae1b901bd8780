package dev.sluice.target;

import dev.sluice.flow.Problems;
import dev.sluice.pipeline.ValidationContext;

/** How target configs name a workspace connection: the schema of the reference and its validation. */
final class Connections {

    private Connections() {
    }

    /** JSON Schema of a {@code connection} setting; {@code format} tells the designer which connections to offer. */
    static String schema(Endpoint.Kind kind, String title) {
        return """
                {"type": "string", "format": "%s-connection", "pattern": "^[a-z0-9][a-z0-9._-]{0,63}$",
                 "title": "%s connection",
                 "description": "Which %s connection of this workspace to use (its owner defines where it points and its credentials)"}"""
                .formatted(kind.id(), title, kind.id());
    }

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
