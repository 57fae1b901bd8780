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

    /** The embedded broker, which a test can stop and start again on the same port and store. */
    public static final class Restartable implements Connected {

        private final AmqpProperties.Embedded settings =
                new AmqpProperties.Embedded(FreePort.find(), "127.0.0.1", "sluice", "sluice");
        private final Path workDir;
        private EmbeddedBroker broker;
        private final BrokerConnection connection;

        public Restartable(Path workDir) {
            this.workDir = workDir;
            this.broker = EmbeddedBroker.start(settings, workDir);
            this.connection = BrokerConnection.connect(broker.uri(), true);
        }

        @Override
        public BrokerConnection connection() {
            return connection;
        }

        /** Stops the broker (every client connection drops), waits, and starts it again on the same store. */
        public synchronized void restart(java.time.Duration down) throws InterruptedException {
            broker.close();
            Thread.sleep(down.toMillis());
            broker = EmbeddedBroker.start(settings, workDir);
        }

        @Override
        public synchronized void close() {
            connection.close();
            broker.close();
        }
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
