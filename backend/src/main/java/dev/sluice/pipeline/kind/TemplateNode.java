package dev.sluice.pipeline.kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.sluice.cloudevent.CloudEventRules;
import dev.sluice.flow.Problems;
import dev.sluice.json.Json;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.EventPath;
import dev.sluice.pipeline.FailureKind;
import dev.sluice.pipeline.NodeCategory;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeSpec;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.Setting;
import dev.sluice.pipeline.StepFailure;
import dev.sluice.pipeline.ValidationContext;
import dev.sluice.template.CompiledTemplate;
import dev.sluice.template.TemplateFailure;
import dev.sluice.template.TemplateProblem;
import dev.sluice.template.TemplateRenderer;

/**
 * Renders a new payload with Apache Velocity, from an inline {@code template} or a {@code library} template, in
 * the {@link TemplateRenderer}. Variables: the event's attributes and {@code data} ({@code $type},
 * {@code $data.name}), {@code $event} for the whole event, the node's {@code variables}, and the toolbox
 * {@code $json}, {@code $date}, {@code $mask}. Inserted values are JSON-escaped.
 *
 * <p>The node's {@code variables} work as Apache EventMesh's template transformer reads its {@code value}: a value
 * starting with {@code $} is a JSONPath read from the event, anything else a constant text; a name may have
 * hyphens ({@code ${data-name}}); a variable whose path finds nothing or null inserts {@code null}.
 *
 * <p>What the output becomes: the rendered text is parsed as JSON. A JSON object with a {@code specversion} member
 * is a whole CloudEvent and replaces the event (it must be a valid CloudEvent). Any other JSON value (object,
 * array, string, number...) becomes the event's {@code data}; the other attributes stay, {@code datacontenttype}
 * becomes {@code application/json} and {@code data_base64} goes. Output that is empty or only whitespace drops the
 * event. Output that is not JSON is text, as an EventMesh template writes: rendered again with values inserted as
 * they are (not JSON-escaped), it becomes the event's {@code data} as a string with {@code datacontenttype}
 * {@code text/plain}; except that output starting with <code>{</code> or {@code [} was meant as JSON, so when it is
 * not, the event fails as before.
 */
public final class TemplateNode implements NodeKind<TemplateNode.Config> {

    private static final NodeSpec<Config> SPEC = NodeSpec.processor("template", Config.class)
            .shownAs(NodeCategory.CODE, "vaadin:file-code", "Template",
                    "Renders a new payload with an Apache Velocity template, inline or from the library")
            .withExample("""
                    {"library": "finance-payment-record"}
                    """)
            .describedBy(TemplateNode::describe);

    private static final Set<String> RESERVED = Set.of("event", "json", "date", "mask", "data", "id", "source",
            "type", "specversion");

    /**
     * @param template  Velocity template text; or
     * @param library   the name of a shipped template ({@code finance-payment-record})
     * @param variables more top-level variables, each read from the event by a JSONPath ({@code $.data.name}) or a
     *                  constant text (anything not starting with {@code $}), as EventMesh's {@code value}
     */
    @Setting(exactlyOneOf = {"template", "library"})
    public record Config(@Setting(minLength = 1, title = "Template", contentMediaType = "text/x-velocity",
                                  description = "Velocity; renders JSON or text: a CloudEvent (with specversion) replaces"
                                          + " the event, any other JSON value becomes its data, other text becomes its"
                                          + " data as text/plain, nothing drops it") String template,
                         @Setting(minLength = 1, title = "Library template",
                                  description = "A template shipped with Sluice, e.g. finance-payment-record")
                         String library,
                         @Setting(title = "Variables", description = "More variables for the template, as in EventMesh:"
                                 + " each a JSONPath read from the event ($.data.name; null when it finds nothing) or a"
                                 + " constant text; a hyphenated name is written ${data-name}")
                         Map<String, @Setting(minLength = 1) String> variables) {
        public Config {
            variables = variables == null ? Map.of() : new LinkedHashMap<>(variables);
        }
    }

    @Override
    public NodeSpec<Config> spec() {
        return SPEC;
    }

    /** The library template's name, or the inline template's first line. */
    static String describe(JsonNode config) {
        if (config.path("library").isTextual()) {
            return config.path("library").asText();
        }
        return config.path("template").asText().lines().map(String::strip).filter(line -> !line.isEmpty())
                .findFirst().orElse("");
    }

    @Override
    public void validate(Config config, ValidationContext context, Problems problems) {
        if (config.library() != null) {
            if (TemplateRenderer.library(config.library()).isEmpty()) {
                problems.add(".library", "no library template is named '" + config.library() + "' (there are: "
                        + String.join(", ", TemplateRenderer.libraryNames()) + ")");
            }
        } else {
            for (TemplateProblem problem : TemplateRenderer.shared().check(config.template())) {
                problems.add(".template", problem.toString());
            }
        }
        config.variables().forEach((name, path) -> {
            String at = ".variables" + Problems.key(name);
            if (!name.matches("[A-Za-z][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*")) {
                problems.add(at, "a variable name is letters, digits, _ and inner - and starts with a letter");
            } else if (RESERVED.contains(name)) {
                problems.add(at, "'" + name + "' is already a template variable; choose another name");
            }
            if (isPath(path)) {
                try {
                    EventPath.compile(path);
                } catch (IllegalArgumentException e) {
                    problems.add(at, e.getMessage());
                }
            }
        });
    }

    @Override
    public NodeStep compile(Config config, CompileContext context) {
        String name = config.library() != null ? config.library() : "inline";
        String text = config.library() != null ? TemplateRenderer.library(config.library()).orElseThrow() : config.template();
        Map<String, EventPath> paths = new LinkedHashMap<>();
        Map<String, JsonNode> constants = new LinkedHashMap<>();
        config.variables().forEach((variable, value) -> {
            if (isPath(value)) {
                paths.put(variable, EventPath.compile(value));
            } else {
                constants.put(variable, TextNode.valueOf(value));
            }
        });
        return new Step(TemplateRenderer.shared().compile(text, name), paths, constants);
    }

    /** As EventMesh tells a JSONPath from a constant; a mistyped path is reported rather than taken as text. */
    private static boolean isPath(String value) {
        return value.startsWith("$");
    }

    private record Step(CompiledTemplate template, Map<String, EventPath> paths, Map<String, JsonNode> constants)
            implements NodeStep {

        @Override
        public List<ObjectNode> apply(ObjectNode event) throws StepFailure {
            Map<String, JsonNode> values = values(event);
            String rendered = render(event, values, false);
            if (rendered.isBlank()) {
                return List.of();
            }
            JsonNode output;
            try {
                output = Json.MAPPER.readTree(rendered);
            } catch (JsonProcessingException e) {
                if (meantAsJson(rendered)) {
                    throw new StepFailure("the template rendered text that is not JSON"
                            + (e.getLocation() == null ? "" : " (output line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr() + ")"));
                }
                String text = render(event, values, true);
                if (text.isBlank()) {
                    return List.of();
                }
                event.remove("data_base64");
                event.put("datacontenttype", "text/plain");
                event.put("data", text);
                return List.of(event);
            }
            if (output.isObject() && output.has("specversion")) {
                Problems problems = new Problems();
                if (!CloudEventRules.check(output, problems)) {
                    throw new StepFailure("the template rendered an event that is not a CloudEvent: " + String.join("; ",
                            problems.all().stream().map(p -> p.path() + " " + p.message()).toList()));
                }
                return List.of((ObjectNode) output);
            }
            event.remove("data_base64");
            event.put("datacontenttype", "application/json");
            event.set("data", output);
            return List.of(event);
        }

        private String render(ObjectNode event, Map<String, JsonNode> values, boolean text) throws StepFailure {
            try {
                return text ? template.renderText(event, values) : template.render(event, values);
            } catch (TemplateFailure failure) {
                throw new StepFailure(failure.getMessage(),
                        failure.isOverBudget() ? FailureKind.BUDGET : FailureKind.PERMANENT, null);
            }
        }

        private static boolean meantAsJson(String rendered) {
            String start = rendered.stripLeading();
            return start.startsWith("{") || start.startsWith("[");
        }

        private Map<String, JsonNode> values(ObjectNode event) {
            Map<String, JsonNode> values = new LinkedHashMap<>(constants);
            paths.forEach((name, path) -> {
                if (path.isDefinite()) {
                    values.put(name, path.read(event));
                } else {
                    List<JsonNode> found = new ArrayList<>();
                    path.locate(event).forEach(location -> found.add(location.value()));
                    values.put(name, Json.MAPPER.valueToTree(found));
                }
            });
            return values;
        }

        @Override
        public String dropReason() {
            return "the template rendered nothing";
        }
    }
}
