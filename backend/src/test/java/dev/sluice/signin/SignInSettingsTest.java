package dev.sluice.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The environment variables the README documents for the directory reach the settings they name (the sign-in
 * limits' {@code SLUICE_SIGNIN_…} are placeholders of {@code application.properties}).
 */
class SignInSettingsTest {

    @Test
    void theReadmesDirectoryVariablesBind() {
        Binder environment = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "SLUICE_LDAP_URL", "ldaps://ldap.example.com:636/dc=example,dc=com",
                        "SLUICE_LDAP_USER_DN_PATTERN", "uid={0},ou=people",
                        "SLUICE_LDAP_GROUP_SEARCH_BASE", "ou=groups",
                        "SLUICE_LDAP_DISPLAY_NAME_ATTRIBUTE", "cn"))));

        LdapProperties directory = environment.bindOrCreate("sluice.ldap", LdapProperties.class);

        assertThat(directory.url()).isEqualTo("ldaps://ldap.example.com:636/dc=example,dc=com");
        assertThat(directory.userDnPattern()).as("one pattern, commas and all").isEqualTo("uid={0},ou=people");
        assertThat(directory.groupSearchBase()).isEqualTo("ou=groups");
        assertThat(directory.displayNameAttribute()).isEqualTo("cn");
        assertThat(directory.groupSearchFilter()).isEqualTo("(member={0})");
    }
}
