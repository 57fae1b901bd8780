package dev.sluice.template;

import java.io.StringWriter;
import java.io.Writer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.exception.VelocityException;

import dev.sluice.json.Json;

/**
 * A parsed template, rendered once per event. The context holds the event's attributes and {@code data} as
 * top-level variables ({@code $type}, {@code $data.name}), the whole event as {@code $event}, any extra
 * variables, and the toolbox ({@code $json}, {@code $date}, {@code $mask}, which win over attributes of the same
 * name; those stay reachable as {@code $event.json}). Thread-safe: Velocity templates are, and all else is per call.
 *
 * <p>The extra variables follow Apache EventMesh's template transformer where Velocity would differ: a variable whose
 * value is missing or null inserts {@code null} (Velocity would show the reference as written; {@code $!name} still
 * inserts nothing), and a hyphenated name is written {@code ${data-name}} (see {@link HyphenatedNames}); a braced
 * hyphenated name that is no variable stays as written, as EventMesh leaves an unknown {@code ${name}}.
 */
public final class CompiledTemplate {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final JsonTool JSON = new JsonTool();
    private static final DateTool DATE = new DateTool();
    private static final MaskTool MASK = new MaskTool();
    private static final MethodFailures FAILURES = new MethodFailures();

    private final Template template;
    private final TemplateLimits limits;
    private final Map<String, String> aliases;

    CompiledTemplate(Template template, TemplateLimits limits, Map<String, String> aliases) {
        this.template = template;
        this.limits = limits;
        this.aliases = aliases;
    }

    /**
     * Renders one event for JSON output: every inserted value JSON-escaped ({@link JsonInsertion}).
     *
     * @param event     the CloudEvent
     * @param variables more top-level variables (the node's {@code variables}); may be empty
     */
    public String render(JsonNode event, Map<String, JsonNode> variables) throws TemplateFailure {
        return render(event, variables, true);
    }

    /**
     * Renders one event for text output: strings inserted as they are, since nothing will read the result as
     * JSON; maps and lists still as JSON.
     */
    public String renderText(JsonNode event, Map<String, JsonNode> variables) throws TemplateFailure {
        return render(event, variables, false);
    }

    private String render(JsonNode event, Map<String, JsonNode> variables, boolean escape) throws TemplateFailure {
        Map<String, Object> attributes = Json.MAPPER.convertValue(event, MAP);
        VelocityContext context = new VelocityContext();
        attributes.forEach(context::put);
        Map<String, String> whenNull = new HashMap<>();
        aliases.forEach((name, alias) -> whenNull.put(alias, "${" + name + "}"));
        variables.forEach((name, value) -> {
            String reference = aliases.getOrDefault(name, name);
            context.put(reference, value == null ? null : Json.MAPPER.convertValue(value, Object.class));
            whenNull.put(reference, "null");
        });
        context.put("event", attributes);
        context.put("json", JSON);
        context.put("date", DATE);
        context.put("mask", MASK);
        EventCartridge handlers = new EventCartridge();
        handlers.addReferenceInsertionEventHandler(new JsonInsertion(escape, whenNull));
        handlers.addMethodExceptionHandler(FAILURES);
        handlers.addIncludeEventHandler(FAILURES);
        handlers.attachToContext(context);
        Writer out = new BoundedWriter(limits.maxOutputChars());
        RenderBudget.start(limits);
        try {
            template.merge(context, out);
            return out.toString();
        } catch (RenderBudget.Stopped | AllowlistUberspector.Denied e) {
            throw new TemplateFailure(e.getMessage(), RenderBudget.Stopped.overBudget(e));
        } catch (MethodInvocationException e) {
            throw new TemplateFailure(describe(e), RenderBudget.Stopped.overBudget(e.getCause()));
        } catch (VelocityException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RenderBudget.Stopped || cause instanceof AllowlistUberspector.Denied) {
                throw new TemplateFailure(cause.getMessage(), RenderBudget.Stopped.overBudget(cause));
            }
            throw new TemplateFailure("the template failed (" + e.getClass().getSimpleName() + ")");
        } catch (StackOverflowError e) {
            throw new TemplateFailure("the template nested too deeply");
        } finally {
            RenderBudget.end();
        }
    }

    private static String describe(MethodInvocationException e) {
        String where = "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": ";
        Throwable cause = e.getCause();
        if (cause instanceof ToolFailure || cause instanceof RenderBudget.Stopped
                || cause instanceof AllowlistUberspector.Denied) {
            return cause instanceof ToolFailure ? where + cause.getMessage() : cause.getMessage();
        }
        return where + e.getReferenceName() + "." + e.getMethodName() + "() failed ("
                + (cause == null ? "no reason" : cause.getClass().getSimpleName()) + ")";
    }

    /** A StringWriter that refuses to grow past the output limit. */
    private static final class BoundedWriter extends StringWriter {
        private final int max;

        BoundedWriter(int max) {
            this.max = max;
        }

        @Override
        public void write(String text, int offset, int length) {
            guard(length);
            super.write(text, offset, length);
        }

        @Override
        public void write(char[] text, int offset, int length) {
            guard(length);
            super.write(text, offset, length);
        }

        @Override
        public void write(int c) {
            guard(1);
            super.write(c);
        }

        @Override
        public void write(String text) {
            write(text, 0, text.length());
        }

        private void guard(int more) {
            if (getBuffer().length() + more > max) {
                throw new RenderBudget.Stopped(true, "the template rendered more than its limit of " + max
                        + " characters");
            }
        }
    }
}
