package dev.sluice.target;

import java.util.Optional;

/**
 * What a workspace's targets may reach beyond the platform broker's own namespace: its connections, the rules
 * every endpoint must pass, and which sources it owns (a flow may publish into those). Implemented by the
 * connection module; thread-safe.
 */
public interface WorkspaceReach {

    Optional<Endpoint> connection(String workspace, String name);

    ConnectionRules rules();

    /** Whether {@code workspace} owns the source named {@code source}. */
    boolean ownsSource(String workspace, String source);

    /** For tests and tools that reach nothing: no connections, default rules, no sources. */
    static WorkspaceReach none() {
        return new WorkspaceReach() {
            @Override
            public Optional<Endpoint> connection(String workspace, String name) {
                return Optional.empty();
            }

            @Override
            public ConnectionRules rules() {
                return ConnectionRules.defaults();
            }

            @Override
            public boolean ownsSource(String workspace, String source) {
                return false;
            }
        };
    }
}
