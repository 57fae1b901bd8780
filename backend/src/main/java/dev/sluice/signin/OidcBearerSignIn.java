package dev.sluice.signin;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import dev.sluice.audit.AuditLog;
import dev.sluice.audit.AuditRecord;
import dev.sluice.workspace.GroupRoleRules;
import dev.sluice.workspace.RoleAuthorities;
import dev.sluice.workspace.UserProfile;

/**
 * A REST call with the provider's access token: its claims, through the group rules. The first call with each token
 * is audited (who, the token's id and expiry); later calls with it are not, as for HTTP Basic.
 */
final class OidcBearerSignIn implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final int TOKENS_REMEMBERED = 10_000;

    private final OidcProperties settings;
    private final GroupRoleRules rules;
    private final AuditLog audit;
    private final Set<String> seen = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > TOKENS_REMEMBERED;
                }
            }));

    OidcBearerSignIn(OidcProperties settings, GroupRoleRules rules, AuditLog audit) {
        this.settings = settings;
        this.rules = rules;
        this.audit = audit;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt token) {
        UserProfile profile = OidcClaims.signIn(settings, rules, token.getClaims());
        String tokenId = token.getId() != null ? token.getId() : Integer.toHexString(token.getTokenValue().hashCode());
        if (seen.add(tokenId)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("method", "bearer");
            details.put("token", tokenId);
            Instant expires = token.getExpiresAt();
            details.put("expires", expires == null ? null : expires.toString());
            audit.record(AuditRecord.success(profile.username(), null, "login", "user", profile.username(), details));
        }
        return new JwtAuthenticationToken(token, RoleAuthorities.of(profile.platformRole()), profile.username());
    }
}
