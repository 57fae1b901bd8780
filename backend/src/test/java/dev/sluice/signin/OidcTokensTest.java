package dev.sluice.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

class OidcTokensTest {

    private final OAuth2TokenValidator<Jwt> issuedToSluice = OidcConfiguration.issuedTo("sluice");

    @Test
    void acceptsATokenIssuedToSluicesClientByAuthorizedPartyOrAudience() {
        assertThat(issuedToSluice.validate(token("azp", "sluice")).hasErrors()).isFalse();
        assertThat(issuedToSluice.validate(token("aud", List.of("account", "sluice"))).hasErrors()).isFalse();
    }

    @Test
    void refusesATokenIssuedToAnotherClient() {
        var result = issuedToSluice.validate(token("azp", "reports"));

        assertThat(result.hasErrors()).isTrue();
        assertThat(result.getErrors().iterator().next().getDescription())
                .isEqualTo("The token was issued to another client than Sluice's (sluice)");
    }

    @Test
    void readsGroupsAsAListOrOneNameAndGroupPathsWithAndWithoutTheirSlash() {
        assertThat(OidcClaims.groups(List.of("sluice-admins", "/finance/stewards")))
                .containsExactly("sluice-admins", "/finance/stewards", "finance/stewards");
        assertThat(OidcClaims.groups("/sluice-finance-stewards"))
                .containsExactly("/sluice-finance-stewards", "sluice-finance-stewards");
        assertThat(OidcClaims.groups(null)).isEmpty();
    }

    private static Jwt token(String claim, Object value) {
        return Jwt.withTokenValue("t").header("alg", "RS256").claim(claim, value)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }
}
