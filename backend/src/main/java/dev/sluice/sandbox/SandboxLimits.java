package dev.sluice.sandbox;

import java.time.Duration;

/**
 * What one event may cost a script. Every limit ends the event with a {@link ScriptFailure}; none ends the engine.
 *
 * @param timeBudget     wall-clock time per event; the watchdog cancels the script after it
 * @param statementLimit JavaScript statements per event (top level and {@code process} together)
 * @param maxOutputChars length of the JSON the script returns, all events of a split together
 * @param maxAllocation  bytes the event's thread may allocate while the script runs: the community edition has
 *                       no heap limit, so this is the heap guard that stops array- and string-growth loops
 * @param poolSize       contexts kept per compiled script; more concurrent events wait for one
 * @param maxCodeChars   length of a script's source
 */
public record SandboxLimits(Duration timeBudget, long statementLimit, int maxOutputChars, long maxAllocation,
                            int poolSize, int maxCodeChars) {

    public SandboxLimits {
        if (timeBudget.isNegative() || timeBudget.isZero() || statementLimit < 1 || maxOutputChars < 2
                || maxAllocation < 1 || poolSize < 1 || maxCodeChars < 1) {
            throw new IllegalArgumentException("Sandbox limits must be positive");
        }
    }

    /**
     * What the engine, dry-run and {@code flow test} use. 64 MB of allocation per event is far more than a transform
     * of an event needs, and small enough that a script hoarding memory is stopped before it strains the shared heap
     * (measured: a flow beside one hoarding 256 MB per event lost throughput to garbage collection). A context for
     * each of the broker client's consumer threads (twice the processors), about 0.6 MB each, so that each thread
     * keeps to its own.
     */
    public static SandboxLimits defaults() {
        return new SandboxLimits(Duration.ofSeconds(1), 5_000_000, 1_000_000, 64L << 20,
                Math.clamp(2L * Runtime.getRuntime().availableProcessors(), 2, 16), 100_000);
    }

    public SandboxLimits withTimeBudget(Duration budget) {
        return new SandboxLimits(budget, statementLimit, maxOutputChars, maxAllocation, poolSize, maxCodeChars);
    }

    public SandboxLimits withStatementLimit(long limit) {
        return new SandboxLimits(timeBudget, limit, maxOutputChars, maxAllocation, poolSize, maxCodeChars);
    }

    public SandboxLimits withMaxAllocation(long bytes) {
        return new SandboxLimits(timeBudget, statementLimit, maxOutputChars, bytes, poolSize, maxCodeChars);
    }

    public SandboxLimits withPoolSize(int size) {
        return new SandboxLimits(timeBudget, statementLimit, maxOutputChars, maxAllocation, size, maxCodeChars);
    }
}
