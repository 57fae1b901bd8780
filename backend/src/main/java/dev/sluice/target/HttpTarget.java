package dev.sluice.target;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.ValidationContext;

/**
 * Posts each event to a webhook as a structured CloudEvent, with a timeout, an {@code Idempotency-Key}
 * (the output's stable id) and optionally an HMAC-SHA-256 signature of the body.
 */
public final class HttpTarget implements TargetKind<HttpTarget.Config> {

    private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$");
    private static final List<String> RESERVED = List.of("content-length", "host", "idempotency-key", "content-type");

    /**
     * @param url       where to send (http or https)
     * @param method    POST (default) or PUT
     * @param timeoutMs per request
     * @param headers   extra headers; a secret reference as the value keeps tokens out of the flow
     * @param signature signs the body with a workspace secret
     */
    public record Config(String url, String method, Integer timeoutMs, Map<String, Object> headers,
                         Signature signature) {
    }

    /** @param header header carrying {@code sha256=<hex>} of the body */
    public record Signature(SecretRef key, String header) {
    }

    @Override
    public String id() {
        return "target.http";
    }

    @Override
    public String summary() {
        return "Sends each event to a webhook (timeout, Idempotency-Key, optional HMAC signature)";
    }


    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public String configSchema() {
        return """
                {"type": "object", "required": ["url"], "additionalProperties": false,
                 "properties": {
                   "url": {"type": "string", "minLength": 1, "maxLength": 2000, "title": "URL",
                           "description": "http:// or https:// address of the receiving system"},
                   "method": {"enum": ["POST", "PUT"], "default": "POST", "title": "Method"},
                   "timeoutMs": {"type": "integer", "minimum": 100, "maximum": 120000, "default": 10000,
                                 "title": "Timeout (ms)"},
                   "headers": {"type": "object", "title": "Headers",
                               "additionalProperties": {"oneOf": [{"type": "string", "maxLength": 4000}, %s]}},
                   "signature": {"type": "object", "required": ["key"], "additionalProperties": false,
                                 "title": "Signature", "description": "HMAC-SHA-256 of the body, keyed by a secret",
                                 "properties": {"key": %s,
                                                "header": {"type": "string", "default": "X-Sluice-Signature"}}}}}
                """.formatted(SecretRef.SCHEMA, SecretRef.SCHEMA);
    }

    @Override
    public String example() {
        return """
                {"url": "https://ledger.internal/events", "timeoutMs": 5000,
                 "headers": {"Authorization": {"secret": "ledger-token"}},
                 "signature": {"key": {"secret": "ledger-hmac"}}}
                """;
    }

    @Override
    public void validate(Config config, ValidationContext context, Problems problems) {
        try {
            URI uri = new URI(config.url());
            if (!List.of("http", "https").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
                problems.add(".url", "must be an http:// or https:// URL with a host");
            } else if (uri.getUserInfo() != null) {
                problems.add(".url", "must not contain credentials: put a token in a header from a secret");
            }
        } catch (java.net.URISyntaxException e) {
            problems.add(".url", "is not a valid URL: " + e.getReason());
        }
        if (config.headers() != null) {
            config.headers().keySet().forEach(name -> {
                if (!HEADER_NAME.matcher(name).matches()) {
                    problems.add(".headers" + Problems.key(name), "is not a valid header name");
                } else if (RESERVED.contains(name.toLowerCase())) {
                    problems.add(".headers" + Problems.key(name), "is set by Sluice and cannot be configured");
                }
            });
        }
        if (config.signature() != null && config.signature().header() != null
                && !HEADER_NAME.matcher(config.signature().header()).matches()) {
            problems.add(".signature.header", "is not a valid header name");
        }
    }

    @Override
    public NodeStep compile(Config config, CompileContext context) {
        return List::of;
    }

    @Override
    public Delivery open(Config config, TargetContext context) {
        return new HttpDelivery(config, context);
    }

    @Override
    public ConnectionCheck check(Config config, TargetContext context) {
        return ConnectionChecks.http(config, context);
    }
}
