package dev.sluice.connection;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.sluice.broker.AmqpProperties;
import dev.sluice.broker.AmqpUris;
import dev.sluice.platform.DataDirectory;
import dev.sluice.source.SourceAccess;
import dev.sluice.target.ConnectionRules;
import dev.sluice.target.Endpoint;
import dev.sluice.target.HostPolicy;
import dev.sluice.target.JdbcUrl;
import dev.sluice.target.WorkspaceReach;

/**
 * What targets may reach: the workspace's connections, the rules (H2 files under the data directory on the
 * embedded default only; Sluice's own database and broker never; the host allowlist), and the sources a
 * workspace owns.
 */
@Component
@Transactional(readOnly = true)
class ConnectionReach implements WorkspaceReach {

    private final WorkspaceConnectionRepository connections;
    private final HostAllowlist allowlist;
    private final SourceAccess sources;
    private final ConnectionRules base;

    ConnectionReach(WorkspaceConnectionRepository connections, HostAllowlist allowlist, SourceAccess sources,
                    DataDirectory dataDirectory, AmqpProperties amqp,
                    @Value("${spring.datasource.url}") String datasourceUrl) {
        this.connections = connections;
        this.allowlist = allowlist;
        this.sources = sources;
        boolean embedded = datasourceUrl.startsWith("jdbc:h2:");
        this.base = new ConnectionRules(HostPolicy.defaults(), embedded ? dataDirectory.resolve("targets") : null,
                reserved(datasourceUrl, amqp));
    }

    @Override
    public Optional<Endpoint> connection(String workspace, String name) {
        return connections.findByWorkspaceNameAndName(workspace, name).map(c -> c.spec().endpoint());
    }

    @Override
    public ConnectionRules rules() {
        return base.withHosts(allowlist.policy());
    }

    @Override
    public boolean ownsSource(String workspace, String source) {
        return sources.flowsMayPublish(workspace, source);
    }

    /** Sluice's own database (when it is PostgreSQL) and its broker: never a target. */
    static List<ConnectionRules.Reserved> reserved(String datasourceUrl, AmqpProperties amqp) {
        List<ConnectionRules.Reserved> reserved = new ArrayList<>();
        if (datasourceUrl.startsWith("jdbc:postgresql:")) {
            try {
                JdbcUrl own = JdbcUrl.parse(datasourceUrl.replaceFirst("\\?.*$", ""));
                own.hosts().forEach(host -> reserved.add(new ConnectionRules.Reserved("Sluice's own database",
                        host.host(), host.port(), own.database())));
            } catch (IllegalArgumentException e) {
                // a form this parser does not take; the allowlist still applies
            }
        }
        if (amqp.isEmbedded()) {
            reserved.add(new ConnectionRules.Reserved("Sluice's own broker", amqp.embedded().bindAddress(),
                    amqp.embedded().port(), null));
        } else {
            for (String node : AmqpUris.split(amqp.uri())) {
                try {
                    URI uri = URI.create(node);
                    reserved.add(new ConnectionRules.Reserved("Sluice's own broker (publish into your workspace's "
                            + "namespace on it without a connection)", uri.getHost(), AmqpUris.port(uri), null));
                } catch (IllegalArgumentException e) {
                    // unreadable here; the broker module reports it at start
                }
            }
        }
        return reserved;
    }
}
