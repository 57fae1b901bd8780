package dev.sluice.engine;

import java.io.IOException;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acks of one consumer channel, coalesced: events settled within {@link #DELAY_MICROS} of each other are acked
 * together, with one multiple ack for those below every event still unsettled and single acks for the others, so a
 * multiple ack never covers an event still being processed. The embedded broker's store commits once per ack frame,
 * which made acks most of its cost per event there; on RabbitMQ coalescing gains no throughput and only adds
 * latency, so there, as on a channel with a prefetch of one, each event is acked at once. Thread-safe; locks this, then the channel.
 */
final class ChannelAcks {

    private static final Logger log = LoggerFactory.getLogger(ChannelAcks.class);
    static final long DELAY_MICROS = 2_000;

    private final Channel channel;
    private final ScheduledExecutorService scheduler;
    private final boolean coalesce;
    /** Handed out and neither acked nor nacked yet (an event left for the next runner stays here). */
    private final ConcurrentSkipListSet<Long> unsettled = new ConcurrentSkipListSet<>();
    private final NavigableSet<Long> toAck = new TreeSet<>();
    private boolean flushDue;

    ChannelAcks(Channel channel, ScheduledExecutorService scheduler, int prefetch, boolean coalesce) {
        this.channel = channel;
        this.scheduler = scheduler;
        this.coalesce = coalesce && prefetch > 1;
    }

    /** Called on the channel's consumer thread, in delivery order, before the event is processed. */
    void handedOut(long tag) {
        unsettled.add(tag);
    }

    void ack(long tag) {
        synchronized (this) {
            unsettled.remove(tag);
            toAck.add(tag);
            if (coalesce && flushDue) {
                return;
            }
            flushDue = true;
        }
        if (coalesce) {
            scheduler.schedule(this::flush, DELAY_MICROS, TimeUnit.MICROSECONDS);
        } else {
            flush();
        }
    }

    /** Hands the event back to the queue; before any later multiple ack could cover it. */
    synchronized void nack(long tag) throws IOException {
        unsettled.remove(tag);
        synchronized (channel) {
            channel.basicNack(tag, false, true);
        }
    }

    /** Sends the acks due; also called before the channel closes, so no settled event is handed out again. */
    synchronized void flush() {
        flushDue = false;
        if (toAck.isEmpty()) {
            return;
        }
        try {
            Long lowestUnsettled = unsettled.ceiling(0L);
            NavigableSet<Long> together = lowestUnsettled == null ? toAck : toAck.headSet(lowestUnsettled, false);
            synchronized (channel) {
                if (!together.isEmpty()) {
                    channel.basicAck(together.last(), true);
                }
                if (lowestUnsettled != null) {
                    for (long tag : toAck.tailSet(lowestUnsettled, false)) {
                        channel.basicAck(tag, false);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Ack failed (the channel is gone; the events will be redelivered)", e);
        } finally {
            toAck.clear();
        }
    }
}
