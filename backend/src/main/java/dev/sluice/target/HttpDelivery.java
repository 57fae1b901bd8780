package dev.sluice.target;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.json.Json;
import dev.sluice.pipeline.FailureKind;

/**
 * {@code target.http}: each event as a structured CloudEvent, with {@code Idempotency-Key} (the output id)
 * and, when configured, {@code X-Sluice-Signature: sha256=<hex HMAC of the body>}; a delete type as {@code DELETE}
 * with the event's attributes as {@code ce-} headers and no body. The URL may take values from the event. 2xx
 * confirms, and for a delete so do 404 and 410 (already gone); 408, 429, 5xx, timeouts and connection errors are
 * transient; any other status is a permanent refusal.
 */
final class HttpDelivery implements Delivery {

    private final HttpClient http;
    private final HttpTarget.Address address;
    /** Per-type methods in the order given: the first whose type matches wins. */
    private final Map<TypePattern, String> methods = new LinkedHashMap<>();
    private final List<TypePattern> deletes;
    private final String method;
    private final Duration timeout;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] signingKey;
    private final String signatureHeader;

    HttpDelivery(HttpTarget.Config config, TargetContext context) {
        Destination destination = destination(config, context);
        this.http = context.http();
        this.address = destination.address();
        if (config.methods() != null) {
            config.methods().forEach((type, chosen) -> methods.put(TypePattern.of(type), chosen));
        }
        this.deletes = TypePattern.all(config.deleteTypes());
        this.method = config.method() == null ? "POST" : config.method();
        this.timeout = Duration.ofMillis(config.timeoutMs() == null ? 10_000 : config.timeoutMs());
        headers.putAll(destination.headers());
        if (config.headers() != null) {
            config.headers().forEach((name, value) -> headers.put(name, value));
        }
        this.signingKey = config.signature() == null ? null
                : context.secret(config.signature().key().secret(), "the HTTP signature");
        this.signatureHeader = config.signature() == null || config.signature().header() == null
                ? "X-Sluice-Signature" : config.signature().header();
    }

    /**
     * Where a config sends, with the headers of its connection (secrets resolved), once the connection or the URL has
     * passed the platform's rules.
     *
     * @throws TargetFailure (permanent) when the connection or the URL may not be used
     */
    static Destination destination(HttpTarget.Config config, TargetContext context) {
        if (config.connection() == null) {
            context.reach().rules().refusal(config.url()).ifPresent(why -> {
                throw new TargetFailure("the URL may not be used: " + why, FailureKind.PERMANENT, null);
            });
            return new Destination(HttpTarget.address(config, null), Map.of());
        }
        Endpoint connection = context.endpoint(config.connection(), Endpoint.Kind.HTTP);
        return new Destination(HttpTarget.address(config, connection), resolve(connection.headers(), context));
    }

    /** @param headers the connection's, with their secrets' values */
    record Destination(HttpTarget.Address address, Map<String, String> headers) {
    }

    /** A connection's headers with their secrets' values: they go to that connection's host only. */
    static Map<String, String> resolve(Map<String, Object> headers, TargetContext context) {
        Map<String, String> resolved = new LinkedHashMap<>();
        headers.forEach((name, value) -> resolved.put(name, value instanceof SecretRef reference
                ? context.secretText(reference, "the header " + name)
                : String.valueOf(value)));
        return resolved;
    }

    @Override
    public CompletableFuture<Void> deliver(ObjectNode event, String outputId) {
        String method = methodFor(event.path("type").textValue());
        URI url;
        byte[] body;
        try {
            url = address.of(event);
            body = method.equals("DELETE") ? new byte[0] : Json.MAPPER.writeValueAsBytes(event);
        } catch (TargetFailure refused) {
            return CompletableFuture.failedFuture(refused);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new TargetFailure("cannot serialize the event", FailureKind.PERMANENT, e));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Idempotency-Key", outputId)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (body.length == 0) {
            // a delete has no body: the event's identity travels as CloudEvents binary-mode headers
            for (String attribute : List.of("specversion", "id", "source", "type", "subject", "time")) {
                if (event.path(attribute).isTextual()) {
                    request.header("ce-" + attribute, event.path(attribute).asText());
                }
            }
        } else {
            request.header("Content-Type", "application/cloudevents+json; charset=utf-8");
        }
        headers.forEach(request::header);
        if (signingKey != null) {
            request.header(signatureHeader, "sha256=" + hmac(body));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                        String why = cause instanceof HttpTimeoutException ? "timed out after " + timeout.toMillis() + " ms"
                                : cause instanceof ConnectException ? "connection refused"
                                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
                        throw new TargetFailure(method + " " + url + " " + why, FailureKind.TRANSIENT, cause);
                    }
                    int status = response.statusCode();
                    if (status >= 200 && status < 300 || method.equals("DELETE") && (status == 404 || status == 410)) {
                        return null;
                    }
                    boolean retry = status == 408 || status == 429 || status >= 500;
                    throw new TargetFailure(method + " " + url + " answered " + status,
                            retry ? FailureKind.TRANSIENT : FailureKind.PERMANENT, null);
                });
    }

    /** The method an event of {@code type} is sent with: its type's, else DELETE for a delete type, else the default. */
    private String methodFor(String type) {
        if (type != null) {
            for (Map.Entry<TypePattern, String> entry : methods.entrySet()) {
                if (entry.getKey().matches(type)) {
                    return entry.getValue();
                }
            }
        }
        return TypePattern.anyMatches(deletes, type) ? "DELETE" : method;
    }

    private String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
