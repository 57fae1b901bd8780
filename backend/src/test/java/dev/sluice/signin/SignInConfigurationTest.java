package dev.sluice.signin;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

class SignInConfigurationTest {

    @Test
    void refusesToStartWithLocalPasswordsOffAndNoDirectory() {
        SignInProperties localOff = new SignInProperties(false, 5, 20, Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofMinutes(15));
        LdapProperties noDirectory = new LdapProperties(null, null, null, null, "", null, "", "(member={0})", "cn",
                "displayName");

        assertThatThrownBy(() -> new SignInConfiguration().throttledPasswordAuthentication(localOff, noDirectory,
                new DefaultListableBeanFactory().getBeanProvider(SingleSignOn.class), null, null, null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sluice.sign-in.local-passwords=false leaves no way to sign in");
    }

    @Test
    void refusesADirectoryWithBothAUserPatternAndASearch() {
        LdapProperties both = new LdapProperties("ldap://127.0.0.1:1/dc=example,dc=com", null, null,
                "uid={0},ou=people", "", "(uid={0})", "", "(member={0})", "cn", "displayName");

        assertThatThrownBy(() -> new LdapSignIn(both, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("either a user-dn-pattern");
    }
}
