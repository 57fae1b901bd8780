package dev.sluice.workspace;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What Spring Security knows of a signed-in user: {@code ROLE_USER}, plus {@code ROLE_ADMIN} or {@code ROLE_AUDITOR}. */
public final class RoleAuthorities {

    private RoleAuthorities() {
    }

    public static List<GrantedAuthority> of(PlatformRole platformRole) {
        return platformRole == null
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"),
                        new SimpleGrantedAuthority("ROLE_" + platformRole.name()));
    }
}
