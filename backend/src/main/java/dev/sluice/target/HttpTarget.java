package dev.sluice.target;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.FailureKind;
import dev.sluice.pipeline.NodeCategory;
import dev.sluice.pipeline.NodeSpec;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.Setting;
import dev.sluice.pipeline.ValidationContext;

/**
 * Posts each event to a webhook as a structured CloudEvent, with a timeout, an {@code Idempotency-Key}
 * (the output's stable id) and optionally an HMAC-SHA-256 signature of the body. The webhook is an {@code http}
 * connection of the workspace plus a path (the connection carries any credentials, as headers), or a plain URL
 * that carries none.
 */
public final class HttpTarget implements TargetKind<HttpTarget.Config> {

    private static final NodeSpec<Config> SPEC = NodeSpec.target("target.http", Config.class)
            .shownAs(NodeCategory.TARGET, "vaadin:globe", "HTTP webhook",
                    "Sends each event to a webhook (timeout, Idempotency-Key, optional HMAC signature)")
            .withExample("""
                    {"url": "https://ledger.internal/events", "timeoutMs": 5000,
                     "signature": {"key": {"secret": "ledger-hmac"}}}
                    """)
            .describedBy(HttpTarget::describe);

    private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$");
    private static final Pattern PATH = Pattern.compile("^(/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)*(\\?[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)?$");
    private static final List<String> RESERVED = List.of("content-length", "host", "idempotency-key", "content-type");

    /**
     * @param connection an {@code http} connection of the workspace: the base URL and its headers
     * @param path       appended to the connection's base URL ({@code /events})
     * @param url        instead of a connection: where to send (http or https), without credentials
     * @param method     POST (default), PUT or PATCH
     * @param methods    event type (glob) → method, for types that need another method than {@code method}
     * @param deleteOn   event types sent as {@code DELETE} without a body (default {@code *.deleted}, {@code []} none)
     * @param timeoutMs  per request
     * @param headers    extra headers, plain text (credentials belong in the connection)
     * @param signature  signs the body with a workspace secret
     */
    public record Config(@Setting(format = "http-connection", pattern = Connections.NAME, title = "Webhook connection",
                                  description = "Which http" + Connections.CHOSEN) String connection,
                         @Setting(maxLength = 2000, title = "Path", description = "Appended to the connection's base URL, e.g."
                                 + " /events or /users/{$.data.userId}") String path,
                         @Setting(minLength = 1, maxLength = 2000, title = "URL", description = "Instead of a"
                                 + " connection: the http:// or https:// address, no credentials; {$.data.userId}"
                                 + " puts a value of the event in the path") String url,
                         @Setting(oneOf = {"POST", "PUT", "PATCH"}, defaultValue = "POST", title = "Method") String method,
                         @Setting(title = "Method per event type", description = "Event type → method, for types"
                                 + " sent otherwise; * matches any text")
                         Map<String, @Setting(oneOf = {"POST", "PUT", "PATCH", "DELETE"}) String> methods,
                         @Setting(defaultValue = "[\"*.deleted\"]", title = "Delete on event types",
                                  description = "Events of these types are sent as DELETE, without a body")
                         List<@Setting(pattern = TypePattern.SYNTAX) String> deleteOn,
                         @Setting(minimum = 100, maximum = 120000, defaultValue = "10000", title = "Timeout (ms)")
                         Integer timeoutMs,
                         @Setting(title = "Headers",
                                  description = "Plain values; tokens belong in the connection's headers")
                         Map<String, @Setting(maxLength = 4000) String> headers,
                         @Setting(title = "Signature", description = "HMAC-SHA-256 of the body, keyed by a secret")
                         Signature signature) {

        List<String> deleteTypes() {
            return deleteOn == null ? TypePattern.DELETES : deleteOn;
        }
    }

    /** @param header header carrying {@code sha256=<hex>} of the body */
    public record Signature(@Setting(required = true) SecretRef key,
                            @Setting(defaultValue = "X-Sluice-Signature") String header) {
    }


    @Override
    public NodeSpec<Config> spec() {
        return SPEC;
    }

    /** Method and where: {@code POST https://ledger.internal/events}, or the connection and path. */
    static String describe(JsonNode config) {
        String where = config.path("url").isTextual() ? config.path("url").asText()
                : config.path("connection").asText() + config.path("path").asText();
        return where.isEmpty() ? "" : config.path("method").asText("POST") + " " + where;
    }

    @Override
    public void validate(Config config, ValidationContext context, Problems problems) {
        if ((config.connection() == null) == (config.url() == null)) {
            problems.add(config.connection() == null ? ".connection" : ".url",
                    config.connection() == null ? "is required: an http connection of this workspace (or give a url)" : "give either a connection (and a path) or a url, not both");
            if (config.connection() == null) {
                return;
            }
        }
        if (config.connection() != null) {
            Connections.validate(config.connection(), Endpoint.Kind.HTTP, context, problems);
            String path = config.path() == null ? null : skeleton(config.path(), ".path", problems);
            if (path != null && (!PATH.matcher(path).matches() || path.contains("..") || path.startsWith("//"))) {
                problems.add(".path", "must be a path below the connection's URL, like /events (no .., no host)");
            }
        } else if (config.url() != null) {
            if (config.path() != null) {
                problems.add(".path", "goes with a connection; with a URL, write the whole address in url");
            }
            validateUrl(config.url(), problems);
        }
        if (config.methods() != null) {
            config.methods().keySet().forEach(type -> {
                if (!type.matches(TypePattern.SYNTAX)) {
                    problems.add(".methods" + Problems.key(type), "is not an event type (letters, digits, . _ : / - and *)");
                }
            });
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

    private static void validateUrl(String template, Problems problems) {
        String url = skeleton(template, ".url", problems);
        if (url == null) {
            return;
        }
        int firstValue = UrlTemplate.parse(template).firstValueAt();
        int pathStart = template.indexOf('/', template.indexOf("://") + 3);
        if (firstValue >= 0 && (pathStart < 0 || firstValue < pathStart)) {
            problems.add(".url", "can take values from the event only in its path, after the host");
            return;
        }
        try {
            URI uri = new URI(url);
            if (!List.of("http", "https").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
                problems.add(".url", "must be an http:// or https:// URL with a host");
            } else if (uri.getRawUserInfo() != null) {
                problems.add(".url", "must not contain credentials: put them in an http connection's headers");
            } else {
                HostPolicy.checkSyntax(uri.getHost()).ifPresent(why -> problems.add(".url", why));
            }
        } catch (java.net.URISyntaxException e) {
            problems.add(".url", "is not a valid URL: " + e.getReason());
        }
    }

    /** The template with its values as plain segments, or null (and a problem) when it does not parse. */
    private static String skeleton(String template, String at, Problems problems) {
        try {
            return UrlTemplate.parse(template).skeleton();
        } catch (IllegalArgumentException e) {
            problems.add(at, e.getMessage());
            return null;
        }
    }

    /** Where events go: the connection's base URL and the path, or the URL itself, each perhaps a template. */
    static Address address(Config config, Endpoint connection) {
        if (connection == null) {
            return new Address("", UrlTemplate.parse(config.url()), URI.create(config.url().split("\\{", 2)[0]).getHost());
        }
        String base = connection.url().endsWith("/") ? connection.url().substring(0, connection.url().length() - 1)
                : connection.url();
        return new Address(base, UrlTemplate.parse(config.path() == null ? "" : config.path()),
                URI.create(base).getHost());
    }

    /**
     * A webhook's address: a base and a (templated) rest, always on {@code host}.
     *
     * @param base the connection's URL, or empty for a plain URL
     */
    record Address(String base, UrlTemplate rest, String host) {

        /** Where an event goes. @throws TargetFailure (permanent) when it would leave the host */
        URI of(ObjectNode event) {
            return checked(URI.create(base + (rest.hasValues() ? rest.expand(event) : rest.skeleton())));
        }

        /** The address up to the first value: where a connection check asks. */
        URI fixedPart() {
            return checked(URI.create(base + rest.skeleton().substring(0, rest.hasValues() ? rest.firstValueAt()
                    : rest.skeleton().length())));
        }

        private URI checked(URI address) {
            if (!host.equals(address.getHost())) {
                throw new TargetFailure("the path leaves the connection's host", FailureKind.PERMANENT, null);
            }
            return address;
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

    /** An OPTIONS request: any HTTP answer means the server is there; 5xx is reported as reached but unwell. */
    @Override
    public ConnectionCheck check(Config config, TargetContext context) {
        Duration timeout = config.timeoutMs() == null ? ConnectionChecks.LIMIT
                : Duration.ofMillis(Math.min(config.timeoutMs(), ConnectionChecks.LIMIT.toMillis()));
        HttpDelivery.Destination destination;
        try {
            destination = HttpDelivery.destination(config, context);
        } catch (TargetFailure | IllegalStateException refused) {
            return ConnectionCheck.failed(refused.getMessage());
        }
        URI address = destination.address().fixedPart();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(address)
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .timeout(timeout);
            destination.headers().forEach(request::header);
            HttpResponse<Void> response = context.http().send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            String answered = "answered HTTP " + status + " to OPTIONS " + address;
            return status >= 500 ? ConnectionCheck.failed("The server " + answered + "; it may not accept events now")
                    : ConnectionCheck.reached("Reached: the server " + answered);
        } catch (HttpTimeoutException e) {
            return ConnectionCheck.failed("No answer from " + address + " within " + timeout.toMillis() + " ms");
        } catch (IOException | IllegalArgumentException e) {
            return ConnectionCheck.failed("Cannot reach " + address + ": " + ConnectionChecks.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionCheck.failed("The check was interrupted");
        }
    }
}
