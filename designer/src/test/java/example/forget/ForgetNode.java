package example.forget;

import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.EventPath;
import dev.sluice.pipeline.FieldEffect;
import dev.sluice.pipeline.NodeCategory;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeSpec;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.Setting;

/**
 * A node kind written as a user of Sluice would add one, in one class: it forgets (removes) one field. Outside
 * {@code dev.sluice}, so the built-in registry never finds it; tests register it themselves.
 */
public final class ForgetNode implements NodeKind<ForgetNode.Config> {

    private static final NodeSpec<Config> SPEC = NodeSpec.processor("forget", Config.class)
            .shownAs(NodeCategory.PRIVACY, "vaadin:eraser", "Forget a field", "Removes one field from every event")
            .withExample("""
                    {"path": "$.data.email"}
                    """);

    /** @param path the field to remove */
    public record Config(@Setting(required = true, minLength = 1, title = "Field",
                                  description = "The field to remove, e.g. $.data.email") String path) {
    }

    @Override
    public NodeSpec<Config> spec() {
        return SPEC;
    }

    @Override
    public List<FieldEffect> effects(Config config) {
        return List.of(new FieldEffect.Mask(config.path(), JsonNodeFactory.instance.objectNode().put("mode", "remove")));
    }

    @Override
    public NodeStep compile(Config config, CompileContext context) {
        EventPath path = EventPath.compile(config.path());
        return event -> {
            path.removeAll(event);
            return List.of(event);
        };
    }
}
