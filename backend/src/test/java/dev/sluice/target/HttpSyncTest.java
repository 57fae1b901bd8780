package dev.sluice.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import dev.sluice.json.Json;
import dev.sluice.pipeline.FailureKind;

/** {@code target.http} against a real server: URLs from the event, deletes, and a method per event type. */
class HttpSyncTest {

    /** What the server received: method, raw path and query, a few headers, the body's length. */
    record Received(String method, String uri, String ceId, String contentType, int bodyLength) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private TargetContext context;

    @BeforeEach
    void server() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders().getFirst("ce-id"), exchange.getRequestHeaders().getFirst("Content-Type"),
                    body.length));
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().contains("missing") ? 404 : 204, -1);
            exchange.close();
        });
        server.start();
        ConnectionRules rules = new ConnectionRules(HostPolicy.of(List.of("127.0.0.1"), false), Path.of("unused"),
                List.of());
        context = new TargetContext(null, HttpClient.newHttpClient(), name -> Optional.empty(), "finance",
                TestReach.of(rules, new Endpoint("users-api", Endpoint.Kind.HTTP,
                        "http://127.0.0.1:" + server.getAddress().getPort() + "/api", null, null, Map.of())));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static ObjectNode event(String type, String userId) {
        ObjectNode event = Json.MAPPER.createObjectNode().put("specversion", "1.0").put("id", "e-" + type)
                .put("source", "user-center").put("type", type);
        event.putObject("data").put("userId", userId);
        return event;
    }

    private static HttpTarget.Config config(String path, Map<String, String> methods, List<String> deleteOn) {
        return new HttpTarget.Config("users-api", path, null, null, methods, deleteOn, null, null, null);
    }

    private static void deliver(Delivery delivery, ObjectNode event) {
        delivery.deliver(event, "out-" + event.path("id").asText()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void putsEachValueOfTheEventIntoThePathAsOneEncodedSegment() {
        try (Delivery delivery = new HttpTarget().open(config("/users/{$.data.userId}/profile", null, null), context)) {
            deliver(delivery, event("user.updated", "u-1"));
            deliver(delivery, event("user.updated", "王 芳/../admin?x=1#y"));
        }

        assertThat(received).extracting(Received::uri).containsExactly("/api/users/u-1/profile",
                "/api/users/%E7%8E%8B%20%E8%8A%B3%2F..%2Fadmin%3Fx%3D1%23y/profile");
    }

    @Test
    void refusesForGoodAnEventWhoseValueIsMissingOrWouldClimbThePath() {
        try (Delivery delivery = new HttpTarget().open(config("/users/{$.data.userId}", null, null), context)) {
            ObjectNode missing = event("user.updated", "x");
            ((ObjectNode) missing.get("data")).remove("userId");

            assertThatThrownBy(() -> deliver(delivery, missing)).cause().isInstanceOf(TargetFailure.class)
                    .hasMessage("the URL's {$.data.userId} has no value in this event")
                    .extracting(failure -> ((TargetFailure) failure).kind()).isEqualTo(FailureKind.PERMANENT);
            assertThatThrownBy(() -> deliver(delivery, event("user.updated", "..")))
                    .cause().hasMessageContaining("is '..', which is not a path segment");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void sendsADeletedTypeAsDeleteWithoutABodyAndTakesAlreadyGoneAsDone() {
        try (Delivery delivery = new HttpTarget().open(config("/users/{$.data.userId}", null, null), context)) {
            deliver(delivery, event("user.created", "u-1"));
            deliver(delivery, event("user.deleted", "u-1"));
            deliver(delivery, event("user.deleted", "missing"));
        }

        assertThat(received).containsExactly(
                new Received("POST", "/api/users/u-1", null, "application/cloudevents+json; charset=utf-8",
                        received.getFirst().bodyLength()),
                new Received("DELETE", "/api/users/u-1", "e-user.deleted", null, 0),
                new Received("DELETE", "/api/users/missing", "e-user.deleted", null, 0));
        assertThat(received.getFirst().bodyLength()).isPositive();
    }

    @Test
    void choosesTheMethodByTheFirstMatchingTypeThenDeletesThenTheDefault() {
        Map<String, String> methods = new LinkedHashMap<>();
        methods.put("user.created", "POST");
        methods.put("user.*", "PUT");
        try (Delivery delivery = new HttpTarget().open(config("/users", methods, List.of("*.purged")), context)) {
            deliver(delivery, event("user.created", "u-1"));
            deliver(delivery, event("user.updated", "u-1"));
            deliver(delivery, event("user.deleted", "u-1"));
            deliver(delivery, event("account.purged", "u-1"));
            deliver(delivery, event("account.opened", "u-1"));
        }

        assertThat(received).extracting(Received::method).containsExactly("POST", "PUT", "PUT", "DELETE", "POST");
    }
}
