package dev.sluice.signin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether local passwords sign in, and how sign-in throttling counts.
 *
 * @param localPasswords        false once everyone signs in through a directory: local accounts' passwords are
 *                              then refused, for the form and HTTP Basic alike
 * @param maxFailuresPerUser    failures of one username within {@code window} before it is refused
 * @param maxFailuresPerAddress failures from one client address within {@code window}, whatever the usernames
 * @param window                how long a failure counts
 * @param firstRefusal          the first refusal's length; each further one, while failures go on, doubles it
 * @param longestRefusal        the cap of that doubling
 */
@ConfigurationProperties("sluice.sign-in")
record SignInProperties(@DefaultValue("true") boolean localPasswords,
                        @DefaultValue("5") int maxFailuresPerUser,
                        @DefaultValue("20") int maxFailuresPerAddress,
                        @DefaultValue("5m") Duration window,
                        @DefaultValue("30s") Duration firstRefusal,
                        @DefaultValue("15m") Duration longestRefusal) {
}
