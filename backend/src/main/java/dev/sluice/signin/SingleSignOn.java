package dev.sluice.signin;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Signing in with the OpenID Connect identity provider, present only when one is configured: browsers sign in
 * there (authorization code flow) and come back with the roles their groups give; REST callers send the provider's
 * access tokens as bearer tokens, checked against its keys and issued to Sluice's client.
 */
public final class SingleSignOn {

    /** Where the sign-in page sends the browser to sign in with the provider. */
    public static final String SIGN_IN_PATH = "/oauth2/authorization/" + DiscoveredRegistration.ID;

    private final OidcProperties provider;
    private final ClientRegistrationRepository registrations;
    private final OAuth2UserService<OidcUserRequest, OidcUser> browserSignIn;
    private final JwtDecoder accessTokens;
    private final Converter<Jwt, AbstractAuthenticationToken> bearerSignIn;

    SingleSignOn(OidcProperties provider, ClientRegistrationRepository registrations,
                 OAuth2UserService<OidcUserRequest, OidcUser> browserSignIn, JwtDecoder accessTokens,
                 Converter<Jwt, AbstractAuthenticationToken> bearerSignIn) {
        this.provider = provider;
        this.registrations = registrations;
        this.browserSignIn = browserSignIn;
        this.accessTokens = accessTokens;
        this.bearerSignIn = bearerSignIn;
    }

    /** How the sign-in page names the provider. */
    public String providerName() {
        return provider.providerName();
    }

    /** Adds sign-in with the provider to the browser's chain, failures back to {@code loginPage}. */
    public void configureBrowser(HttpSecurity http, String loginPage) throws Exception {
        http.oauth2Login(login -> login.loginPage(loginPage)
                .clientRegistrationRepository(registrations)
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(browserSignIn)));
    }

    /** Accepts the provider's access tokens as bearer tokens on the API's chain. */
    public void configureBearerTokens(HttpSecurity http, AuthenticationEntryPoint unauthorized) throws Exception {
        DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
        http.oauth2ResourceServer(bearer -> bearer.authenticationEntryPoint(unauthorized)
                // Sluice's own API tokens are checked by ApiTokenSignIn
                .bearerTokenResolver(request -> ApiTokenSignIn.secret(request) != null ? null
                        : standard.resolve(request))
                .jwt(jwt -> jwt.decoder(accessTokens).jwtAuthenticationConverter(bearerSignIn)));
    }
}
