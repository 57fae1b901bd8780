package dev.sluice.source;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.workspace.Workspace;

/**
 * An event source as views show it, detached from persistence.
 *
 * @param owner       the name of the workspace that owns it
 * @param subscribers the names of the workspaces granted <em>subscribe</em> besides the owner, sorted
 * @param dataSchema  the JSON Schema of its events' {@code data}, or null when it has none
 * @param key         the JSONPath of its events' key
 * @param homeRegion  the region where it is published; null: the installation's default region
 */
public record SourceSummary(String name, String description, String owner, List<String> eventTypes,
                            List<String> subscribers, JsonNode dataSchema, List<JsonNode> sampleEvents,
                            String key, String homeRegion) {

    public SourceSummary {
        eventTypes = List.copyOf(eventTypes);
        subscribers = List.copyOf(subscribers);
        sampleEvents = List.copyOf(sampleEvents);
    }

    static SourceSummary of(EventSource source) {
        return new SourceSummary(source.getName(), source.getDescription(), source.getOwner().getName(),
                source.getEventTypes(), source.getSubscribers().stream().map(Workspace::getName).sorted().toList(),
                source.getDataSchema().orElse(null), source.getSampleEvents(), source.getKeyPath(),
                source.getHomeRegion());
    }

    public Optional<JsonNode> schema() {
        return Optional.ofNullable(dataSchema);
    }
}
