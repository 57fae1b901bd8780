package dev.sluice.signin;

import java.util.Collection;

import org.springframework.ldap.NamingException;
import org.springframework.ldap.core.DirContextOperations;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.ldap.DefaultSpringSecurityContextSource;
import org.springframework.security.ldap.authentication.BindAuthenticator;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;
import org.springframework.security.ldap.userdetails.DefaultLdapAuthoritiesPopulator;

import dev.sluice.workspace.AccountOrigin;
import dev.sluice.workspace.GroupRoleRules;
import dev.sluice.workspace.RoleAuthorities;
import dev.sluice.workspace.UserProfile;

/**
 * A username and password bound against the directory; the user's groups then set their roles through the group
 * rules. The password is never kept: the directory checks it at every sign-in (and every HTTP Basic call).
 */
class LdapSignIn implements AuthenticationProvider {

    private final BindAuthenticator binds;
    private final DefaultLdapAuthoritiesPopulator groups;
    private final String displayNameAttribute;
    private final GroupRoleRules rules;

    LdapSignIn(LdapProperties directory, GroupRoleRules rules) {
        DefaultSpringSecurityContextSource server = new DefaultSpringSecurityContextSource(directory.url());
        if (directory.managerDn() != null && !directory.managerDn().isBlank()) {
            server.setUserDn(directory.managerDn());
            server.setPassword(directory.managerPassword());
        }
        server.afterPropertiesSet();
        this.binds = new BindAuthenticator(server);
        boolean patterned = directory.userDnPattern() != null && !directory.userDnPattern().isBlank();
        boolean searches = directory.userSearchFilter() != null && !directory.userSearchFilter().isBlank();
        if (patterned == searches) {
            throw new IllegalStateException("sluice.ldap needs either a user-dn-pattern (uid={0},ou=people) or a "
                    + "user-search-filter ((sAMAccountName={0})), not both");
        }
        if (searches) {
            binds.setUserSearch(new FilterBasedLdapUserSearch(directory.userSearchBase(),
                    directory.userSearchFilter(), server));
        } else {
            binds.setUserDnPatterns(new String[] {directory.userDnPattern()});
        }
        this.groups = new DefaultLdapAuthoritiesPopulator(server, directory.groupSearchBase());
        groups.setGroupSearchFilter(directory.groupSearchFilter());
        groups.setGroupRoleAttribute(directory.groupNameAttribute());
        groups.setRolePrefix("");
        groups.setConvertToUpperCase(false);
        groups.setSearchSubtree(true);
        groups.setIgnorePartialResultException(true);
        this.displayNameAttribute = directory.displayNameAttribute();
        this.rules = rules;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        UsernamePasswordAuthenticationToken password = (UsernamePasswordAuthenticationToken) attempt;
        String username = password.getName();
        DirContextOperations user;
        Collection<? extends GrantedAuthority> memberOf;
        try {
            user = binds.authenticate(password);
            memberOf = groups.getGrantedAuthorities(user, username);
        } catch (NamingException unreachable) {
            throw new AuthenticationServiceException("The directory did not answer: " + unreachable.getMessage());
        }
        UserProfile profile = DirectoryAccounts.signedIn(rules, username, user.getStringAttribute(displayNameAttribute),
                AccountOrigin.LDAP, memberOf.stream().map(GrantedAuthority::getAuthority).toList());
        UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(
                profile.username(), null, RoleAuthorities.of(profile.platformRole()));
        signedIn.setDetails(attempt.getDetails());
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
