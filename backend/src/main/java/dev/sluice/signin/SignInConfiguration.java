package dev.sluice.signin;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.sluice.audit.AuditLog;

/** The one authentication provider of both security chains (login form and HTTP Basic). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignInProperties.class)
class SignInConfiguration {

    @Bean
    SignInThrottle signInThrottle(SignInProperties limits, AuditLog audit) {
        return new SignInThrottle(limits, audit, Clock.systemUTC());
    }

    @Bean
    AuthenticationProvider throttledPasswordAuthentication(UserDetailsService users, PasswordEncoder encoder,
                                                           SignInThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(new RememberedPasswordChecks(encoder, Clock.systemUTC()));
        return new ThrottledPasswordAuthentication(passwords, throttle);
    }
}
