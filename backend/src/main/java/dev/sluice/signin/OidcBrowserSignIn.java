package dev.sluice.signin;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import dev.sluice.workspace.GroupRoleRules;
import dev.sluice.workspace.RoleAuthorities;
import dev.sluice.workspace.UserProfile;

/** A browser back from the identity provider: the ID token's (and user info's) claims, through the group rules. */
final class OidcBrowserSignIn implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService provider = new OidcUserService();
    private final OidcProperties settings;
    private final GroupRoleRules rules;

    OidcBrowserSignIn(OidcProperties settings, GroupRoleRules rules) {
        this.settings = settings;
        this.rules = rules;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser person = provider.loadUser(request);
        UserProfile profile = OidcClaims.signIn(settings, rules, person.getClaims());
        return new DefaultOidcUser(RoleAuthorities.of(profile.platformRole()), person.getIdToken(),
                person.getUserInfo(), settings.usernameClaim());
    }
}
