package dev.sluice.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What one flow did on this instance over the last hour, a sample every few seconds, for the designer's charts:
 * rates from the differences of its counters, so a restart of the flow's runner shows as a gap, not a spike.
 * Thread-safe.
 */
public final class FlowHistory {

    /** Samples kept: an hour at one every five seconds. */
    static final int CAPACITY = 720;

    /**
     * One interval.
     *
     * @param at        end of the interval, epoch milliseconds
     * @param inPerS    events received per second
     * @param outPerS   events delivered to targets per second
     * @param failedPerS events that failed (and were retried or dead-lettered) per second
     * @param p50Ms     median latency so far, milliseconds
     * @param waiting   events waiting in the flow's queue at the end, -1 when unknown
     * @param lagMs     how far behind the flow was at the end ({@link FlowStatus#lagMs}), -1 when unknown
     * @param arrivalMs median time so far from ingest publishing an event to the flow taking it, milliseconds
     */
    public record Sample(long at, double inPerS, double outPerS, double failedPerS, double p50Ms, long waiting,
                         long lagMs, double arrivalMs) {
    }

    private record Totals(long at, long in, long out, long failed) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private Totals last;

    /** Records the counters' totals now; the first call after a (re)start only sets the baseline. */
    synchronized void record(long at, long in, long out, long failed, double p50Ms, long waiting, long lagMs,
                             double arrivalMs) {
        Totals now = new Totals(at, in, out, failed);
        if (last != null && at > last.at() && in >= last.in() && out >= last.out() && failed >= last.failed()) {
            double seconds = (at - last.at()) / 1000.0;
            samples.addLast(new Sample(at, (in - last.in()) / seconds, (out - last.out()) / seconds,
                    (failed - last.failed()) / seconds, p50Ms, waiting, lagMs, arrivalMs));
            while (samples.size() > CAPACITY) {
                samples.removeFirst();
            }
        }
        last = now;
    }

    public synchronized List<Sample> samples() {
        return new ArrayList<>(samples);
    }
}
