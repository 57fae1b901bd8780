package dev.sluice.signin;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An OpenID Connect identity provider to sign in with; off while {@code issuer} is empty.
 *
 * @param issuer           the provider's issuer URL, e.g. {@code https://sso.example.com/realms/corp}; its discovery
 *                         document names everything else
 * @param clientId         Sluice's client at the provider; bearer tokens must be issued to it
 * @param clientSecret     that client's secret
 * @param providerName     how the sign-in page names the provider ("Sign in with …")
 * @param scopes           asked for at sign-in
 * @param usernameClaim    the claim that is the username in Sluice
 * @param displayNameClaim the claim shown as the user's name
 * @param groupsClaim      the claim listing the user's groups, which group rules map to roles
 */
@ConfigurationProperties("sluice.oidc")
record OidcProperties(String issuer,
                      String clientId,
                      String clientSecret,
                      @DefaultValue("single sign-on") String providerName,
                      @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
                      @DefaultValue("preferred_username") String usernameClaim,
                      @DefaultValue("name") String displayNameClaim,
                      @DefaultValue("groups") String groupsClaim) {

    boolean enabled() {
        return issuer != null && !issuer.isBlank();
    }
}
