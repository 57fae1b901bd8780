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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.json.Json;

/**
 * The part of a RabbitMQ cluster's management HTTP API that links regions: dynamic shovels (each moves one queue of
 * another cluster into an exchange of this one) and their state. The cluster needs the plugins
 * {@code rabbitmq_management}, {@code rabbitmq_shovel} and {@code rabbitmq_shovel_management}. Thread-safe.
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

    /** A shovel as the cluster reports it: {@code running}, {@code starting} or {@code terminated}, with why. */
    public record Shovel(String name, String state, String reason) {

        public boolean running() {
            return "running".equals(state);
        }
    }

    /**
     * Creates or changes the dynamic shovel {@code name}, run by this cluster: it moves the messages of the queue
     * {@code sourceQueue} on the cluster at {@code sourceUris} (credentials in them, {@code amqps} for TLS; a node
     * that answers, when several) into this
     * cluster's exchange {@code exchange}, keeping each message's routing key and properties, and acknowledges
     * each at the source only once this cluster confirmed it. While this cluster is down the source queue keeps
     * the messages; one shovel consumes it, so they arrive in the order they were queued.
     */
    public void putShovel(String vhost, String name, List<String> sourceUris, String sourceQueue, String exchange)
            throws IOException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("src-protocol", "amqp091");
        value.put("src-uri", sourceUris);
        value.put("src-queue", sourceQueue);
        value.put("src-prefetch-count", 1000);
        value.put("dest-protocol", "amqp091");
        value.put("dest-uri", "/".equals(vhost) ? "amqp://" : "amqp:///" + encode(vhost));
        value.put("dest-exchange", exchange);
        value.put("ack-mode", "on-confirm");
        value.put("reconnect-delay", 2);
        send("PUT", "api/parameters/shovel/" + encode(vhost) + "/" + encode(name), Map.of("value", value));
    }

    public void deleteShovel(String vhost, String name) throws IOException {
        send("DELETE", "api/parameters/shovel/" + encode(vhost) + "/" + encode(name), null);
    }

    /** The dynamic shovels of the virtual host, as the cluster reports them now. */
    public List<Shovel> shovels(String vhost) throws IOException {
        JsonNode found = send("GET", "api/shovels/" + encode(vhost), null);
        List<Shovel> shovels = new ArrayList<>();
        for (JsonNode shovel : found == null ? Json.MAPPER.createArrayNode() : found) {
            shovels.add(new Shovel(shovel.path("name").asText(), shovel.path("state").asText(),
                    shovel.hasNonNull("reason") ? shovel.path("reason").asText() : null));
        }
        return shovels;
    }

    /** Declares a durable topic exchange (idempotent), as the engine declares a source's. */
    public void putTopicExchange(String vhost, String name) throws IOException {
        send("PUT", "api/exchanges/" + encode(vhost) + "/" + encode(name), Map.of("type", "topic", "durable", true));
    }

    /** Declares a durable quorum queue (idempotent) bound to {@code exchange} for every routing key. */
    public void putQuorumQueueBoundTo(String vhost, String queue, String exchange) throws IOException {
        send("PUT", "api/queues/" + encode(vhost) + "/" + encode(queue), Map.of("durable", true, "auto_delete",
                false, "arguments", Map.of("x-queue-type", "quorum")));
        send("POST", "api/bindings/" + encode(vhost) + "/e/" + encode(exchange) + "/q/" + encode(queue),
                Map.of("routing_key", "#"));
    }

    public void deleteQueue(String vhost, String queue) throws IOException {
        send("DELETE", "api/queues/" + encode(vhost) + "/" + encode(queue), null);
    }

    /** The messages in the queue now (ready and unacknowledged), or empty when it does not exist. */
    public java.util.OptionalLong queueDepth(String vhost, String queue) throws IOException {
        JsonNode found = send("GET", "api/queues/" + encode(vhost) + "/" + encode(queue), null);
        return found == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(found.path("messages")
                .asLong(0));
    }

    /**
     * Sends a request; a 404 to a DELETE counts as done, to a GET answers null.
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
        if (response.statusCode() == 404 && method.equals("GET")) {
            return null;
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
}
