package dev.sluice.broker;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;

/**
 * Publishes on one channel in confirm mode and tracks confirms asynchronously: each publish returns a
 * future that completes when the broker confirms that message, and fails when the broker nacks it or the
 * channel is lost (then every outstanding message fails, and the next publish opens a new channel).
 * Thread-safe; publishes are serialized, as a channel requires.
 */
public final class ConfirmingPublisher implements AutoCloseable {

    private final Supplier<Channel> channels;
    private final String description;
    private final ConcurrentNavigableMap<Long, CompletableFuture<Void>> unconfirmed = new ConcurrentSkipListMap<>();
    private Channel channel;

    /**
     * @param channels    opens a fresh channel when needed
     * @param description what this publisher publishes to, for failure messages
     */
    public ConfirmingPublisher(Supplier<Channel> channels, String description) {
        this.channels = channels;
        this.description = description;
    }

    public synchronized CompletableFuture<Void> publish(String exchange, String routingKey,
                                                       AMQP.BasicProperties properties, byte[] body) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        try {
            Channel publishing = channel();
            unconfirmed.put(publishing.getNextPublishSeqNo(), confirmed);
            publishing.basicPublish(exchange, routingKey, false, properties, body);
        } catch (IOException | RuntimeException e) {
            channel = null;
            failAll(new IOException("publishing to " + description + " failed: " + e.getMessage(), e));
            confirmed.completeExceptionally(new IOException("publishing to " + description + " failed: "
                    + e.getMessage(), e));
        }
        return confirmed;
    }

    private Channel channel() throws IOException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        Channel opened = channels.get();
        opened.confirmSelect();
        opened.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long sequence, boolean multiple) {
                settle(sequence, multiple, null);
            }

            @Override
            public void handleNack(long sequence, boolean multiple) {
                settle(sequence, multiple, new IOException("the broker refused a message for " + description));
            }
        });
        opened.addShutdownListener(cause -> failAll(new IOException("the channel for " + description + " closed: "
                + cause.getMessage(), cause)));
        channel = opened;
        return opened;
    }

    private void settle(long sequence, boolean multiple, IOException failure) {
        var settled = multiple ? unconfirmed.headMap(sequence, true) : unconfirmed.subMap(sequence, true, sequence, true);
        settled.values().forEach(future -> {
            if (failure == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(failure);
            }
        });
        settled.clear();
    }

    private void failAll(IOException failure) {
        unconfirmed.values().forEach(future -> future.completeExceptionally(failure));
        unconfirmed.clear();
    }

    @Override
    public synchronized void close() {
        try {
            if (channel != null && channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
            // best effort: unconfirmed messages are failed below and retried by their owners
        }
        failAll(new IOException(description + " was closed"));
    }
}
