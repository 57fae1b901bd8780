package dev.sluice.flow.ui;

import java.util.List;
import java.util.Map;

/**
 * The workspace's connections as a node form offers them: names by kind ({@code jdbc}, {@code rabbitmq},
 * {@code http}), and where the Connections page of the workspace is.
 *
 * @param byKind    connection names of each kind, by name
 * @param workspace the workspace whose connections these are
 */
record ConnectionNames(Map<String, List<String>> byKind, String workspace) {

    ConnectionNames {
        byKind = Map.copyOf(byKind);
    }

    List<String> of(String kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    /** Whether the workspace has a connection of another kind by that name: a different hint than "missing". */
    String kindOf(String name) {
        return byKind.entrySet().stream().filter(e -> e.getValue().contains(name)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    /** The route of the workspace's Connections page. */
    String page() {
        return "workspaces/" + workspace + "/connections";
    }
}
