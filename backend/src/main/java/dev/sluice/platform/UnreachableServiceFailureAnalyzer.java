package dev.sluice.platform;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Turns "could not connect" (or "could not listen") deep in a start-up stack trace into one line naming the
 * service, its address and the setting to check.
 */
class UnreachableServiceFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    UnreachableServiceFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        UnreachableServiceException unreachable = find(failure, UnreachableServiceException.class);
        if (unreachable != null) {
            return analysis(unreachable.getMessage(), unreachable.service(), unreachable.setting());
        }
        PortInUseException taken = find(failure, PortInUseException.class);
        if (taken != null) {
            return new FailureAnalysis(taken.getMessage(), "Stop the process that uses the port, or set "
                    + taken.setting() + " to a free port, then start Sluice again.", null);
        }
        if (find(failure, SQLException.class) != null && isNetworkFailure(failure)) {
            String url = environment.getProperty("spring.datasource.url", "(unset)");
            return analysis("The database at " + url + " is unreachable: "
                    + UnreachableServiceException.rootMessage(failure), "the database", "SPRING_DATASOURCE_URL");
        }
        return null;
    }

    private static FailureAnalysis analysis(String description, String service, String setting) {
        return new FailureAnalysis(description,
                "Start " + service + " or correct " + setting + ", then start Sluice again.", null);
    }

    private static boolean isNetworkFailure(Throwable failure) {
        return find(failure, ConnectException.class) != null
                || find(failure, UnknownHostException.class) != null
                || find(failure, NoRouteToHostException.class) != null
                || find(failure, SocketTimeoutException.class) != null
                || String.valueOf(UnreachableServiceException.rootMessage(failure)).contains("Connection refused");
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
