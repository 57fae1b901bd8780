package dev.sluice.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class RememberedPasswordChecksTest {

    private final AtomicInteger fullChecks = new AtomicInteger();
    private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            fullChecks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    };
    private Instant now = Instant.parse("2026-12-06T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final RememberedPasswordChecks checks = new RememberedPasswordChecks(counting, clock);
    private final String stored = bcrypt.encode("demo");

    @Test
    void checksAMatchingPasswordFullyOnceThenRemembersItForAWhile() {
        assertThat(checks.matches("demo", stored)).isTrue();
        assertThat(checks.matches("demo", stored)).isTrue();
        assertThat(checks.matches("demo", stored)).isTrue();
        assertThat(fullChecks).hasValue(1);

        now = now.plus(RememberedPasswordChecks.KEEP).plusSeconds(1);
        assertThat(checks.matches("demo", stored)).isTrue();
        assertThat(fullChecks).hasValue(2);
    }

    @Test
    void neverRemembersAWrongPasswordSoEveryGuessCostsTheFullCheck() {
        assertThat(checks.matches("guess", stored)).isFalse();
        assertThat(checks.matches("guess", stored)).isFalse();
        assertThat(fullChecks).hasValue(2);
    }

    @Test
    void aChangedPasswordTakesEffectAtOnce() {
        assertThat(checks.matches("demo", stored)).isTrue();
        String changed = bcrypt.encode("new-secret");

        assertThat(checks.matches("demo", changed)).isFalse();
        assertThat(checks.matches("new-secret", changed)).isTrue();
        assertThat(fullChecks).hasValue(3);
    }

    @Test
    void staysBoundedWhenManyDifferentPasswordsMatch() {
        PasswordEncoder plain = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return raw.toString();
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return raw.toString().equals(encoded);
            }
        };
        RememberedPasswordChecks many = new RememberedPasswordChecks(plain, clock);
        for (int i = 0; i < RememberedPasswordChecks.MAX_REMEMBERED + 50; i++) {
            assertThat(many.matches("p" + i, "p" + i)).isTrue();
            now = now.plus(Duration.ofMillis(1));
            assertThat(many.remembered()).isLessThanOrEqualTo(RememberedPasswordChecks.MAX_REMEMBERED);
        }
    }
}
