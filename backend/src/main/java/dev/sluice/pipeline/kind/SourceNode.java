package dev.sluice.pipeline.kind;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.Flow;
import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.Descriptions;
import dev.sluice.pipeline.FieldEffect;
import dev.sluice.pipeline.NodeCategory;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeSpec;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.Setting;
import dev.sluice.pipeline.ValidationContext;

/** The flow's entry: which event source it reads and which of its event types it takes (all when none listed). */
public final class SourceNode implements NodeKind<SourceNode.Config> {

    private static final NodeSpec<Config> SPEC = NodeSpec.source(Flow.SOURCE_KIND, Config.class)
            .shownAs(NodeCategory.SOURCE, "vaadin:sign-in", "Source",
                    "Reads events from an event source, optionally only some event types")
            .withExample("""
                    {"source": "user-center.users", "types": ["user.payment.updated"]}
                    """)
            .describedBy(SourceNode::describe);

    /**
     * @param source the event source's name ({@code user-center.users})
     * @param types  event types to take; empty or absent takes every type
     */
    public record Config(@Setting(required = true, minLength = 1, title = "Event source",
                                  description = "Name of a source your workspace may subscribe to") String source,
                         @Setting(uniqueItems = true, title = "Event types",
                                  description = "Only these event types; leave empty for all")
                         List<@Setting(minLength = 1) String> types) {
        public Config {
            types = types == null ? List.of() : List.copyOf(types);
        }
    }

    @Override
    public NodeSpec<Config> spec() {
        return SPEC;
    }

    /** The source and the types taken: {@code user-center.users · user.payment.updated}. */
    static String describe(JsonNode config) {
        String types = Descriptions.joined(config.path("types"), ", ");
        return config.path("source").asText() + (types.isEmpty() ? "" : " · " + types);
    }

    @Override
    public void validate(Config config, ValidationContext context, Problems problems) {
        Optional<ValidationContext.SourceInfo> source = context.sources().find(config.source());
        if (source.isEmpty()) {
            problems.add(".source", "no event source is named '" + config.source() + "'");
            return;
        }
        if (!source.get().subscribable()) {
            problems.add(".source", "workspace '" + context.workspace() + "' may not subscribe to '"
                    + config.source() + "': ask the source's owner for a grant");
        }
        List<String> known = source.get().eventTypes();
        for (int i = 0; i < config.types().size(); i++) {
            if (!known.isEmpty() && !known.contains(config.types().get(i))) {
                problems.add(".types[" + i + "]", "'" + config.types().get(i) + "' is not an event type of "
                        + config.source() + " (" + String.join(", ", known) + ")");
            }
        }
    }

    /** Events enter as they are. */
    @Override
    public List<FieldEffect> effects(Config config) {
        return List.of();
    }

    @Override
    public NodeStep compile(Config config, CompileContext context) {
        Set<String> types = Set.copyOf(config.types());
        return new NodeStep() {
            @Override
            public List<ObjectNode> apply(ObjectNode event) {
                return types.isEmpty() || types.contains(event.path("type").asText()) ? List.of(event) : List.of();
            }

            @Override
            public String dropReason() {
                return "its type is not one of " + String.join(", ", config.types());
            }
        };
    }
}
