package dev.sluice.signin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AuthenticationFailureDisabledEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.sluice.audit.AuditLog;
import dev.sluice.workspace.GroupRoleRules;

/**
 * The one authentication provider of both security chains (login form and HTTP Basic): local passwords unless
 * switched off, then the directory when one is configured, all behind the throttle.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SignInProperties.class, LdapProperties.class})
class SignInConfiguration {

    @Bean
    SignInThrottle signInThrottle(SignInProperties limits, AuditLog audit) {
        return new SignInThrottle(limits, audit, Clock.systemUTC());
    }

    /**
     * Spring Security's own publisher, which publishes a failure only for the exceptions it knows: a directory user
     * Sluice refuses would go unaudited. (The throttle's refusals stay unpublished: it audits them itself.)
     */
    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
        DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
        publisher.setAdditionalExceptionMappings(
                Map.of(DirectoryAccountRefusedException.class, AuthenticationFailureDisabledEvent.class));
        return publisher;
    }

    @Bean
    AuthenticationProvider throttledPasswordAuthentication(SignInProperties signIn, LdapProperties directory,
                                                           ObjectProvider<SingleSignOn> singleSignOn,
                                                           UserDetailsService users, PasswordEncoder encoder,
                                                           GroupRoleRules rules, SignInThrottle throttle) {
        List<AuthenticationProvider> passwords = new ArrayList<>();
        if (signIn.localPasswords()) {
            DaoAuthenticationProvider local = new DaoAuthenticationProvider(users);
            local.setPasswordEncoder(new RememberedPasswordChecks(encoder, Clock.systemUTC()));
            passwords.add(local);
        }
        if (directory.enabled()) {
            passwords.add(new LdapSignIn(directory, rules));
        }
        if (passwords.isEmpty()) {
            if (singleSignOn.getIfAvailable() == null) {
                throw new IllegalStateException("sluice.sign-in.local-passwords=false leaves no way to sign in: "
                        + "configure a directory (sluice.ldap.url) or an identity provider (sluice.oidc.issuer) first");
            }
            passwords.add(new NoPasswords());
        }
        ProviderManager eachInTurn = new ProviderManager(passwords);
        eachInTurn.setEraseCredentialsAfterAuthentication(false);
        return new ThrottledPasswordAuthentication(eachInTurn, throttle);
    }

    /** Every password refused: people sign in with the identity provider only. */
    private static final class NoPasswords implements AuthenticationProvider {

        @Override
        public Authentication authenticate(Authentication attempt) {
            throw new BadCredentialsException("Passwords are off; sign in with the identity provider");
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    }
}
