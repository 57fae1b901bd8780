package dev.sluice.tracing;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where operators look a trace up: {@code SLUICE_TRACING_TRACE_URL} with {@code {traceId}} in it (Jaeger's
 * {@code https://jaeger.example.com/trace/{traceId}}, a Grafana Explore link...), checked at start.
 */
@Component
public class TraceLinks {

    static final String PLACEHOLDER = "{traceId}";
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

    private final String template;

    TraceLinks(@Value("${sluice.tracing.trace-url:}") String template) {
        this.template = template.strip();
        if (!this.template.isEmpty()) {
            check(this.template);
        }
    }

    private static void check(String template) {
        URI uri;
        try {
            uri = URI.create(template.replace(PLACEHOLDER, "0".repeat(32)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sluice.tracing.trace-url is not a URL: " + e.getMessage(), e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || !template.contains(PLACEHOLDER)) {
            throw new IllegalArgumentException("sluice.tracing.trace-url must be an http(s) URL with " + PLACEHOLDER
                    + " where the trace id goes, e.g. https://jaeger.example.com/trace/" + PLACEHOLDER + ", not "
                    + template);
        }
    }

    /** The page of trace {@code traceId} (32 lowercase hex digits), when a tracing UI is configured. */
    public Optional<String> of(String traceId) {
        if (template.isEmpty() || traceId == null || !TRACE_ID.matcher(traceId).matches()) {
            return Optional.empty();
        }
        return Optional.of(template.replace(PLACEHOLDER, traceId));
    }
}
