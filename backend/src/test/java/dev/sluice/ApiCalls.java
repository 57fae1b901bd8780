package dev.sluice;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.flow.FlowJson;

/** Calls the REST API as a user (HTTP Basic) on a test server; the same password for every test user. */
public final class ApiCalls {

    private static final HttpClient http = HttpClient.newHttpClient();

    private final int port;
    private final String password;

    public ApiCalls(int port, String password) {
        this.port = port;
        this.password = password;
    }

    /** {@code headers} are name, value, name, value... */
    public Response call(String method, String path, String user, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            String credentials = user.contains(":") ? user : user + ":" + password;
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path, String user) {
        return call("GET", path, user, null);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid flow: source {@code in} (one type) → target.log {@code out}, with one test that passes. */
    public static String flow(String name, String workspace, String type) {
        return """
                {"workspace": "%s", "name": "%s", "schemaVersion": 1, "description": "A flow for tests",
                 "nodes": [{"id": "in", "kind": "source", "config": {"types": ["%s"], "source": "user-center.users"}},
                           {"id": "ids", "kind": "select", "config": {"paths": ["$.data.userId"]}},
                           {"id": "out", "kind": "target.log", "config": {"label": "it"}}],
                 "edges": [{"from": "in", "to": "ids"}, {"from": "ids", "to": "out"}],
                 "layout": {"out": {"x": 400, "y": 20}, "ids": {"x": 200, "y": 20}, "in": {"x": 10, "y": 20}},
                 "tests": [{"name": "passes",
                            "input": {"specversion": "1.0", "id": "t1", "source": "/users", "type": "%s",
                                      "data": {"userId": "u1", "email": "secret-value@example.com"}},
                            "expect": {"out": [{"data": {"userId": "u1"}}]}}]}
                """.formatted(workspace, name, type, type);
    }

    public record Response(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            return FlowJson.parse(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }
}
