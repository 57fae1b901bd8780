package dev.sluice;

import java.util.List;
import java.util.Optional;

import dev.sluice.target.ConnectionRules;
import dev.sluice.target.Endpoint;
import dev.sluice.target.HostPolicy;
import dev.sluice.target.WorkspaceReach;

/**
 * For engines built in tests: targets may reach this machine (where tests run their webhooks), and nothing else
 * special: no connections, no owned sources, so a platform-broker target publishes only into {@code ws.<workspace>.}.
 */
public final class LoopbackReach implements WorkspaceReach {

    public static final WorkspaceReach INSTANCE = new LoopbackReach();

    private final ConnectionRules rules = new ConnectionRules(HostPolicy.of(List.of("127.0.0.1", "localhost"), false),
            null, List.of());

    private LoopbackReach() {
    }

    @Override
    public Optional<Endpoint> connection(String workspace, String name) {
        return Optional.empty();
    }

    @Override
    public ConnectionRules rules() {
        return rules;
    }

    @Override
    public boolean ownsSource(String workspace, String source) {
        return false;
    }
}
