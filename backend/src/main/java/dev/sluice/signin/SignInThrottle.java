package dev.sluice.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.sluice.audit.AuditLog;
import dev.sluice.audit.AuditRecord;

/**
 * Counts failed sign-ins per username and per client address, in this process's memory (each instance counts
 * its own; a restart forgets). When one of them reaches its limit within the window it is refused for
 * {@code firstRefusal}; a failure after that, before it has been quiet for a window, refuses it again for twice
 * as long, up to {@code longestRefusal}. A successful sign-in clears its username, never its address, so one
 * valid account does not buy guesses at others. Each refusal period is audited once, when it starts; the
 * attempts refused during it are not, so guessing cannot flood the log. Thread-safe.
 */
class SignInThrottle {

    private static final int MAX_TRACKED = 100_000;

    private final SignInProperties limits;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    SignInThrottle(SignInProperties limits, AuditLog audit, Clock clock) {
        this.limits = limits;
        this.audit = audit;
        this.clock = clock;
    }

    /** Refuses the attempt when its user or its address is being refused. */
    void check(String username, String address) {
        Instant now = clock.instant();
        Instant until = later(refusedUntil(userKey(username), now), refusedUntil(addressKey(address), now));
        if (until != null) {
            throw new SignInThrottledException(until);
        }
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        if (counters.size() > MAX_TRACKED) {
            counters.values().removeIf(counter -> counter.quiet(now, limits.window()));
        }
        record(userKey(username), limits.maxFailuresPerUser(), now, username, address);
        if (address != null) {
            record(addressKey(address), limits.maxFailuresPerAddress(), now, username, address);
        }
    }

    void succeeded(String username) {
        counters.remove(userKey(username));
    }

    private void record(String key, int max, Instant now, String username, String address) {
        Counter counter = counters.computeIfAbsent(key, k -> new Counter());
        Duration refusal;
        int failures;
        synchronized (counter) {
            if (counter.quiet(now, limits.window())) {
                counter.reset();
            }
            refusal = counter.fail(now, max, limits);
            failures = counter.total;
        }
        if (refusal != null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("by", key.startsWith("user:") ? "user" : "address");
            details.put("address", address == null ? "" : address);
            details.put("failures", failures);
            details.put("seconds", refusal.toSeconds());
            audit.record(new AuditRecord(username, null, "login.throttled", key.startsWith("user:") ? "user" : "address",
                    key.substring(key.indexOf(':') + 1), AuditRecord.Outcome.DENIED, details));
        }
    }

    private Instant refusedUntil(String key, Instant now) {
        Counter counter = key == null ? null : counters.get(key);
        if (counter == null) {
            return null;
        }
        synchronized (counter) {
            return counter.refusedUntil != null && counter.refusedUntil.isAfter(now) ? counter.refusedUntil : null;
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static String userKey(String username) {
        return "user:" + (username == null ? "" : username);
    }

    private static String addressKey(String address) {
        return address == null ? null : "address:" + address;
    }

    /** One username's or address's recent failures; guarded by its own monitor. */
    private static final class Counter {
        private final Deque<Instant> recent = new ArrayDeque<>();
        private Instant refusedUntil;
        private Instant lastFailure;
        private int refusals;
        private int total;

        /** Counts a failure; returns the refusal it starts, if any. */
        Duration fail(Instant now, int max, SignInProperties limits) {
            lastFailure = now;
            total++;
            recent.addLast(now);
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(limits.window()))) {
                recent.removeFirst();
            }
            while (recent.size() > max) {
                recent.removeFirst();
            }
            // after a refusal has ended, one more failure is enough to be refused again
            if (refusals == 0 && recent.size() < max) {
                return null;
            }
            Duration refusal = limits.firstRefusal().multipliedBy(1L << Math.min(refusals, 20));
            if (refusal.compareTo(limits.longestRefusal()) > 0) {
                refusal = limits.longestRefusal();
            }
            refusals++;
            refusedUntil = now.plus(refusal);
            recent.clear();
            return refusal;
        }

        /** Nothing for a window since the last failure and the last refusal. */
        boolean quiet(Instant now, Duration window) {
            Instant last = refusedUntil == null || lastFailure.isAfter(refusedUntil) ? lastFailure : refusedUntil;
            return last == null || last.plus(window).isBefore(now);
        }

        void reset() {
            recent.clear();
            refusedUntil = null;
            refusals = 0;
            total = 0;
        }
    }
}
