package dev.sluice.signin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An LDAP or Active Directory server to sign users in against; off while {@code url} is empty.
 *
 * @param url                  the server and base, e.g. {@code ldaps://ldap.example.com:636/dc=example,dc=com}
 * @param managerDn            who searches for users and groups (relative to nothing: a full DN); empty binds
 *                             anonymously
 * @param managerPassword      that account's password
 * @param userDnPattern        where users are, relative to the base, {0} the name typed: {@code uid={0},ou=people};
 *                             either this or a search (one pattern: a list would split at the DN's commas)
 * @param userSearchBase       where to search users, relative to the base (empty: the base)
 * @param userSearchFilter     how to find one, e.g. {@code (sAMAccountName={0})} on Active Directory
 * @param groupSearchBase      where groups are, relative to the base
 * @param groupSearchFilter    a group of the user: {0} is the user's DN, {1} the name typed
 * @param groupNameAttribute   the group's name as group rules name it
 * @param displayNameAttribute the user's name as Sluice shows it (the username when the user has none)
 */
@ConfigurationProperties("sluice.ldap")
record LdapProperties(String url,
                      String managerDn,
                      String managerPassword,
                      String userDnPattern,
                      @DefaultValue("") String userSearchBase,
                      String userSearchFilter,
                      @DefaultValue("") String groupSearchBase,
                      @DefaultValue("(member={0})") String groupSearchFilter,
                      @DefaultValue("cn") String groupNameAttribute,
                      @DefaultValue("displayName") String displayNameAttribute) {

    boolean enabled() {
        return url != null && !url.isBlank();
    }
}
