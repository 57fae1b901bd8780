package dev.sluice.broker;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A RabbitMQ cluster's address as Sluice's settings give it: one AMQP URI, or the URIs of its nodes separated by
 * commas ({@code amqp://u:p@node1/%2F,amqp://u:p@node2/%2F}), the client then reaching whichever node answers.
 */
public final class AmqpUris {

    private AmqpUris() {
    }

    /** Each node's URI, in the order given; empty for a blank setting. */
    public static List<String> split(String uris) {
        if (uris == null) {
            return List.of();
        }
        return Arrays.stream(uris.split(",")).map(String::strip).filter(uri -> !uri.isEmpty()).toList();
    }

    /** The URIs without their credentials, to show in logs and pages. */
    public static String redact(String uris) {
        return split(uris).stream().map(AmqpUris::redactOne).collect(Collectors.joining(","));
    }

    /** The node's port: the one given, else the scheme's (5671 for {@code amqps}, 5672 for {@code amqp}). */
    public static int port(URI node) {
        return node.getPort() >= 0 ? node.getPort() : "amqps".equals(node.getScheme()) ? 5671 : 5672;
    }

    private static String redactOne(String uri) {
        try {
            URI parsed = URI.create(uri);
            String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
            return parsed.getScheme() + "://" + parsed.getHost() + ":" + port(parsed) + path;
        } catch (IllegalArgumentException e) {
            return "(unparseable URI)";
        }
    }
}
