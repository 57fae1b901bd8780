package dev.sluice.target;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.sluice.flow.FlowProblem;

/**
 * What every endpoint a target reaches must pass: its URL's form (per kind), the platform's host allowlist, and
 * staying off Sluice's own database and broker. Immutable and thread-safe.
 *
 * @param hosts       the host allowlist a platform admin keeps
 * @param h2Directory where H2 target files live; null when H2 targets are not allowed (outside the embedded default)
 * @param reserved    Sluice's own services, never a target: its database and its broker
 */
public record ConnectionRules(HostPolicy hosts, Path h2Directory, List<Reserved> reserved) {

    private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$");
    private static final List<String> RESERVED_HEADERS = List.of("content-length", "host", "idempotency-key",
            "content-type", "transfer-encoding", "connection");

    public ConnectionRules {
        reserved = List.copyOf(reserved);
    }

    public static ConnectionRules defaults() {
        return new ConnectionRules(HostPolicy.defaults(), null, List.of());
    }

    public ConnectionRules withHosts(HostPolicy policy) {
        return new ConnectionRules(policy, h2Directory, reserved);
    }

    /**
     * One of Sluice's own services.
     *
     * @param what     how to name it in a refusal
     * @param host     its host
     * @param port     its port
     * @param database for a database server, the database; null means every database there
     */
    public record Reserved(String what, String host, int port, String database) {
    }

    /**
     * Problems with an endpoint as written; empty when there are none. Names are resolved only to recognise
     * Sluice's own services behind another name; the allowlist is {@link #refusal(Endpoint)}'s.
     */
    public List<FlowProblem> problems(Endpoint endpoint) {
        List<FlowProblem> problems = new ArrayList<>();
        if (endpoint.kind() == null) {
            problems.add(new FlowProblem("$.kind", "must be jdbc, rabbitmq or http"));
            return problems;
        }
        try {
            for (Target target : targets(endpoint)) {
                reservedBy(target).ifPresent(why -> problems.add(new FlowProblem("$.url", why)));
            }
        } catch (IllegalArgumentException e) {
            problems.add(new FlowProblem("$.url", e.getMessage()));
        }
        if (endpoint.kind() == Endpoint.Kind.HTTP) {
            if (endpoint.username() != null || endpoint.password() != null) {
                problems.add(new FlowProblem("$", "an HTTP connection signs in with headers (a secret as the value)"));
            }
            endpoint.headers().forEach((name, value) -> {
                String path = "$.headers." + name;
                if (!HEADER_NAME.matcher(name).matches()) {
                    problems.add(new FlowProblem(path, "is not a valid header name"));
                } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    problems.add(new FlowProblem(path, "is set by Sluice and cannot be configured"));
                }
                if (!(value instanceof String) && !(value instanceof SecretRef)) {
                    problems.add(new FlowProblem(path, "must be text or {\"secret\": name}"));
                }
            });
        } else if (!endpoint.headers().isEmpty()) {
            problems.add(new FlowProblem("$.headers", "only HTTP connections send headers"));
        }
        return problems;
    }

    /** Why {@code endpoint} may not be reached now (its form, then every host it names, resolved), or empty. */
    public Optional<String> refusal(Endpoint endpoint) {
        return refusal(endpoint, false);
    }

    /** Like {@link #refusal(Endpoint)}; with {@code unresolvedAllowed} a name that does not resolve here passes. */
    public Optional<String> refusal(Endpoint endpoint, boolean unresolvedAllowed) {
        List<FlowProblem> problems = problems(endpoint);
        if (!problems.isEmpty()) {
            return Optional.of(problems.getFirst().message());
        }
        for (Target target : targets(endpoint)) {
            if (target.host() != null) {
                Optional<String> refused = hosts.refusal(target.host(), target.port(), unresolvedAllowed);
                if (refused.isPresent()) {
                    return refused;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * For a {@code target.http} that names its URL itself: the same rules as an HTTP connection's, but the URL may carry
     * a query (validation takes one); only a connection's base URL, which paths are appended to, may not.
     */
    public Optional<String> refusal(String httpUrl) {
        int query = httpUrl == null ? -1 : httpUrl.indexOf('?');
        String withoutQuery = query < 0 ? httpUrl : httpUrl.substring(0, query);
        return refusal(new Endpoint("url", Endpoint.Kind.HTTP, withoutQuery, null, null, null));
    }

    private record Target(String host, int port, String database) {
    }

    private List<Target> targets(Endpoint endpoint) {
        return switch (endpoint.kind()) {
            case JDBC -> {
                JdbcUrl url = JdbcUrl.parse(endpoint.url());
                if (url.driver() == JdbcUrl.Driver.H2) {
                    if (h2Directory == null) {
                        throw new IllegalArgumentException("H2 target files are only available on the embedded "
                                + "default; use PostgreSQL (jdbc:postgresql://host:5432/database)");
                    }
                    yield List.of(new Target(null, 0, url.database()));
                }
                yield url.hosts().stream().map(h -> new Target(h.host(), h.port(), url.database())).toList();
            }
            case RABBITMQ -> List.of(uri(endpoint.url(), List.of("amqp", "amqps"), "amqp://host:5672/vhost"));
            case HTTP -> List.of(uri(endpoint.url(), List.of("http", "https"), "https://host/base-path"));
        };
    }

    private static Target uri(String text, List<String> schemes, String example) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required, e.g. " + example);
        }
        if (text.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("must not contain spaces, control or non-ASCII characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw new IllegalArgumentException("must start with " + String.join("://, ", schemes) + "://, e.g. " + example);
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw new IllegalArgumentException("must not contain credentials: give them as the connection's "
                    + (scheme.startsWith("http") ? "headers (a secret as the value)" : "username and password secret"));
        }
        if (uri.getHost() == null) {
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            String host = authority.replaceFirst(":\\d*$", "");
            throw new IllegalArgumentException(HostPolicy.checkSyntax(host).orElse("must name a host, e.g. " + example));
        }
        HostPolicy.checkSyntax(uri.getHost()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not have a query (?…) or fragment (#…)");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : switch (scheme) {
            case "amqp" -> 5672;
            case "amqps" -> 5671;
            case "http" -> 80;
            default -> 443;
        };
        return new Target(HostPolicy.normalize(uri.getHost()), port, null);
    }

    private Optional<String> reservedBy(Target target) {
        if (target.host() == null) {
            return Optional.empty();
        }
        for (Reserved own : reserved) {
            boolean sameDatabase = own.database() == null || target.database() == null
                    || own.database().equals(target.database());
            if (own.port() == target.port() && sameDatabase && sameHost(own.host(), target.host())) {
                return Optional.of("that is " + own.what() + ", which no target may use");
            }
        }
        return Optional.empty();
    }

    private static boolean sameHost(String a, String b) {
        String left = HostPolicy.normalize(a);
        String right = HostPolicy.normalize(b);
        if (left.equals(right)) {
            return true;
        }
        try {
            for (InetAddress one : InetAddress.getAllByName(left)) {
                for (InetAddress other : InetAddress.getAllByName(right)) {
                    if (one.equals(other)) {
                        return true;
                    }
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }
}
