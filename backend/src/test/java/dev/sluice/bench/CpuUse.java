package dev.sluice.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time per event of this JVM and, when the broker runs on this machine (a {@code beam.smp} process readable in
 * {@code /proc}), of the broker: on a shared machine, where throughput swings with the neighbours, what each side
 * spends per event says more than events/s.
 */
record CpuUse(double jvmMicros, double brokerMicros) {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    static Meter start() {
        return new Meter(jvmNanos(), brokerNanos());
    }

    record Meter(long jvmStart, long brokerStart) {
        CpuUse perEvent(int events) {
            double broker = brokerStart < 0 ? -1 : (brokerNanos() - brokerStart) / 1e3 / events;
            return new CpuUse((jvmNanos() - jvmStart) / 1e3 / events, broker);
        }
    }

    @Override
    public String toString() {
        return String.format("JVM %.1f µs, broker %s", jvmMicros,
                brokerMicros < 0 ? "not measured (not on this machine)" : String.format("%.1f µs", brokerMicros));
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** utime + stime of the local RabbitMQ's Erlang VM, or -1. */
    private static long brokerNanos() {
        Optional<ProcessHandle> beam = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("beam.smp")).orElse(false))
                .findFirst();
        if (beam.isEmpty()) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(beam.get().pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
