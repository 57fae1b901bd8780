package dev.sluice.target;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MalformedFrameException;
import com.rabbitmq.client.PossibleAuthenticationFailureException;

/**
 * What the reach checks share (each target kind's {@link TargetKind#check}, and a connection's own check): they
 * connect and look, and never send an event. Each is bounded by {@link #LIMIT}, checks the endpoint against the
 * platform's rules first, and answers with a short reason of its own: never what the other side said (a banner, a
 * server's error text), so a check cannot be used to read what listens on a port.
 */
final class ConnectionChecks {

    static final Duration LIMIT = Duration.ofSeconds(10);

    private ConnectionChecks() {
    }

    /** A connection on its own: a database sign-in, a broker connection, or an OPTIONS request to the base URL. */
    static ConnectionCheck endpoint(Endpoint endpoint, TargetContext context) {
        Optional<String> refused = context.reach().rules().refusal(endpoint);
        if (refused.isPresent()) {
            return ConnectionCheck.failed("May not be used: " + refused.get());
        }
        try {
            switch (endpoint.kind()) {
                case JDBC -> {
                    try (Connection connection = signIn(endpoint, context)) {
                        String product = connection.getMetaData().getDatabaseProductName();
                        return ConnectionCheck.reached("Signed in to " + product + " database '"
                                + JdbcUrl.parse(endpoint.url()).database() + "'");
                    }
                }
                case RABBITMQ -> {
                    connectToBroker(endpoint, context).abort();
                    return ConnectionCheck.reached("Signed in to the broker");
                }
                case HTTP -> {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).timeout(LIMIT);
                    HttpDelivery.resolve(endpoint.headers(), context).forEach(request::header);
                    int status = context.http().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    return status >= 500 ? ConnectionCheck.failed("The server answered HTTP " + status + " to OPTIONS")
                            : ConnectionCheck.reached("Reached: the server answered HTTP " + status + " to OPTIONS");
                }
            }
        } catch (IllegalStateException e) {
            return ConnectionCheck.failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionCheck.failed("The check was interrupted");
        } catch (Exception e) {
            return ConnectionCheck.failed("Cannot connect: " + describe(e));
        }
        return ConnectionCheck.failed("Unknown connection kind");
    }

    /** Signs in to a {@code jdbc} connection's database as its user, bounded by {@link #LIMIT}. */
    static Connection signIn(Endpoint endpoint, TargetContext context) throws SQLException {
        JdbcUrl url = JdbcUrl.parse(endpoint.url());
        Properties login = bounds(url.driver());
        if (endpoint.username() != null) {
            login.setProperty("user", endpoint.username());
        }
        if (endpoint.password() != null) {
            login.setProperty("password", context.secretText(endpoint.password(), "the database password"));
        }
        return DriverManager.getConnection(url.driverUrl(context.reach().rules().h2Directory()), login);
    }

    /** Connects to a {@code rabbitmq} connection's broker as its user, bounded by {@link #LIMIT}. */
    static com.rabbitmq.client.Connection connectToBroker(Endpoint endpoint, TargetContext context)
            throws Exception {
        ConnectionFactory factory = RabbitMqTarget.connectionFactory(endpoint, context);
        factory.setConnectionTimeout((int) LIMIT.toMillis());
        factory.setHandshakeTimeout((int) LIMIT.toMillis());
        return factory.newConnection("sluice-connection-check");
    }

    /**
     * Connection properties bounding the sign-in and the lookups by {@link #LIMIT}, for this connection only
     * ({@code DriverManager.setLoginTimeout} would change every later connection in the JVM). Only for drivers known
     * to take them: H2 refuses properties it does not know.
     */
    static Properties bounds(JdbcUrl.Driver driver) {
        Properties properties = new Properties();
        if (driver == JdbcUrl.Driver.POSTGRESQL) {
            String seconds = String.valueOf(LIMIT.toSeconds());
            properties.setProperty("loginTimeout", seconds);
            properties.setProperty("connectTimeout", seconds);
            properties.setProperty("socketTimeout", seconds);
        }
        return properties;
    }

    static Set<String> columns(DatabaseMetaData metadata, String table) throws SQLException {
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

    /**
     * A short reason of Sluice's own wording for a failed connection: what kind of failure, never the other side's
     * text.
     */
    static String describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case UnknownHostException e -> {
                    return "the host name does not resolve";
                }
                case ConnectException e -> {
                    return "connection refused";
                }
                case NoRouteToHostException e -> {
                    return "no route to the host";
                }
                case SocketTimeoutException e -> {
                    return "no answer within " + LIMIT.toSeconds() + " s";
                }
                case TimeoutException e -> {
                    return "no answer within " + LIMIT.toSeconds() + " s";
                }
                case SSLException e -> {
                    return "the TLS handshake failed";
                }
                case AuthenticationFailureException e -> {
                    return "the broker refused the user or password";
                }
                case PossibleAuthenticationFailureException e -> {
                    return "the broker closed the connection at sign-in (wrong user, password or virtual host?)";
                }
                case MalformedFrameException e -> {
                    return "what answers there is not an AMQP 0-9-1 broker";
                }
                case SQLException e when e.getSQLState() != null -> {
                    return sqlReason(e.getSQLState());
                }
                default -> {
                }
            }
        }
        return "the connection failed";
    }

    private static String sqlReason(String state) {
        if (state.startsWith("28")) {
            return "the database refused the user or password";
        }
        if (state.equals("3D000")) {
            return "the database does not exist";
        }
        if (state.startsWith("08")) {
            return "cannot connect to the database (SQL state " + state + ")";
        }
        return "the database refused (SQL state " + state + ")";
    }
}
