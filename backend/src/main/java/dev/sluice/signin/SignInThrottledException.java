package dev.sluice.signin;

import java.time.Duration;
import java.time.Instant;

import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused without looking at the password, because its user or its address failed too often lately.
 * The API answers it with 429 and {@code Retry-After}; the login form shows the message.
 */
public class SignInThrottledException extends AuthenticationException {

    private final Instant until;

    SignInThrottledException(Instant until) {
        super("Too many failed sign-ins; try again in " + seconds(until, Instant.now()) + " s");
        this.until = until;
    }

    /** Whole seconds until a sign-in may be tried again, at least 1. */
    public long retryAfterSeconds() {
        return seconds(until, Instant.now());
    }

    private static long seconds(Instant until, Instant now) {
        return Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
    }
}
