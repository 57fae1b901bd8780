package dev.sluice.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sluice.broker.BrokerConnection;

/**
 * The consumers of one running flow: a channel each, manual acks, the events in flight, and letting go of it all
 * when the flow stops. Every event handed out is settled exactly once, by {@link #ack}, {@link #nack} or
 * {@link #leave}. Thread-safe.
 */
final class FlowConsumers {

    private static final Logger log = LoggerFactory.getLogger(FlowConsumers.class);

    /** An event handed out on a channel, to be settled on that channel. */
    record Received(ChannelAcks acks, Delivery delivery) {

        long tag() {
            return delivery.getEnvelope().getDeliveryTag();
        }

        Map<String, Object> headers() {
            return delivery.getProperties().getHeaders();
        }

        /** Tells this event apart when the broker hands it out again: its message id, or else its body. */
        String identity() {
            String messageId = delivery.getProperties().getMessageId();
            return messageId != null ? "id:" + messageId
                    : "body:" + java.util.Arrays.hashCode(delivery.getBody()) + ":" + delivery.getBody().length;
        }
    }

    private final BrokerConnection broker;
    private final ScheduledExecutorService scheduler;
    private final String flowName;
    private final List<Channel> channels = new ArrayList<>();
    private final Map<Channel, String> consumerTags = new LinkedHashMap<>();
    private final Map<Channel, ChannelAcks> acks = new LinkedHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger awaitingDue = new AtomicInteger();
    private volatile boolean stopping;
    private volatile boolean broken;
    private volatile Consumer<Received> onSettled = received -> { };

    FlowConsumers(BrokerConnection broker, ScheduledExecutorService scheduler, String flowName) {
        this.broker = broker;
        this.scheduler = scheduler;
        this.flowName = flowName;
    }

    /** Told of every event once it is settled (acked, handed back or left), after the fact. */
    void onSettled(Consumer<Received> listener) {
        this.onSettled = listener;
    }

    boolean stopping() {
        return stopping;
    }

    boolean broken() {
        return broken;
    }

    /**
     * Consumes {@code queue} with this prefetch, handing each event to {@code handler}; a {@code delayed} queue's
     * events are handed out only once their due time (a header) has come.
     */
    Channel consume(String queue, boolean delayed, int prefetch, Consumer<Received> handler) throws IOException {
        Channel channel = broker.openConsumingChannel();
        if (channel instanceof Recoverable recoverable) {
            recoverable.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recovered) {
                    // the client's own recovery of queues and consumers is not to be relied on (it replays
                    // declarations on channels long closed): the engine starts this flow afresh instead
                    broken = true;
                }

                @Override
                public void handleRecoveryStarted(Recoverable recovering) {
                    broken = true;
                }
            });
        }
        ChannelAcks channelAcks = new ChannelAcks(channel, scheduler, prefetch, broker.isEmbedded());
        try {
            channel.basicQos(prefetch);
            String tag = channel.basicConsume(queue, false, "", false, false, null,
                    (consumerTag, delivery) -> {
                        Received received = new Received(channelAcks, delivery);
                        channelAcks.handedOut(received.tag());
                        if (delayed) {
                            long wait = Headers.due(received.headers()) - System.currentTimeMillis();
                            if (wait > 0) {
                                awaitingDue.incrementAndGet();
                                scheduler.schedule(() -> {
                                    awaitingDue.decrementAndGet();
                                    handOut(received, handler);
                                }, wait, TimeUnit.MILLISECONDS);
                                return;
                            }
                        }
                        handOut(received, handler);
                    },
                    consumerTag -> log.warn("Consumer of {} was cancelled by the broker", queue));
            synchronized (channels) {
                if (stopping) {
                    closeQuietly(channel);
                    return channel;
                }
                channels.add(channel);
                consumerTags.put(channel, tag);
                acks.put(channel, channelAcks);
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Events handed out and not settled yet. */
    int inFlight() {
        return inFlight.get();
    }

    /** Something went wrong under the consumers: the engine starts the flow afresh. */
    void markBroken() {
        broken = true;
    }

    /** Events of the retry queues this instance holds, handed out but not due yet. */
    int awaitingDue() {
        return awaitingDue.get();
    }

    private void handOut(Received received, Consumer<Received> handler) {
        inFlight.incrementAndGet();
        handler.accept(received);
    }

    /**
     * Becomes the queue's only consumer, or keeps trying every second while another instance is. The embedded
     * broker answers a second exclusive consumer by closing the whole connection, so instead of the exclusive
     * flag the instances look: consume only when the queue has no consumer, and let go (retrying after a random
     * pause) when another instance slipped in at the same moment.
     */
    void consumeExclusively(String queue, int prefetch, Consumer<Received> handler) {
        if (stopping) {
            return;
        }
        try {
            if (consumersOf(queue) == 0) {
                Channel channel = consume(queue, false, prefetch, handler);
                if (consumersOf(queue) <= 1) {
                    log.info("Flow {} is consumed from {} by this instance (ordered)", flowName, queue);
                    return;
                }
                release(channel);
                scheduler.schedule(() -> consumeExclusively(queue, prefetch, handler),
                        200 + (long) (Math.random() * 1000), TimeUnit.MILLISECONDS);
                return;
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Could not take the ordered consumer of {}", queue, e);
        }
        scheduler.schedule(() -> consumeExclusively(queue, prefetch, handler), 1, TimeUnit.SECONDS);
    }

    private long consumersOf(String queue) throws IOException {
        try (Channel channel = broker.openChannel()) {
            return channel.queueDeclarePassive(queue).getConsumerCount();
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    private void release(Channel channel) {
        synchronized (channels) {
            channels.remove(channel);
            consumerTags.remove(channel);
            acks.remove(channel);
        }
        closeQuietly(channel);
    }

    /** Acks the event, together with others settled at about the same time ({@link ChannelAcks}). */
    void ack(Received received) {
        try {
            received.acks().ack(received.tag());
        } finally {
            settled(received);
        }
    }

    /** Hands the event back to the queue at once. */
    void nack(Received received) {
        try {
            received.acks().nack(received.tag());
        } catch (IOException | RuntimeException e) {
            log.debug("Nack failed (the channel is gone; the event will be redelivered)", e);
        } finally {
            settled(received);
        }
    }

    /** Leaves the event unacked: closing the channel hands it back, so the next runner processes it, never both. */
    void leave(Received received) {
        settled(received);
    }

    private void settled(Received received) {
        inFlight.decrementAndGet();
        onSettled.accept(received);
    }

    /** Stops taking events, lets in-flight ones finish (up to {@code drainTimeoutNanos}), then closes the channels. */
    void stop(long drainTimeoutNanos) {
        List<Channel> open;
        Map<Channel, String> tags;
        List<ChannelAcks> pendingAcks;
        synchronized (channels) {
            stopping = true;
            open = List.copyOf(channels);
            tags = Map.copyOf(consumerTags);
            pendingAcks = List.copyOf(acks.values());
        }
        tags.forEach((channel, tag) -> {
            try {
                channel.basicCancel(tag);
            } catch (IOException | RuntimeException e) {
                log.debug("Cancel failed", e);
            }
        });
        long deadline = System.nanoTime() + drainTimeoutNanos;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        pendingAcks.forEach(ChannelAcks::flush);
        open.forEach(FlowConsumers::closeQuietly);
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            log.debug("Close failed", e);
        }
    }
}
