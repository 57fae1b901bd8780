package dev.sluice.broker;

import java.nio.file.Path;

import dev.sluice.platform.FreePort;

/** Brokers for benchmarks outside a Spring context: the embedded one on a free port, or a RabbitMQ by URI. */
public final class TestBrokers {

    private TestBrokers() {
    }

    /** A connection to a broker; closing it also stops the broker when it was started here. */
    public interface Connected extends AutoCloseable {

        BrokerConnection connection();

        @Override
        void close();
    }

    /** Starts the embedded broker with its store in {@code workDir} and connects to it. */
    public static Connected embedded(Path workDir) {
        EmbeddedBroker broker = EmbeddedBroker.start(
                new AmqpProperties.Embedded(FreePort.find(), "127.0.0.1", "sluice", "sluice"), workDir);
        BrokerConnection connection = BrokerConnection.connect(broker.uri(), true);
        return new Connected() {
            @Override
            public BrokerConnection connection() {
                return connection;
            }

            @Override
            public void close() {
                connection.close();
                broker.close();
            }
        };
    }

    public static Connected rabbitMq(String uri) {
        BrokerConnection connection = BrokerConnection.connect(uri, false);
        return new Connected() {
            @Override
            public BrokerConnection connection() {
                return connection;
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }
}
