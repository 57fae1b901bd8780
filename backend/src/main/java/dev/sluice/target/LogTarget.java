package dev.sluice.target;

import java.util.List;

import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.NodeStep;

/** Writes what reaches it to the application log: for trying flows out, never for personal data in production. */
public final class LogTarget implements TargetKind<LogTarget.Config> {

    /** @param label a prefix for the log line, to tell several log targets apart */
    public record Config(String label) {
    }

    @Override
    public String id() {
        return "target.log";
    }

    @Override
    public String summary() {
        return "Logs each event it receives (for trying flows out)";
    }


    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public String configSchema() {
        return """
                {"type": "object", "additionalProperties": false,
                 "properties": {"label": {"type": "string", "maxLength": 100, "title": "Label",
                                          "description": "Shown before each logged event"}}}
                """;
    }

    @Override
    public String example() {
        return """
                {"label": "finance-preview"}
                """;
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
