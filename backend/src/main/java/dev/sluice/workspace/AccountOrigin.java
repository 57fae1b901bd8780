package dev.sluice.workspace;

/** Where a user signs in, and so where their roles come from. */
public enum AccountOrigin {
    /** A password kept here; roles given by admins and owners. */
    LOCAL,
    /** An LDAP or Active Directory bind; roles from group rules. */
    LDAP,
    /** An OpenID Connect identity provider; roles from group rules. */
    OIDC;

    public boolean isDirectory() {
        return this != LOCAL;
    }
}
