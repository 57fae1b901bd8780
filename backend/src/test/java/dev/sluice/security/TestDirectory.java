package dev.sluice.security;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real LDAP server in this JVM (UnboundID's in-memory directory) on a free port: people under
 * {@code ou=people}, groups of {@code member}s under {@code ou=groups}, as most directories lay them out.
 */
final class TestDirectory {

    static final String BASE = "dc=example,dc=com";

    private static InMemoryDirectoryServer server;

    private TestDirectory() {
    }

    /** Starts the directory once per JVM and points Sluice's {@code sluice.ldap} settings at it. */
    static synchronized void register(DynamicPropertyRegistry registry) {
        if (server == null) {
            server = start();
        }
        int port = server.getListenPort();
        registry.add("sluice.ldap.url", () -> "ldap://127.0.0.1:" + port + "/" + BASE);
        registry.add("sluice.ldap.manager-dn", () -> "cn=sluice,ou=services," + BASE);
        registry.add("sluice.ldap.manager-password", () -> "sluice-reader");
        registry.add("sluice.ldap.user-dn-pattern", () -> "uid={0},ou=people");
        registry.add("sluice.ldap.group-search-base", () -> "ou=groups");
    }

    /** Adds {@code uid} to {@code group} (created when missing). */
    static void addToGroup(String uid, String group) throws LDAPException, LDIFException {
        String groupDn = "cn=" + group + ",ou=groups," + BASE;
        String member = "uid=" + uid + ",ou=people," + BASE;
        if (server.getEntry(groupDn) == null) {
            server.add("dn: " + groupDn, "objectClass: groupOfNames", "cn: " + group, "member: " + member);
        } else {
            server.modify("dn: " + groupDn, "changetype: modify", "add: member", "member: " + member);
        }
    }

    static void removeFromGroup(String uid, String group) throws LDAPException, LDIFException {
        server.modify("dn: cn=" + group + ",ou=groups," + BASE, "changetype: modify", "delete: member",
                "member: uid=" + uid + ",ou=people," + BASE);
    }

    static void addPerson(String uid, String displayName, String password) throws LDAPException, LDIFException {
        server.add("dn: uid=" + uid + ",ou=people," + BASE, "objectClass: inetOrgPerson", "uid: " + uid,
                "cn: " + displayName, "sn: " + displayName, "displayName: " + displayName,
                "userPassword: " + password);
    }

    private static InMemoryDirectoryServer start() {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
            config.setSchema(null);
            InMemoryDirectoryServer directory = new InMemoryDirectoryServer(config);
            directory.add("dn: " + BASE, "objectClass: domain", "dc: example");
            directory.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
            directory.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
            directory.add("dn: ou=services," + BASE, "objectClass: organizationalUnit", "ou: services");
            directory.add("dn: cn=sluice,ou=services," + BASE, "objectClass: person", "cn: sluice", "sn: sluice",
                    "userPassword: sluice-reader");
            directory.startListening();
            return directory;
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException("Cannot start the in-memory directory", e);
        }
    }
}
