package dev.sluice.target;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.NodeCategory;
import dev.sluice.pipeline.NodeSpec;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.Setting;

/** Writes what reaches it to the application log: for trying flows out, never for personal data in production. */
public final class LogTarget implements TargetKind<LogTarget.Config> {

    private static final NodeSpec<Config> SPEC = NodeSpec.target("target.log", Config.class)
            .shownAs(NodeCategory.TARGET, "vaadin:notebook", "Log", "Logs each event it receives (for trying flows out)")
            .withExample("""
                    {"label": "finance-preview"}
                    """)
            .describedBy(LogTarget::describe);

    /** @param label a prefix for the log line, to tell several log targets apart */
    public record Config(@Setting(maxLength = 100, title = "Label",
                                  description = "Shown before each logged event") String label) {
    }


    @Override
    public NodeSpec<Config> spec() {
        return SPEC;
    }

    /** The label logged lines start with. */
    static String describe(JsonNode config) {
        return config.path("label").asText();
    }

    @Override
    public NodeStep compile(Config config, CompileContext context) {
        return List::of;
    }

    @Override
    public Delivery open(Config config, TargetContext context) {
        return new LogDelivery(config);
    }

    @Override
    public ConnectionCheck check(Config config, TargetContext context) {
        return ConnectionCheck.reached("Nothing to connect to: events go to the application log");
    }
}
