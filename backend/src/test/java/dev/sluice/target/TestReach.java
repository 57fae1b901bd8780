package dev.sluice.target;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A workspace's reach for target tests: the given connections, rules and owned sources, in any workspace. */
record TestReach(Map<String, Endpoint> connections, ConnectionRules rules, Set<String> ownedSources)
        implements WorkspaceReach {

    static TestReach of(ConnectionRules rules, Endpoint... endpoints) {
        Map<String, Endpoint> byName = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints) {
            byName.put(endpoint.name(), endpoint);
        }
        return new TestReach(byName, rules, Set.of());
    }

    @Override
    public Optional<Endpoint> connection(String workspace, String name) {
        return Optional.ofNullable(connections.get(name));
    }

    @Override
    public boolean ownsSource(String workspace, String source) {
        return ownedSources.contains(source);
    }
}
