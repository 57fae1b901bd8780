package dev.sluice.pipeline.kind;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.Descriptions;
import dev.sluice.pipeline.EventPath;
import dev.sluice.pipeline.FieldEffect;
import dev.sluice.pipeline.NodeCategory;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeSpec;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.Setting;
import dev.sluice.pipeline.ValidationContext;

/**
 * Moves fields, in order, as JSON Patch's {@code move} does: the value is removed from {@code from} (later
 * array elements shift down) and written at {@code to}, replacing what is there and creating missing objects
 * and arrays on the way. A move whose {@code from} is absent does nothing. The required attributes cannot be
 * moved away; what may be written where follows {@link SetNode}.
 */
public final class RenameNode implements NodeKind<RenameNode.Config> {

    private static final NodeSpec<Config> SPEC = NodeSpec.processor("rename", Config.class)
            .shownAs(NodeCategory.TRANSFORM, "vaadin:exchange", "Rename fields",
                    "Moves fields to other names or places, in data or to and from attributes")
            .withExample("""
                    {"moves": [{"from": "$.data.user_id", "to": "$.data.userId"},
                               {"from": "$.data.address.zip", "to": "$.data.postalCode"},
                               {"from": "$.data.region", "to": "$.region"}]}
                    """)
            .describedBy(RenameNode::describe);

    private static final Set<String> REQUIRED_ATTRIBUTES = Set.of("id", "source", "specversion", "type");

    /** @param moves the moves, applied in order */
    @Setting(title = "Rename fields", description = "Moves fields to other names or places, in order")
    public record Config(@Setting(required = true, minItems = 1, title = "Moves",
                                  description = "Applied in order; a move whose field is absent does nothing")
                         List<Move> moves) {
        public Config {
            moves = moves == null ? List.of() : List.copyOf(moves);
        }
    }

    /**
     * @param from the field to move
     * @param to   where it goes
     */
    public record Move(@Setting(required = true, minLength = 1, title = "Field", description = "The field to move,"
                               + " e.g. $.data.user_id; no wildcards; id, source, specversion and type stay")
                       String from,
                       @Setting(required = true, minLength = 1, title = "New place", description = "Where it goes, e.g."
                               + " $.data.userId or an attribute such as $.subject; what is there is replaced")
                       String to) {
    }

    private record CompiledMove(EventPath from, EventPath to) {
    }

    @Override
    public NodeSpec<Config> spec() {
        return SPEC;
    }

    /** The first move and how many more: {@code user_id → userId (+2)}. */
    static String describe(JsonNode config) {
        return Descriptions.firstAndCount(config.path("moves"), move -> Descriptions.field(move.path("from").asText())
                + " → " + Descriptions.field(move.path("to").asText()));
    }

    @Override
    public void validate(Config config, ValidationContext context, Problems problems) {
        for (int i = 0; i < config.moves().size(); i++) {
            Move move = config.moves().get(i);
            Problems at = problems.at(".moves[" + i + "]");
            EventPath from = SetNode.definitePath(move.from(), at.at(".from"));
            if (from != null && from.isRoot()) {
                at.add(".from", "cannot move the whole event: name a field, e.g. $.data.…");
            } else if (from != null) {
                SetNode.attributeName(from).filter(REQUIRED_ATTRIBUTES::contains).ifPresent(name -> at.add(".from",
                        "'" + name + "' is a required CloudEvent attribute and cannot be moved away"));
            }
            EventPath to = SetNode.definitePath(move.to(), at.at(".to"));
            if (to != null) {
                SetNode.checkTarget(to, at.at(".to"));
            }
        }
    }

    @Override
    public List<FieldEffect> effects(Config config) {
        return config.moves().stream().<FieldEffect>map(move -> new FieldEffect.Move(move.from(), move.to())).toList();
    }

    @Override
    public NodeStep compile(Config config, CompileContext context) {
        List<CompiledMove> moves = config.moves().stream()
                .map(move -> new CompiledMove(EventPath.compile(move.from()), EventPath.compile(move.to())))
                .toList();
        boolean checkAttributes = moves.stream().anyMatch(move -> !move.to().isUnderData());
        return event -> {
            for (CompiledMove move : moves) {
                List<EventPath.Location> found = move.from().locate(event);
                if (found.isEmpty()) {
                    continue;
                }
                EventPath.Location location = found.getFirst();
                JsonNode value = location.value();
                location.remove();
                if (!move.to().write(event, value)) {
                    throw SetNode.cannotWrite(move.to());
                }
            }
            if (checkAttributes) {
                SetNode.requireCloudEvent(event);
            }
            return List.of(event);
        };
    }
}
