package dev.sluice.broker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import dev.sluice.platform.DataDirectory;

/**
 * Starts the embedded broker on a thread of its own as soon as the context's settings are read, before any bean is
 * made: Qpid takes seconds to open its store, mostly waiting on its own threads, and those now pass while the
 * database and the web layer are set up ({@code BrokerConfiguration} takes the broker when the connection needs it).
 * A bean factory post-processor because nothing in a context runs earlier, and only contexts with the broker's
 * configuration have one. A broker started for a context that failed before taking it is stopped with the context.
 */
final class EmbeddedBrokerStart implements BeanFactoryPostProcessor, DisposableBean {

    private final Environment environment;
    /** Null when Sluice uses another broker. */
    private volatile CompletableFuture<EmbeddedBroker> started;
    private volatile boolean taken;

    EmbeddedBrokerStart(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        AmqpProperties properties = Binder.get(environment).bindOrCreate("sluice.amqp", AmqpProperties.class);
        if (!properties.isEmbedded()) {
            return;
        }
        DataDirectory dataDirectory = DataDirectory.of(environment);
        CompletableFuture<EmbeddedBroker> starting = new CompletableFuture<>();
        started = starting;
        Thread.ofPlatform().daemon().name("sluice-broker-start").start(() -> {
            try {
                starting.complete(start(properties.embedded(), dataDirectory));
            } catch (Throwable e) {
                starting.completeExceptionally(e);
            }
        });
    }

    private static EmbeddedBroker start(AmqpProperties.Embedded settings, DataDirectory dataDirectory) {
        // per data directory, so no two installations on a machine ever accept each other's connections
        String password = dataDirectory.readOrCreatePrivate("keys", "broker.password",
                () -> EmbeddedBroker.newPassword() + "\n").strip();
        return EmbeddedBroker.start(settings, password, dataDirectory.resolve("broker"));
    }

    /** The embedded broker once it listens, null when Sluice uses another; throws what its start threw. */
    EmbeddedBroker take() {
        CompletableFuture<EmbeddedBroker> broker = started;
        if (broker == null) {
            return null;
        }
        taken = true;
        try {
            return broker.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public void destroy() {
        CompletableFuture<EmbeddedBroker> broker = started;
        if (broker != null && !taken) {
            broker.handle((running, failure) -> {
                if (running != null) {
                    running.close();
                }
                return null;
            }).join();
        }
    }
}
