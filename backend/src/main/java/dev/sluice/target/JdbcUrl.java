package dev.sluice.target;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database a {@code target.jdbc} may write to, parsed from what a workspace owner typed, refusing anything a
 * driver would turn into code, file access or a different destination. Only two forms pass:
 * <ul>
 *   <li>{@code jdbc:postgresql://host[:port][,host[:port]…]/database[?property=value&…]}, with properties from a
 *       short allowlist (TLS mode, timeouts, schema, application name): no socket factories, SSL factories,
 *       key files, loggers, service files, credentials or server options;</li>
 *   <li>{@code jdbc:h2:file:<name>}, a database file Sluice keeps under its data directory, on the embedded
 *       default only; H2 settings ({@code ;INIT=…}), other paths, {@code mem:} and {@code tcp:} are refused.</li>
 * </ul>
 * The driver is given {@link #driverUrl}, rebuilt from the parsed parts, never the text as typed.
 *
 * @param driver     which driver
 * @param hosts      where a PostgreSQL database lives (empty for H2)
 * @param database   the database name (for H2 the file name)
 * @param properties the allowed PostgreSQL properties, as given
 */
public record JdbcUrl(Driver driver, List<HostPort> hosts, String database, Map<String, String> properties) {

    public enum Driver { POSTGRESQL, H2 }

    /** @param port the port, 5432 when not given */
    public record HostPort(String host, int port) {
    }

    private static final Pattern POSTGRES = Pattern.compile("^jdbc:postgresql://(?<hosts>[^/?#]*)/(?<db>[^?#]*)(?:\\?(?<query>[^#]*))?$");
    private static final Pattern H2 = Pattern.compile("^jdbc:h2:file:(?<name>[^;]*)$");
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$");
    private static final Pattern DATABASE = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.$-]{0,62}$");
    private static final Pattern HOST_PORT = Pattern.compile("^(?<host>\\[[0-9A-Fa-f:.]+]|[^:\\[\\]]+)(?::(?<port>\\d{1,5}))?$");
    private static final Pattern VALUE = Pattern.compile("^[A-Za-z0-9_.,-]{0,100}$");
    private static final int POSTGRES_PORT = 5432;

    /** PostgreSQL properties that only tune the connection; each value is checked. */
    private static final Map<String, Pattern> ALLOWED = Map.ofEntries(
            Map.entry("sslmode", Pattern.compile("^(disable|allow|prefer|require|verify-ca|verify-full)$")),
            Map.entry("ssl", Pattern.compile("^(true|false)$")),
            Map.entry("connectTimeout", Pattern.compile("^\\d{1,4}$")),
            Map.entry("socketTimeout", Pattern.compile("^\\d{1,5}$")),
            Map.entry("loginTimeout", Pattern.compile("^\\d{1,4}$")),
            Map.entry("tcpKeepAlive", Pattern.compile("^(true|false)$")),
            Map.entry("ApplicationName", Pattern.compile("^[A-Za-z0-9_.-]{1,63}$")),
            Map.entry("currentSchema", Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,62}$")),
            Map.entry("targetServerType", Pattern.compile("^(any|primary|secondary|preferSecondary|preferPrimary)$")),
            Map.entry("loadBalanceHosts", Pattern.compile("^(true|false)$")),
            Map.entry("reWriteBatchedInserts", Pattern.compile("^(true|false)$")),
            Map.entry("prepareThreshold", Pattern.compile("^\\d{1,3}$")));

    /** Properties refused with their reason, so the owner learns why rather than only "not allowed". */
    private static final Map<String, String> DANGEROUS = Map.ofEntries(
            Map.entry("user", "the user comes from the connection's username"),
            Map.entry("password", "the password comes from the connection's secret"),
            Map.entry("socketfactory", "it loads a Java class into Sluice"),
            Map.entry("socketfactoryarg", "it configures a Java class loaded into Sluice"),
            Map.entry("sslfactory", "it loads a Java class into Sluice"),
            Map.entry("sslfactoryarg", "it configures a Java class loaded into Sluice"),
            Map.entry("sslhostnameverifier", "it loads a Java class into Sluice"),
            Map.entry("sslpasswordcallback", "it loads a Java class into Sluice"),
            Map.entry("authenticationpluginclassname", "it loads a Java class into Sluice"),
            Map.entry("sslcert", "it reads a file on the Sluice server"),
            Map.entry("sslkey", "it reads a file on the Sluice server"),
            Map.entry("sslrootcert", "it reads a file on the Sluice server"),
            Map.entry("sslpassword", "it unlocks a file on the Sluice server"),
            Map.entry("service", "it reads a service file on the Sluice server"),
            Map.entry("loggerfile", "it writes a file on the Sluice server"),
            Map.entry("loggerlevel", "it changes Sluice's logging"),
            Map.entry("jaasapplicationname", "it reads the server's JAAS configuration"),
            Map.entry("jaaslogin", "it reads the server's JAAS configuration"),
            Map.entry("kerberosservername", "it uses the server's Kerberos identity"),
            Map.entry("gsslib", "it uses the server's Kerberos identity"),
            Map.entry("options", "it sets server options at sign-in"));

    /** Parses {@code url}, or throws {@link IllegalArgumentException} saying what is wrong and why. */
    public static JdbcUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a JDBC URL is required");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return h2(url);
        }
        if (url.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("must not contain spaces, control or non-ASCII characters");
        }
        if (url.contains("%")) {
            throw new IllegalArgumentException("must not contain percent-encoded characters");
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return postgres(url);
        }
        throw new IllegalArgumentException("Sluice writes to PostgreSQL (jdbc:postgresql://host:5432/database) "
                + "or, on the embedded default, an H2 file (jdbc:h2:file:name); other drivers are not supported");
    }

    private static JdbcUrl postgres(String url) {
        Matcher form = POSTGRES.matcher(url);
        if (!form.matches()) {
            throw new IllegalArgumentException("must read jdbc:postgresql://host[:port]/database[?property=value&...]");
        }
        List<HostPort> hosts = new ArrayList<>();
        for (String hostPort : form.group("hosts").split(",", -1)) {
            Matcher parts = HOST_PORT.matcher(hostPort);
            if (!parts.matches()) {
                throw new IllegalArgumentException("'" + hostPort + "' is not host or host:port");
            }
            String host = parts.group("host");
            HostPolicy.checkSyntax(host).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
            int port = parts.group("port") == null ? POSTGRES_PORT : Integer.parseInt(parts.group("port"));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not 1 to 65535");
            }
            hosts.add(new HostPort(HostPolicy.normalize(host), port));
        }
        String database = form.group("db");
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("'" + database + "' is not a plain database name (letters, digits, _ . $ -)");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        String query = form.group("query");
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&", -1)) {
                int equals = pair.indexOf('=');
                String key = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                String danger = DANGEROUS.get(key.toLowerCase(Locale.ROOT));
                if (danger != null) {
                    throw new IllegalArgumentException("the property '" + key + "' is refused: " + danger);
                }
                Pattern allowed = ALLOWED.get(key);
                if (allowed == null) {
                    throw new IllegalArgumentException("the property '" + key + "' is not one Sluice allows ("
                            + String.join(", ", new TreeSet<>(ALLOWED.keySet())) + ")");
                }
                if (!VALUE.matcher(value).matches() || !allowed.matcher(value).matches()) {
                    throw new IllegalArgumentException("'" + value + "' is not a valid value of " + key);
                }
                if (properties.putIfAbsent(key, value) != null) {
                    throw new IllegalArgumentException("the property '" + key + "' is given twice");
                }
            }
        }
        return new JdbcUrl(Driver.POSTGRESQL, List.copyOf(hosts), database, Map.copyOf(properties));
    }

    private static JdbcUrl h2(String url) {
        Matcher form = H2.matcher(url);
        if (!form.matches()) {
            throw new IllegalArgumentException(url.contains(";")
                    ? "H2 settings (;INIT=, ;...) are refused: they run code and open files on the Sluice server"
                    : "an H2 target is a file Sluice keeps in its data directory: jdbc:h2:file:<name>, no path, "
                      + "no mem:, tcp: or ssl:");
        }
        String name = form.group("name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a plain file name (letters, digits, _ and -, "
                    + "no path): the file lives in Sluice's data directory");
        }
        return new JdbcUrl(Driver.H2, List.of(), name, Map.of());
    }

    /** Only the names of properties this parser lets through; for the README and messages. */
    public static Set<String> allowedProperties() {
        return new TreeSet<>(ALLOWED.keySet());
    }

    /**
     * The URL handed to the driver. For H2, the file under {@code h2Directory}, nothing else from the owner, and
     * commits written at once ({@code WRITE_DELAY=0}: H2 otherwise writes them up to a second later, and the engine
     * acks an event as soon as its row is committed, so a crash in between would lose the row).
     */
    public String driverUrl(Path h2Directory) {
        if (driver == Driver.H2) {
            if (h2Directory == null) {
                throw new IllegalStateException("H2 targets are only available on the embedded default");
            }
            return "jdbc:h2:file:" + h2Directory.resolve(database).toAbsolutePath() + ";WRITE_DELAY=0";
        }
        StringBuilder url = new StringBuilder("jdbc:postgresql://");
        for (int i = 0; i < hosts.size(); i++) {
            HostPort host = hosts.get(i);
            url.append(i == 0 ? "" : ",").append(host.host().contains(":") ? "[" + host.host() + "]" : host.host())
                    .append(':').append(host.port());
        }
        url.append('/').append(database);
        String separator = "?";
        for (Map.Entry<String, String> property : new java.util.TreeMap<>(properties).entrySet()) {
            url.append(separator).append(property.getKey()).append('=').append(property.getValue());
            separator = "&";
        }
        return url.toString();
    }
}
