package dev.sluice;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

import dev.sluice.broker.BrokerConnection;

/** Waiting in tests for what the engine, the broker or a server does on threads of its own. */
public final class Await {

    private static final Duration USUALLY = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 50;

    private Await() {
    }

    /** Returns once {@code condition} holds, polling; fails after 20 s naming {@code what} it waited for. */
    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        await(condition, USUALLY, what);
    }

    public static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The next message in {@code queue}, taken (auto-acked); fails when none arrives within 20 s. */
    public static GetResponse message(BrokerConnection broker, String queue) throws Exception {
        Instant deadline = Instant.now().plus(USUALLY);
        try (Channel channel = broker.openChannel()) {
            while (Instant.now().isBefore(deadline)) {
                GetResponse message = channel.basicGet(queue, true);
                if (message != null) {
                    return message;
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
        throw new AssertionError("nothing arrived in " + queue);
    }
}
