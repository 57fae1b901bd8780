package dev.sluice.e2e;

import java.util.List;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;

/**
 * A corporate directory for the sign-in journeys: UnboundID's in-memory LDAP server in the test's JVM on a free
 * port, with people under {@code ou=people} and groups of {@code member}s under {@code ou=groups}.
 */
final class TestDirectory implements AutoCloseable {

    private static final String BASE = "dc=example,dc=com";

    private final InMemoryDirectoryServer server;

    private TestDirectory(InMemoryDirectoryServer server) {
        this.server = server;
    }

    static TestDirectory start() throws LDAPException, LDIFException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        config.setSchema(null);
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: example");
        server.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
        server.startListening();
        return new TestDirectory(server);
    }

    /** Sluice's command-line settings for signing in against this directory. */
    List<String> sluiceArguments() {
        return List.of("--sluice.ldap.url=ldap://127.0.0.1:" + server.getListenPort() + "/" + BASE,
                "--sluice.ldap.user-dn-pattern=uid={0},ou=people", "--sluice.ldap.group-search-base=ou=groups");
    }

    /** Adds a person who is a member of {@code group}. */
    void addMember(String uid, String displayName, String password, String group) throws LDAPException, LDIFException {
        String person = "uid=" + uid + ",ou=people," + BASE;
        server.add("dn: " + person, "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + displayName,
                "sn: " + displayName, "displayName: " + displayName, "userPassword: " + password);
        server.add("dn: cn=" + group + ",ou=groups," + BASE, "objectClass: groupOfNames", "cn: " + group,
                "member: " + person);
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
