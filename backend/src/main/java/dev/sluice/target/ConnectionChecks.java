package dev.sluice.target;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The reach checks behind each target kind's {@link TargetKind#check}: they connect and look, and never send an
 * event. Each is bounded by {@link #LIMIT}.
 */
final class ConnectionChecks {

    static final Duration LIMIT = Duration.ofSeconds(10);

    private ConnectionChecks() {
    }

    /** An OPTIONS request: any HTTP answer means the server is there; 5xx is reported as reached but unwell. */
    static ConnectionCheck http(HttpTarget.Config config, TargetContext context) {
        Duration timeout = config.timeoutMs() == null ? LIMIT
                : Duration.ofMillis(Math.min(config.timeoutMs(), LIMIT.toMillis()));
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(config.url()))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .timeout(timeout)
                    .build();
            HttpResponse<Void> response = context.http().send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            String answered = "answered HTTP " + status + " to OPTIONS " + config.url();
            return status >= 500 ? ConnectionCheck.failed("The server " + answered + "; it may not accept events now")
                    : ConnectionCheck.reached("Reached: the server " + answered);
        } catch (java.net.http.HttpTimeoutException e) {
            return ConnectionCheck.failed("No answer from " + config.url() + " within " + timeout.toMillis() + " ms");
        } catch (IOException | IllegalArgumentException e) {
            return ConnectionCheck.failed("Cannot reach " + config.url() + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionCheck.failed("The check was interrupted");
        }
    }

    /** Connects to the broker (the platform's or the external one) and looks the exchange up without declaring it. */
    static ConnectionCheck rabbitMq(RabbitMqTarget.Config config, TargetContext context) {
        String where = config.broker() == null ? "the platform broker" : config.broker().uri();
        com.rabbitmq.client.Connection external = null;
        try {
            Channel channel;
            if (config.broker() == null) {
                channel = context.broker().openChannel();
            } else {
                ConnectionFactory factory = config.broker().connectionFactory(context);
                factory.setConnectionTimeout((int) LIMIT.toMillis());
                external = factory.newConnection("sluice-connection-check");
                channel = external.createChannel();
            }
            try {
                channel.exchangeDeclarePassive(config.exchange());
                return ConnectionCheck.reached("Reached " + where + ": the exchange '" + config.exchange() + "' exists");
            } catch (IOException missing) {
                return ConnectionCheck.failed("Reached " + where + ", but the exchange '" + config.exchange()
                        + "' does not exist there (or may not be used): " + describe(missing));
            } finally {
                if (channel.isOpen()) {
                    channel.abort();
                }
            }
        } catch (Exception e) {
            return ConnectionCheck.failed("Cannot connect to " + where + ": " + describe(e));
        } finally {
            if (external != null) {
                external.abort();
            }
        }
    }

    /** Signs in to the database and finds the table with every configured column and the key. */
    static ConnectionCheck jdbc(JdbcTarget.Config config, TargetContext context) {
        java.util.Properties login = bounds(config.url());
        if (config.username() != null) {
            login.setProperty("user", config.username());
        }
        try {
            if (config.password() != null) {
                login.setProperty("password", new String(context.secret(config.password().secret(),
                        "the database password"), StandardCharsets.UTF_8));
            }
            try (Connection connection = DriverManager.getConnection(config.url(), login)) {
                Set<String> columns = columns(connection.getMetaData(), config.table());
                if (columns.isEmpty()) {
                    return ConnectionCheck.failed("Signed in, but the table '" + config.table() + "' was not found");
                }
                Set<String> wanted = new LinkedHashSet<>(config.columns().keySet());
                wanted.addAll(config.key());
                List<String> missing = wanted.stream()
                        .filter(column -> !columns.contains(column.toLowerCase(Locale.ROOT))).toList();
                return missing.isEmpty()
                        ? ConnectionCheck.reached("Signed in: the table '" + config.table() + "' has every column")
                        : ConnectionCheck.failed("Signed in, but the table '" + config.table() + "' lacks "
                                + String.join(", ", missing));
            }
        } catch (SQLException | IllegalStateException e) {
            return ConnectionCheck.failed("Cannot sign in to " + config.url() + ": " + describe(e));
        }
    }

    /**
     * Connection properties bounding the sign-in and the lookups by {@link #LIMIT}, for this connection only
     * ({@code DriverManager.setLoginTimeout} would change every later connection in the JVM). Only for drivers known
     * to take them: H2 refuses properties it does not know, and other drivers name and scale them differently.
     */
    static java.util.Properties bounds(String url) {
        java.util.Properties properties = new java.util.Properties();
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            String seconds = String.valueOf(LIMIT.toSeconds());
            properties.setProperty("loginTimeout", seconds);
            properties.setProperty("connectTimeout", seconds);
            properties.setProperty("socketTimeout", seconds);
        }
        return properties;
    }

    private static Set<String> columns(DatabaseMetaData metadata, String table) throws SQLException {
        Set<String> found = new LinkedHashSet<>();
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))) {
            try (ResultSet rows = metadata.getColumns(null, null, name, null)) {
                while (rows.next()) {
                    found.add(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            if (!found.isEmpty()) {
                break;
            }
        }
        return found;
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return "no answer within " + LIMIT.toSeconds() + " s";
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
