package dev.sluice.region;

import java.net.URI;
import java.util.regex.Pattern;

import dev.sluice.broker.AmqpUris;

/**
 * A region: a RabbitMQ cluster with its engine instances, as every instance of the installation is configured
 * ({@code sluice.regions[n].*}).
 *
 * @param name               lower-case letters, digits and '-', such as {@code cn-east}
 * @param amqpUri            how other regions' links reach this cluster ({@code amqps} across clouds), with the
 *                           credentials of a user that may read the queues Sluice keeps here for them; a
 *                           cluster's node URIs separated by commas, of which a link uses any that answers
 * @param managementUri      this cluster's management API, where Sluice sets up and watches the links into it
 * @param managementUsername a management user allowed to define shovels ({@code policymaker} or
 *                           {@code administrator} tag)
 * @param vhost              the virtual host Sluice uses on this cluster
 */
public record Region(String name, String amqpUri, URI managementUri, String managementUsername,
                     String managementPassword, String vhost) {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public Region {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a region's name (sluice.regions[n].name) is 1 to 63 lower-case "
                    + "letters, digits or '-', starting with a letter or digit, not '" + name + "'");
        }
        if (vhost == null || vhost.isBlank()) {
            vhost = "/";
        }
        if (managementUsername == null || managementUsername.isBlank()) {
            managementUsername = "guest";
        }
        if (managementPassword == null) {
            managementPassword = "guest";
        }
    }

    /** True when Sluice can link this region with others: it knows both its AMQP and management addresses. */
    public boolean linkable() {
        return amqpUri != null && !amqpUri.isBlank() && managementUri != null;
    }

    /** The AMQP address without its credentials, to show. */
    public String amqpAddress() {
        return AmqpUris.redact(amqpUri);
    }

    BrokerManagement management() {
        return new BrokerManagement(managementUri, managementUsername, managementPassword);
    }

    @Override
    public String toString() {
        return "Region[" + name + " at " + amqpAddress() + ", management " + managementUri + "]";
    }
}
