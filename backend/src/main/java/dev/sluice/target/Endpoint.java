package dev.sluice.target;

import java.util.Map;

/**
 * A workspace's named connection, as its targets use it: where (checked against the platform's host allowlist)
 * and with which credentials (references to the workspace's secrets, bound to this endpoint: flows name the
 * connection, never the secret).
 *
 * @param name     the connection's name in its workspace
 * @param kind     what it reaches
 * @param url      {@code jdbc:postgresql://…} or {@code jdbc:h2:file:<name>}; {@code amqp(s)://host:port/vhost};
 *                 {@code http(s)://host[:port]/base}; never with credentials
 * @param username user to sign in as (databases and brokers)
 * @param password the password's secret (databases and brokers)
 * @param headers  HTTP headers sent with every request: text, or a secret reference {@code {"secret": name}}
 */
public record Endpoint(String name, Kind kind, String url, String username, SecretRef password,
                       Map<String, Object> headers) {

    public Endpoint {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** What a connection reaches; {@link #id()} is how flows and the API name it. */
    public enum Kind {
        JDBC("jdbc"), RABBITMQ("rabbitmq"), HTTP("http");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static java.util.Optional<Kind> of(String id) {
            for (Kind kind : values()) {
                if (kind.id.equals(id)) {
                    return java.util.Optional.of(kind);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
