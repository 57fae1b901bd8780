package dev.sluice.target;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Where a workspace may publish on the platform broker: exchanges named {@code ws.<workspace>.<name>}, which
 * Sluice declares (durable topic exchanges) for it, and the sources the workspace owns. Never another
 * workspace's source, the default exchange (it routes to any queue by name) or Sluice's own exchanges.
 */
public final class PlatformNamespace {

    public static final String PREFIX = "ws.";
    private static final Pattern OWN_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$");

    private PlatformNamespace() {
    }

    /** The exchange prefix of {@code workspace}'s own namespace, e.g. {@code ws.finance.}. */
    public static String of(String workspace) {
        return PREFIX + workspace + ".";
    }

    /** Whether {@code exchange} lies in the namespace of some workspace (so no source may take that name). */
    public static boolean isWorkspaceExchange(String exchange) {
        return exchange.startsWith(PREFIX);
    }

    /**
     * Why {@code workspace} may not publish to {@code exchange} on the platform broker, or empty when it may.
     * The message is the same for another workspace's source and for a name that exists nowhere, so it tells
     * nothing about other workspaces.
     */
    public static Optional<String> refusal(String workspace, String exchange, Predicate<String> ownsSource) {
        String own = of(workspace);
        if (exchange.startsWith(own) && OWN_NAME.matcher(exchange.substring(own.length())).matches()) {
            return Optional.empty();
        }
        if (!exchange.isEmpty() && ownsSource.test(exchange)) {
            return Optional.empty();
        }
        if (exchange.isEmpty()) {
            return Optional.of("the default exchange may not be used on the platform broker: publish to an exchange of "
                    + "this workspace, " + own + "<name>");
        }
        return Optional.of("'" + exchange + "' is outside workspace " + workspace + "'s namespace on the platform "
                + "broker: publish to " + own + "<name> (Sluice declares it) or to a source " + workspace
                + " owns, or name a rabbitmq connection for another broker");
    }

    /** Whether {@code exchange} is in the workspace's own {@code ws.} namespace (Sluice declares those). */
    static boolean isOwn(String workspace, String exchange) {
        return exchange.startsWith(of(workspace));
    }
}
