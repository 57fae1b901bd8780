package dev.sluice.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sluice.platform.UnreachableServiceException;

/**
 * This process's AMQP connections, one for publishing and declaring and one for consuming, with automatic
 * recovery: when the broker goes away and comes back, the connections and their channels are restored.
 * Thread-safe; channels are not, so each user opens its own with {@link #openChannel()} or
 * {@link #openConsumingChannel()}.
 */
public final class BrokerConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerConnection.class);

    private final ConnectionFactory factory;
    private final Connection connection;
    private final Connection consuming;
    private final String address;
    private final boolean embedded;
    private final Map<String, Boolean> exchangeTypes = new ConcurrentHashMap<>();

    private BrokerConnection(ConnectionFactory factory, Connection connection, Connection consuming, String address,
                             boolean embedded) {
        this.factory = factory;
        this.connection = connection;
        this.consuming = consuming;
        this.address = address;
        this.embedded = embedded;
    }

    /**
     * Connects or fails at once with an {@link UnreachableServiceException} naming the broker. {@code uris} is one
     * AMQP URI or, for a cluster, its nodes' URIs separated by commas: the connection goes to one of them in a random
     * order and, when that node goes away, recovers to another. The first URI gives the credentials, virtual host
     * and TLS settings of all.
     */
    static BrokerConnection connect(String uris, boolean embedded) {
        String address = AmqpUris.redact(uris);
        List<String> nodes = AmqpUris.split(uris);
        ConnectionFactory factory = new ConnectionFactory();
        List<Address> addresses = new ArrayList<>();
        try {
            factory.setUri(nodes.getFirst());
            for (String node : nodes) {
                URI parsed = new URI(node);
                if (!"amqp".equals(parsed.getScheme()) && !"amqps".equals(parsed.getScheme())) {
                    throw new IllegalArgumentException("not an amqp:// or amqps:// URI");
                }
                addresses.add(new Address(parsed.getHost(), AmqpUris.port(parsed)));
            }
            if (factory.isSSL()) {
                // amqps: the broker's certificate against the JVM's trust store (javax.net.ssl.trustStore), as setUri
                // already does, and its names against the host, which setUri leaves out
                factory.useSslProtocol(SSLContext.getDefault());
                factory.enableHostnameVerification();
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("SLUICE_AMQP_URI is not a valid AMQP URI or list of them: " + address, e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(2_000);
        factory.setConnectionTimeout(10_000);
        factory.setRequestedHeartbeat(30);
        try {
            Connection connection = factory.newConnection(addresses, "sluice");
            Connection consuming;
            try {
                consuming = factory.newConnection(addresses, "sluice-consume");
            } catch (IOException | TimeoutException | RuntimeException e) {
                connection.abort();
                throw e;
            }
            for (Connection each : List.of(connection, consuming)) {
                if (each instanceof Recoverable recoverable) {
                    recoverable.addRecoveryListener(new RecoveryListener() {
                        @Override
                        public void handleRecovery(Recoverable r) {
                            log.info("Reconnected to the broker at {}", r instanceof Connection node
                                    ? node.getAddress().getHostAddress() + ":" + node.getPort() : address);
                        }

                        @Override
                        public void handleRecoveryStarted(Recoverable r) {
                            log.warn("Lost the broker at {}; reconnecting", address);
                        }
                    });
                }
            }
            log.info("Connected to {} broker at {}{}", embedded ? "the embedded" : "the RabbitMQ", address,
                    nodes.size() > 1 ? " (node " + connection.getAddress().getHostAddress() + ":"
                            + connection.getPort() + ")" : "");
            return new BrokerConnection(factory, connection, consuming, address, embedded);
        } catch (IOException | TimeoutException e) {
            throw new UnreachableServiceException(embedded ? "The embedded broker" : "RabbitMQ", address,
                    embedded ? "SLUICE_AMQP_EMBEDDED_PORT" : "SLUICE_AMQP_URI", e);
        }
    }

    /**
     * True when the broker knows exchanges of {@code type} (a plugin's, say). Asked once per type, on a connection
     * of its own: RabbitMQ answers a declaration of an unknown type by closing the whole connection.
     */
    public boolean supportsExchangeType(String type) {
        return exchangeTypes.computeIfAbsent(type, unknown -> {
            String probe = "sluice.probe." + type;
            try (Connection probing = factory.newConnection("sluice-probe"); Channel channel = probing.createChannel()) {
                channel.exchangeDeclare(probe, type, false, true, null);
                channel.exchangeDelete(probe);
                return true;
            } catch (IOException | TimeoutException | RuntimeException e) {
                log.info("The broker at {} has no {} exchange: {}", address, type, e.getMessage());
                return false;
            }
        });
    }

    /** A new channel for publishing and declaring; the caller owns it and closes it. */
    public Channel openChannel() {
        return open(connection);
    }

    /**
     * A new channel for consuming, on a connection of its own: a connection busy taking publishes (ingest's batches)
     * held back the deliveries and acks of consumers on it, so flows and keepers fell behind while events came in,
     * and a broker throttling publishers throttles their whole connection. The caller owns it and closes it.
     */
    public Channel openConsumingChannel() {
        return open(consuming);
    }

    private Channel open(Connection on) {
        try {
            return on.createChannel();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a channel to the broker at " + address, e);
        }
    }

    /**
     * Up to {@code max} of the events waiting in {@code queue}, oldest first, left where they are: taken without
     * acking and handed back by closing the channel. Empty when the queue does not exist: it is looked up passively
     * first, since the embedded broker answers a get from a missing queue by closing the whole connection. The
     * broker takes back a closed channel's events asynchronously (a quorum queue through its log), so this returns
     * once as many events are ready as were waiting before, or after {@code settle}: the next reader, a replay say,
     * then counts them all.
     */
    public List<GetResponse> peek(String queue, long max, Duration settle) throws IOException {
        List<GetResponse> taken = new ArrayList<>();
        long waiting;
        Channel channel = openChannel();
        try {
            try {
                waiting = channel.queueDeclarePassive(queue).getMessageCount();
            } catch (IOException missing) {
                return taken;
            }
            GetResponse message;
            while (taken.size() < Math.min(max, waiting) && (message = channel.basicGet(queue, false)) != null) {
                taken.add(message);
            }
        } finally {
            closeQuietly(channel);
        }
        if (!taken.isEmpty()) {
            awaitReady(queue, waiting, settle);
        }
        return taken;
    }

    /** Closes the channel if it is open; closing hands back what was taken on it and not acked. */
    public static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException ignored) {
            // the channel is gone either way, and what it held goes back to its queues
        }
    }

    /** True when the broker refused a declaration because the queue or exchange exists with other settings. */
    public static boolean preconditionFailed(IOException e) {
        return String.valueOf(e.getCause()).contains("PRECONDITION_FAILED");
    }

    private void awaitReady(String queue, long ready, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Channel channel = openChannel()) {
            while (channel.queueDeclarePassive(queue).getMessageCount() < ready && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (IOException | TimeoutException e) {
            // the next reader finds what it finds
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isOpen() {
        return connection.isOpen() && consuming.isOpen();
    }

    /** The broker's address without credentials, for logs and health output. */
    public String address() {
        return address;
    }

    public boolean isEmbedded() {
        return embedded;
    }

    public String serverProduct() {
        Object product = connection.getServerProperties().get("product");
        return product == null ? "unknown" : product.toString();
    }

    @Override
    public void close() {
        for (Connection each : List.of(consuming, connection)) {
            try {
                if (each.isOpen()) {
                    each.close(5_000);
                }
            } catch (IOException e) {
                log.debug("Closing a broker connection failed", e);
            }
        }
    }
}
