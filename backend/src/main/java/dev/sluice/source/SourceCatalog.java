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
    private final SourceAccess access;

    SourceCatalog(EventSourceRepository sources, SourceAccess access) {
        this.sources = sources;
        this.access = access;
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

    /** The source named so, as views show it. */
    @Transactional(readOnly = true)
    public Optional<SourceSummary> summary(String name) {
        return sources.findByName(name).map(SourceSummary::of);
    }

    /** Sources {@code workspace} may subscribe to ({@link SourceAccess#maySubscribe}), by name. */
    @Transactional(readOnly = true)
    public List<SourceSummary> subscribableBy(String workspace) {
        return access.subscribableBy(workspace).stream().map(SourceSummary::of).toList();
    }

    @Transactional(readOnly = true)
    public List<EventSource> all() {
        return sources.findAllByOrderByNameAsc();
    }
}
