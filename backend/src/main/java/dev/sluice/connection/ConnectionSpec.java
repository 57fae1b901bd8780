package dev.sluice.connection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.json.Json;
import dev.sluice.target.ConnectionRules;
import dev.sluice.target.Endpoint;
import dev.sluice.target.SecretRef;

/**
 * A connection's settings as an owner writes them: {@code {"name", "kind", "url", "username",
 * "password": {"secret"}, "headers": {name: text | {"secret"}}, "description"}}.
 *
 * @param kind           {@code jdbc}, {@code rabbitmq} or {@code http}
 * @param passwordSecret name of the secret holding the password
 * @param headers        header name → text, or a {@link SecretRef}
 */
public record ConnectionSpec(String name, String kind, String url, String username, String passwordSecret,
                             Map<String, Object> headers, String description) {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    private static final Pattern SECRET = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$");

    public ConnectionSpec {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** Reads a request body; shapes that are wrong (a number for a URL) come back from {@link #problems}. */
    public static ConnectionSpec read(JsonNode body, String name) {
        Map<String, Object> headers = new LinkedHashMap<>();
        body.path("headers").properties().forEach(header -> headers.put(header.getKey(),
                header.getValue().isObject() ? new SecretRef(header.getValue().path("secret").asText(null))
                        : header.getValue().isTextual() ? header.getValue().asText() : header.getValue()));
        JsonNode password = body.path("password");
        return new ConnectionSpec(name != null ? name : text(body, "name"), text(body, "kind"), text(body, "url"),
                text(body, "username"), password.isObject() ? text(password, "secret") : password.isMissingNode()
                        || password.isNull() ? null : "",
                headers, text(body, "description"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : value.isMissingNode() || value.isNull() ? null : value.toString();
    }

    static ConnectionSpec stored(String name, String kind, String url, String username, String passwordSecret,
                                 String headersJson, String description) {
        Map<String, Object> headers = new LinkedHashMap<>();
        if (headersJson != null) {
            FlowJson.parse(headersJson).properties().forEach(header -> headers.put(header.getKey(),
                    header.getValue().isObject() ? new SecretRef(header.getValue().path("secret").asText())
                            : header.getValue().asText()));
        }
        return new ConnectionSpec(name, kind, url, username, passwordSecret, headers, description);
    }

    String headersJson() {
        if (headers.isEmpty()) {
            return null;
        }
        try {
            return Json.MAPPER.writeValueAsString(json().get("headers"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As the API shows it: secrets by name, never a value. */
    public ObjectNode json() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("name", name);
        json.put("kind", kind);
        json.put("url", url);
        if (username != null) {
            json.put("username", username);
        }
        if (passwordSecret != null) {
            json.putObject("password").put("secret", passwordSecret);
        }
        if (!headers.isEmpty()) {
            ObjectNode out = json.putObject("headers");
            new java.util.TreeMap<>(headers).forEach((header, value) -> {
                if (value instanceof SecretRef reference) {
                    out.putObject(header).put("secret", reference.secret());
                } else {
                    out.put(header, String.valueOf(value));
                }
            });
        }
        if (description != null) {
            json.put("description", description);
        }
        return json;
    }

    public Endpoint endpoint() {
        return new Endpoint(name, Endpoint.Kind.of(kind).orElse(null), url, username,
                passwordSecret == null ? null : new SecretRef(passwordSecret), headers);
    }

    /** Every problem with these settings under {@code rules}, by JSON path; names are not resolved here. */
    public List<FlowProblem> problems(ConnectionRules rules) {
        List<FlowProblem> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(new FlowProblem("$.name", "a connection name is 1 to 64 lower-case letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit"));
        }
        if (kind == null || Endpoint.Kind.of(kind).isEmpty()) {
            problems.add(new FlowProblem("$.kind", "must be jdbc (PostgreSQL), rabbitmq or http"));
            return problems;
        }
        if (url == null || url.length() > 2000) {
            problems.add(new FlowProblem("$.url", "is required (at most 2,000 characters)"));
            return problems;
        }
        if (username != null && (username.isEmpty() || username.length() > 200)) {
            problems.add(new FlowProblem("$.username", "is 1 to 200 characters"));
        }
        if (passwordSecret != null && !SECRET.matcher(passwordSecret).matches()) {
            problems.add(new FlowProblem("$.password.secret", "must name a secret of this workspace"));
        }
        headers.forEach((header, value) -> {
            if (value instanceof SecretRef reference && (reference.secret() == null
                    || !SECRET.matcher(reference.secret()).matches())) {
                problems.add(new FlowProblem("$.headers." + header, "must be text or {\"secret\": name}"));
            }
        });
        if (description != null && description.length() > 1000) {
            problems.add(new FlowProblem("$.description", "is at most 1,000 characters"));
        }
        problems.addAll(rules.problems(endpoint()));
        return problems;
    }
}
