package dev.sluice.signin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Remembers, for a while, that a password matched its stored hash, so a REST client sending HTTP Basic on every
 * request (a publisher, say) pays BCrypt's deliberate ~0.1 s once, not per request: at 16 clients that cost had held
 * single-event ingest to ~30 requests/s. Only matches are remembered, so a wrong password always costs the full
 * check and the throttle still counts it. The stored hash is part of what is remembered, so a changed password
 * takes effect at the next request; a disabled user is refused by the account checks that run before this one.
 * What is kept is an HMAC under a key made at start-up and never stored, not the password.
 */
final class RememberedPasswordChecks implements PasswordEncoder {

    static final Duration KEEP = Duration.ofMinutes(10);
    static final int MAX_REMEMBERED = 10_000;

    private final PasswordEncoder encoder;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Long> matchedUntil = new ConcurrentHashMap<>();

    RememberedPasswordChecks(PasswordEncoder encoder, Clock clock) {
        this.encoder = encoder;
        this.clock = clock;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.key = new SecretKeySpec(random, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return encoder.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return encoder.matches(rawPassword, encodedPassword);
        }
        String remembered = fingerprint(rawPassword, encodedPassword);
        long now = clock.millis();
        Long until = matchedUntil.get(remembered);
        if (until != null && until > now) {
            return true;
        }
        boolean matches = encoder.matches(rawPassword, encodedPassword);
        if (matches) {
            if (matchedUntil.size() >= MAX_REMEMBERED) {
                matchedUntil.values().removeIf(expiry -> expiry <= now);
                if (matchedUntil.size() >= MAX_REMEMBERED) {
                    matchedUntil.clear();
                }
            }
            matchedUntil.put(remembered, now + KEEP.toMillis());
        } else {
            matchedUntil.remove(remembered);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return encoder.upgradeEncoding(encodedPassword);
    }

    /** How many matches are remembered now. */
    int remembered() {
        return matchedUntil.size();
    }

    private String fingerprint(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(rawPassword.toString()
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
