package dev.sluice.signin;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.sluice.workspace.AccountOrigin;
import dev.sluice.workspace.GroupRoleRules;
import dev.sluice.workspace.UserProfile;

/**
 * A person as the identity provider's claims describe them (an ID token at sign-in, an access token on each API
 * call), signed in through the group rules.
 */
final class OidcClaims {

    private OidcClaims() {
    }

    static UserProfile signIn(OidcProperties provider, GroupRoleRules rules, Map<String, Object> claims) {
        Object username = claims.get(provider.usernameClaim());
        Object displayName = claims.get(provider.displayNameClaim());
        return DirectoryAccounts.signedIn(rules, username == null ? null : username.toString(),
                displayName == null ? null : displayName.toString(), AccountOrigin.OIDC,
                groups(claims.get(provider.groupsClaim())));
    }

    /**
     * A list of group names, or one name. A group given as its path, as Keycloak does ({@code /finance-stewards},
     * {@code /sluice/stewards}), is also named without the leading slash, so a rule may name it either way.
     */
    static List<String> groups(Object claim) {
        List<?> values = claim instanceof List<?> list ? list : claim == null ? List.of() : List.of(claim);
        return values.stream().map(String::valueOf)
                .flatMap(group -> group.startsWith("/") && group.length() > 1
                        ? Stream.of(group, group.substring(1)) : Stream.of(group))
                .distinct().toList();
    }
}
