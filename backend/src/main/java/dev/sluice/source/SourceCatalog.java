package dev.sluice.source;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sluice.workspace.Workspace;

/** Registers event sources and grants workspaces the right to subscribe to them. */
@Service
@Transactional
public class SourceCatalog {

    private final EventSourceRepository sources;

    SourceCatalog(EventSourceRepository sources) {
        this.sources = sources;
    }

    public EventSource register(String name, String description, Workspace owner, List<String> eventTypes) {
        return sources.save(new EventSource(name, description, owner, eventTypes));
    }

    public void grantSubscribe(String source, Workspace workspace) {
        EventSource found = sources.findByName(source)
                .orElseThrow(() -> new IllegalArgumentException("No source " + source));
        found.grant(workspace);
    }

    @Transactional(readOnly = true)
    public Optional<EventSource> find(String name) {
        return sources.findByName(name);
    }

    /** Sources {@code workspace} owns or was granted <em>subscribe</em> to, by name. */
    @Transactional(readOnly = true)
    public List<EventSource> subscribableBy(String workspace) {
        return sources.findAllByOrderByNameAsc().stream()
                .filter(source -> source.getOwner().getName().equals(workspace)
                        || source.getSubscribers().stream().anyMatch(w -> w.getName().equals(workspace)))
                .toList();
    }

    @Transactional(readOnly = true)
    public List<EventSource> all() {
        return sources.findAllByOrderByNameAsc();
    }
}
