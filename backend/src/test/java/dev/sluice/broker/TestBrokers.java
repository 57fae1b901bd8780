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
        EmbeddedBroker broker = EmbeddedBroker.start(new AmqpProperties.Embedded(FreePort.find(), "127.0.0.1", "sluice"),
                EmbeddedBroker.newPassword(), workDir);
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

    /** A broker a test can stop and start again, keeping what it stored. */
    public interface Restartable extends Connected {

        /** Stops the broker (every client connection drops), waits {@code down}, and starts it again. */
        void restart(java.time.Duration down) throws Exception;
    }

    /** The embedded broker, stopped and started in-process on the same port and store. */
    public static Restartable restartableEmbedded(Path workDir) {
        return new EmbeddedRestartable(workDir);
    }

    private static final class EmbeddedRestartable implements Restartable {

        private final AmqpProperties.Embedded settings =
                new AmqpProperties.Embedded(FreePort.find(), "127.0.0.1", "sluice");
        private final String password = EmbeddedBroker.newPassword();
        private final Path workDir;
        private EmbeddedBroker broker;
        private final BrokerConnection connection;

        EmbeddedRestartable(Path workDir) {
            this.workDir = workDir;
            this.broker = EmbeddedBroker.start(settings, password, workDir);
            this.connection = BrokerConnection.connect(broker.uri(), true);
        }

        @Override
        public BrokerConnection connection() {
            return connection;
        }

        @Override
        public synchronized void restart(java.time.Duration down) throws InterruptedException {
            broker.close();
            Thread.sleep(down.toMillis());
            broker = EmbeddedBroker.start(settings, password, workDir);
        }

        @Override
        public synchronized void close() {
            connection.close();
            broker.close();
        }
    }

    /**
     * A RabbitMQ node of its own, started from the {@code rabbitmq-server} script named by {@code
     * SLUICE_IT_RABBITMQ_SERVER}, so restarting it disturbs nobody else on the machine's shared RabbitMQ.
     */
    public static Restartable privateRabbitMq(Path workDir) throws Exception {
        return RabbitMqNode.start(Path.of(System.getenv(RabbitMqNode.SERVER)), workDir);
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
