package dev.sluice.signin;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

import dev.sluice.audit.AuditLog;
import dev.sluice.workspace.GroupRoleRules;

/** Single sign-on with the identity provider {@code sluice.oidc.issuer} names; nothing of it while none is named. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OidcProperties.class)
@ConditionalOnExpression("!'${sluice.oidc.issuer:}'.isBlank()")
class OidcConfiguration {

    @Bean
    SingleSignOn singleSignOn(OidcProperties provider, GroupRoleRules rules, AuditLog audit) {
        if (provider.clientId() == null || provider.clientId().isBlank()) {
            throw new IllegalStateException("sluice.oidc.issuer needs sluice.oidc.client-id (and client-secret): "
                    + "Sluice's client at the identity provider");
        }
        // the provider's keys are fetched at the first bearer token, so Sluice starts while the provider is down
        SupplierJwtDecoder accessTokens = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(provider.issuer());
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    JwtValidators.createDefaultWithIssuer(provider.issuer()), issuedTo(provider.clientId())));
            return decoder;
        });
        return new SingleSignOn(provider, new DiscoveredRegistration(provider), new OidcBrowserSignIn(provider, rules),
                accessTokens, new OidcBearerSignIn(provider, rules, audit));
    }

    /** A token the provider issued to another of its clients is not Sluice's to accept. */
    static OAuth2TokenValidator<Jwt> issuedTo(String clientId) {
        return token -> clientId.equals(token.getClaimAsString("azp"))
                || (token.getAudience() != null && token.getAudience().contains(clientId))
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                        "The token was issued to another client than Sluice's (" + clientId + ")", null));
    }
}
