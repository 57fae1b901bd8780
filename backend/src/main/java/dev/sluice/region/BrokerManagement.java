package dev.sluice.region;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.json.Json;

/**
 * The part of a RabbitMQ cluster's management HTTP API that links regions: federation upstreams (the clusters this
 * one takes exchanges' messages from), the policies that federate exchanges from them, and the state of the links.
 * The cluster needs the plugins {@code rabbitmq_management}, {@code rabbitmq_federation} and
 * {@code rabbitmq_federation_management}. Thread-safe.
 */
public final class BrokerManagement {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final String authorization;
    // HTTP/1.1: the management listener drops the h2c upgrade the client tries first
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    /** @param base the management API's address, such as {@code http://rabbit-b:15672} */
    public BrokerManagement(URI base, String username, String password) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** One federation link as the cluster reports it. */
    public record Link(String upstream, String exchange, String status, String error) {

        public boolean running() {
            return "running".equals(status);
        }
    }

    /**
     * Creates or changes the upstream {@code name}: the cluster at {@code amqpUri} (credentials in it, {@code amqps}
     * for TLS) whose exchanges this cluster federates, confirming each message to it only once stored here.
     */
    public void putUpstream(String vhost, String name, String amqpUri) throws IOException {
        send("PUT", "api/parameters/federation-upstream/" + encode(vhost) + "/" + encode(name),
                Map.of("value", Map.of("uri", amqpUri, "ack-mode", "on-confirm", "prefetch-count", 1000,
                        "reconnect-delay", 2, "max-hops", 1)));
    }

    public void deleteUpstream(String vhost, String name) throws IOException {
        send("DELETE", "api/parameters/federation-upstream/" + encode(vhost) + "/" + encode(name), null);
    }

    /** Federates the exchange named {@code exchange} (exactly) from {@code upstream}, by the policy {@code name}. */
    public void putFederationPolicy(String vhost, String name, String exchange, String upstream) throws IOException {
        send("PUT", "api/policies/" + encode(vhost) + "/" + encode(name), Map.of("pattern",
                "^" + literal(exchange) + "$", "definition", Map.of("federation-upstream", upstream),
                "apply-to", "exchanges", "priority", 10));
    }

    public void deletePolicy(String vhost, String name) throws IOException {
        send("DELETE", "api/policies/" + encode(vhost) + "/" + encode(name), null);
    }

    /** The federation links of the virtual host, as the cluster reports them now. */
    public List<Link> links(String vhost) throws IOException {
        JsonNode found = send("GET", "api/federation-links/" + encode(vhost), null);
        List<Link> links = new ArrayList<>();
        for (JsonNode link : found) {
            links.add(new Link(link.path("upstream").asText(), link.path("exchange").asText(),
                    link.path("status").asText(), link.hasNonNull("error") ? link.path("error").asText() : null));
        }
        return links;
    }

    /**
     * Sends a request; a 404 to a DELETE counts as done.
     *
     * @throws IOException when the cluster cannot be reached or refuses, with its status
     */
    private JsonNode send(String method, String path, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the RabbitMQ management API", e);
        }
        if (response.statusCode() == 404 && method.equals("DELETE")) {
            return Json.MAPPER.createObjectNode();
        }
        if (response.statusCode() >= 300) {
            throw new IOException("the RabbitMQ management API at " + base + " answered " + response.statusCode()
                    + " to " + method + " " + path + reason(response.body()));
        }
        return response.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(response.body());
    }

    /** The management API's own reason, as {@code ": …"}, or nothing. */
    private static String reason(String body) {
        try {
            String reason = Json.MAPPER.readTree(body).path("reason").asText("");
            return reason.isEmpty() ? "" : ": " + (reason.length() > 200 ? reason.substring(0, 200) : reason);
        } catch (IOException notJson) {
            return "";
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The name as a regular expression that matches only it. */
    private static String literal(String name) {
        return name.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
    }
}
