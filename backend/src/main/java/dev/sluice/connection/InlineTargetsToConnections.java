package dev.sluice.connection;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.sluice.flow.FlowJson;
import dev.sluice.json.Json;

/**
 * Flyway migration 6: flows saved before connections existed held database URLs, broker URIs and credentials in
 * their targets. Each distinct endpoint of a workspace becomes a connection of that workspace (named after its host),
 * and every stored version is rewritten to name it:
 * <ul>
 *   <li>{@code target.jdbc} {@code url, username, password} → a {@code jdbc} connection;</li>
 *   <li>{@code target.rabbitmq} {@code broker} → a {@code rabbitmq} connection;</li>
 *   <li>{@code target.http} with a secret in its headers → an {@code http} connection of the URL's origin holding those
 *       headers, and a {@code path}; a plain URL without secrets stays as it is.</li>
 * </ul>
 * URLs are moved as they were: one the connection rules refuse keeps its flow from running until an owner fixes the
 * connection, which the engine reports. Runs on H2 and PostgreSQL (plain JDBC, JSON handled in Java).
 */
@Component
class InlineTargetsToConnections implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(InlineTargetsToConnections.class);
    private static final String BY = "sluice-migration";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("6");
    }

    @Override
    public String getDescription() {
        return "inline targets to connections";
    }

    @Override
    public Integer getChecksum() {
        return 6;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection jdbc = context.getConnection();
        Map<String, String> created = new HashMap<>(); // workspace id + endpoint → connection name
        Set<String> taken = new HashSet<>();
        try (PreparedStatement existing = jdbc.prepareStatement("select workspace_id, name from workspace_connections");
             ResultSet rows = existing.executeQuery()) {
            while (rows.next()) {
                taken.add(rows.getLong(1) + "/" + rows.getString(2));
            }
        }
        int rewritten = 0;
        try (PreparedStatement versions = jdbc.prepareStatement("select v.flow_id, v.version, v.definition, "
                + "f.workspace_id from flow_versions v join flows f on f.id = v.flow_id order by v.flow_id, v.version");
             ResultSet rows = versions.executeQuery()) {
            Map<String, String> updates = new LinkedHashMap<>();
            while (rows.next()) {
                long workspace = rows.getLong(4);
                JsonNode definition = FlowJson.parse(rows.getString(3));
                boolean changed = false;
                for (JsonNode node : definition.path("nodes")) {
                    if (node.path("config") instanceof ObjectNode config) {
                        changed |= rewrite(jdbc, workspace, node.path("kind").asText(), config, created, taken);
                    }
                }
                if (changed) {
                    updates.put(rows.getLong(1) + "/" + rows.getInt(2),
                            Json.MAPPER.writeValueAsString(definition));
                }
            }
            try (PreparedStatement update = jdbc.prepareStatement(
                    "update flow_versions set definition = ? where flow_id = ? and version = ?")) {
                for (var entry : updates.entrySet()) {
                    String[] key = entry.getKey().split("/");
                    update.setString(1, entry.getValue());
                    update.setLong(2, Long.parseLong(key[0]));
                    update.setInt(3, Integer.parseInt(key[1]));
                    update.executeUpdate();
                    rewritten++;
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("cannot write a rewritten flow version", e);
        }
        if (rewritten > 0 || !created.isEmpty()) {
            log.info("Moved inline target settings of {} flow versions into {} connections", rewritten, created.size());
        }
    }

    private static boolean rewrite(Connection jdbc, long workspace, String kind, ObjectNode config,
                                   Map<String, String> created, Set<String> taken) throws SQLException {
        switch (kind) {
            case "target.jdbc" -> {
                if (!config.has("url")) {
                    return false;
                }
                String url = config.remove("url").asText();
                String username = text(config.remove("username"));
                String password = secret(config.remove("password"));
                config.put("connection", connection(jdbc, workspace, "jdbc", url, username, password, null, created,
                        taken));
                return true;
            }
            case "target.rabbitmq" -> {
                if (!(config.get("broker") instanceof ObjectNode broker)) {
                    return false;
                }
                config.remove("broker");
                config.put("connection", connection(jdbc, workspace, "rabbitmq", broker.path("uri").asText(),
                        text(broker.get("username")), secret(broker.get("password")), null, created, taken));
                return true;
            }
            case "target.http" -> {
                if (!(config.get("headers") instanceof ObjectNode headers) || !config.has("url")) {
                    return false;
                }
                ObjectNode secretHeaders = Json.MAPPER.createObjectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> header = it.next();
                    if (header.getValue().isObject()) {
                        secretHeaders.set(header.getKey(), header.getValue());
                        it.remove();
                    }
                }
                if (secretHeaders.isEmpty()) {
                    return false;
                }
                if (headers.isEmpty()) {
                    config.remove("headers");
                }
                URI url = URI.create(config.remove("url").asText());
                String origin = url.getScheme() + "://" + url.getRawAuthority();
                String path = (url.getRawPath() == null ? "" : url.getRawPath())
                        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
                config.put("connection", connection(jdbc, workspace, "http", origin, null, null,
                        secretHeaders.toString(), created, taken));
                if (!path.isEmpty()) {
                    config.put("path", path);
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static String connection(Connection jdbc, long workspace, String kind, String url, String username,
                                     String password, String headers, Map<String, String> created, Set<String> taken)
            throws SQLException {
        String key = workspace + "/" + kind + "/" + url + "/" + username + "/" + password + "/" + headers;
        String known = created.get(key);
        if (known != null) {
            return known;
        }
        String base = kind + "-" + host(url);
        String name = base;
        for (int n = 2; taken.contains(workspace + "/" + name); n++) {
            name = base + "-" + n;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement insert = jdbc.prepareStatement("insert into workspace_connections (workspace_id, name, "
                + "kind, url, username, password_secret, headers, description, created_at, created_by, updated_at, "
                + "updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, workspace);
            insert.setString(2, name);
            insert.setString(3, kind);
            insert.setString(4, url.length() > 2000 ? url.substring(0, 2000) : url);
            insert.setString(5, username);
            insert.setString(6, password);
            insert.setString(7, headers);
            insert.setString(8, "Moved here from the targets of existing flows when connections were introduced");
            insert.setTimestamp(9, now);
            insert.setString(10, BY);
            insert.setTimestamp(11, now);
            insert.setString(12, BY);
            insert.executeUpdate();
        }
        taken.add(workspace + "/" + name);
        created.put(key, name);
        return name;
    }

    /** A name part from the endpoint's host (or H2 file): lower-case letters, digits and '-', at most 40. */
    static String host(String url) {
        String rest = url.replaceFirst("^jdbc:", "");
        String host;
        try {
            URI uri = URI.create(rest.replaceFirst(";.*$", ""));
            host = uri.getHost() != null ? uri.getHost() : uri.getSchemeSpecificPart();
        } catch (IllegalArgumentException e) {
            host = rest;
        }
        String cleaned = (host == null ? "" : host).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (cleaned.length() > 40) {
            cleaned = cleaned.substring(0, 40).replaceAll("-+$", "");
        }
        return cleaned.isEmpty() ? "endpoint" : cleaned;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String secret(JsonNode reference) {
        return reference == null || !reference.isObject() ? null : reference.path("secret").asText(null);
    }
}
