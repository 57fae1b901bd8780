package dev.sluice.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowNode;
import dev.sluice.flow.Problems;
import dev.sluice.source.EventSource;
import dev.sluice.source.SourceAccess;
import dev.sluice.source.SourceCatalog;
import dev.sluice.source.SourceStewardship;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.Workspace;
import dev.sluice.workspace.WorkspaceAdministration;
import dev.sluice.workspace.WorkspaceService;

/**
 * The PII tags of each source and the clearance of each workspace for them, as central stewards set them, and the
 * leak guard applied to flows with both. A source's own workspace is cleared for everything it publishes; every
 * other workspace for what the source's stewards granted it, nothing else. Calls that take an actor check them
 * through the source catalog: anyone who may see a source reads its tags; only its stewards change tags and
 * clearances. Changes are published as events for the audit log. Thread-safe.
 */
@Service
@Transactional
public class SourcePrivacy {

    private final SourceCatalog catalog;
    private final SourceStewardship stewardship;
    private final SourceAccess access;
    private final WorkspaceAdministration administration;
    private final WorkspaceService workspaces;
    private final SourceTagRepository tags;
    private final SourceClearanceRepository clearances;
    private final ApplicationEventPublisher events;

    SourcePrivacy(SourceCatalog catalog, SourceStewardship stewardship, SourceAccess access,
                  WorkspaceAdministration administration,
                  WorkspaceService workspaces, SourceTagRepository tags, SourceClearanceRepository clearances, ApplicationEventPublisher events) {
        this.catalog = catalog;
        this.stewardship = stewardship;
        this.access = access;
        this.administration = administration;
        this.workspaces = workspaces;
        this.tags = tags;
        this.clearances = clearances;
        this.events = events;
    }

    /** The tags of a source; none for a source that does not exist. */
    @Transactional(readOnly = true)
    public PiiTags tags(String source) {
        Map<String, String> fields = new TreeMap<>();
        tags.findBySourceName(source).forEach(tag -> fields.put(tag.path(), tag.tag()));
        return new PiiTags(source, fields);
    }

    /** What {@code workspace} may receive of {@code source}'s tags. */
    @Transactional(readOnly = true)
    public Clearance clearance(String source, String workspace) {
        Optional<EventSource> found = catalog.find(source);
        if (found.isPresent() && found.get().getOwner().getName().equals(workspace)) {
            return everything(source, workspace);
        }
        Map<String, Clearance.Level> granted = new TreeMap<>();
        clearances.findBySourceName(source).stream().filter(c -> c.workspace().equals(workspace))
                .forEach(c -> granted.put(c.tag(), c.level()));
        return new Clearance(workspace, granted);
    }

    /** The tags of a source the actor may see. */
    @Transactional(readOnly = true)
    public PiiTags tags(String actor, String source) {
        stewardship.visible(actor, source);
        return tags(source);
    }

    /**
     * Replaces the tags of a source (its stewards only). Every problem is reported at once, with its path in
     * {@code {"fields": {...}}}.
     */
    public PiiTags setTags(String actor, String source, Map<String, String> fields) {
        EventSource found = stewardship.stewarded(actor, source);
        Problems problems = new Problems().at(".fields");
        fields.forEach((path, tag) -> {
            try {
                new PiiTags(source, Map.of(path, tag));
            } catch (IllegalArgumentException e) {
                problems.add(Problems.key(path), e.getMessage());
            }
        });
        problems.throwIfAny();
        PiiTags before = tags(source);
        tags.deleteBySource(found.getId());
        new TreeMap<>(fields).forEach((path, tag) -> tags.save(new SourceTag(found, path, tag)));
        PiiTags after = new PiiTags(source, fields);
        events.publishEvent(new PiiTagsChanged(source, found.getOwner().getName(), before.fields(), after.fields(),
                actor));
        return after;
    }

    /**
     * Tags to propose for a source's fields: those its JSON Schema names with a {@code pii} keyword (as seen in
     * every sample), then what the recognizers find in its sample events.
     */
    @Transactional(readOnly = true)
    public List<TagSuggestion> suggestions(String actor, String source) {
        EventSource found = stewardship.visible(actor, source);
        List<TagSuggestion> suggestions = new ArrayList<>();
        int samples = found.getSampleEvents().size();
        found.getDataSchema().ifPresent(schema -> SchemaTags.of(source, schema).fields()
                .forEach((path, tag) -> suggestions.add(new TagSuggestion(path, tag, samples, samples))));
        for (TagSuggestion recognized : TagSuggester.suggest(found.getSampleEvents())) {
            if (suggestions.stream().noneMatch(s -> s.path().equals(recognized.path()))) {
                suggestions.add(recognized);
            }
        }
        return suggestions;
    }

    /** Every clearance granted on a source, by workspace; its stewards see all, others their own workspaces'. */
    @Transactional(readOnly = true)
    public Map<String, Clearance> clearances(String actor, String source) {
        EventSource found = stewardship.visible(actor, source);
        boolean steward = access.mayManage(actor, found.getName());
        Map<String, Map<String, Clearance.Level>> byWorkspace = new TreeMap<>();
        clearances.findBySourceName(source).forEach(c -> byWorkspace
                .computeIfAbsent(c.workspace(), w -> new TreeMap<>()).put(c.tag(), c.level()));
        Map<String, Clearance> out = new LinkedHashMap<>();
        byWorkspace.forEach((workspace, levels) -> {
            if (steward || workspaces.roleIn(actor, workspace).isPresent()) {
                out.put(workspace, new Clearance(workspace, levels));
            }
        });
        return out;
    }

    /**
     * Replaces what {@code workspace} may receive of the source's tags (the source's stewards only); a tag not
     * listed is then {@link Clearance.Level#NONE}. The owner workspace is cleared for everything already.
     */
    public Clearance setClearance(String actor, String source, String workspace, Map<String, Clearance.Level> levels) {
        EventSource found = stewardship.stewarded(actor, source);
        Workspace target;
        try {
            target = administration.workspace(workspace);
        } catch (IllegalArgumentException e) {
            throw Refusal.notFound("Workspace '" + workspace + "'");
        }
        if (found.getOwner().getName().equals(workspace)) {
            throw Refusal.invalid(workspace + " owns " + source + " and receives all of it; clearances are for"
                    + " other workspaces");
        }
        Problems problems = new Problems().at(".tags");
        levels.forEach((tag, level) -> {
            if (tag == null || !tag.matches("[a-z][a-z0-9-]{0,62}")) {
                problems.add(Problems.key(String.valueOf(tag)), "is not a tag: a lowercase word such as phone");
            }
        });
        problems.throwIfAny();
        Clearance before = clearance(source, workspace);
        clearances.deleteBySourceAndWorkspace(found.getId(), workspace);
        new TreeMap<>(levels).forEach((tag, level) -> {
            if (level != Clearance.Level.NONE) {
                clearances.save(new SourceClearance(found, target, tag, level, actor));
            }
        });
        Clearance after = new Clearance(workspace, levels);
        events.publishEvent(new ClearanceChanged(source, found.getOwner().getName(), workspace,
                levelIds(before), levelIds(after), actor));
        return after;
    }

    /**
     * How to show {@code actor} the events of {@code flow} (dry-run and preview): members of the source's own
     * workspace see them in clear; everyone else as the flow's workspace is cleared to receive them.
     */
    @Transactional(readOnly = true)
    public PreviewMasking masking(String actor, Flow flow) {
        String source = sourceOf(flow).orElse("");
        return PreviewMasking.of(flow, tags(source), viewer(actor, source, flow.workspace()));
    }

    /** How to show {@code actor} events as {@code source} published them, on behalf of {@code workspace}. */
    @Transactional(readOnly = true)
    public PreviewMasking sourceMasking(String actor, String source, String workspace) {
        return PreviewMasking.ofSource(tags(source), viewer(actor, source, workspace));
    }

    /**
     * The source's sample events as {@code actor} may see them: in clear for members of its own workspace, else
     * masked beyond the best clearance any of the actor's workspaces holds. Looking at them is audited.
     */
    @Transactional(readOnly = true)
    public List<com.fasterxml.jackson.databind.JsonNode> samples(String actor, String source) {
        EventSource found = stewardship.visible(actor, source);
        PreviewMasking masking = samplesMasking(actor, found);
        List<com.fasterxml.jackson.databind.JsonNode> shown = found.getSampleEvents().stream().map(masking::input)
                .toList();
        if (!shown.isEmpty()) {
            events.publishEvent(new SourceSamplesViewed(source, found.getOwner().getName(), shown.size(), actor));
        }
        return shown;
    }

    /**
     * How to show {@code actor} events of a source they may see, outside any flow (its samples, its recent
     * events): in clear for its stewards and members of its own workspace, else masked beyond the best clearance
     * any of the actor's workspaces holds.
     */
    PreviewMasking samplesMasking(String actor, EventSource found) {
        String source = found.getName();
        Clearance best;
        if (workspaces.roleIn(actor, found.getOwner().getName()).isPresent() || access.mayManage(actor, found.getName())) {
            best = everything(source, actor);
        } else {
            Map<String, Clearance.Level> levels = new TreeMap<>();
            for (SourceClearance granted : clearances.findBySourceName(source)) {
                if (workspaces.roleIn(actor, granted.workspace()).isPresent()) {
                    levels.merge(granted.tag(), granted.level(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
            best = new Clearance(actor, levels);
        }
        return PreviewMasking.ofSource(tags(source), best);
    }

    private Clearance viewer(String actor, String source, String workspace) {
        Optional<EventSource> found = catalog.find(source);
        if (found.isPresent() && workspaces.roleIn(actor, found.get().getOwner().getName()).isPresent()) {
            return everything(source, actor);
        }
        return clearance(source, workspace);
    }

    /** Clear for every tag of the source and every tag a recognizer may suggest. */
    private Clearance everything(String source, String workspace) {
        Map<String, Clearance.Level> all = new TreeMap<>();
        PiiTags.WELL_KNOWN.forEach(tag -> all.put(tag, Clearance.Level.CLEAR));
        tags(source).fields().values().forEach(tag -> all.put(tag, Clearance.Level.CLEAR));
        return new Clearance(workspace, all);
    }

    /** The leaks of a flow, with its source's tags and its workspace's clearance; none for a flow without source. */
    @Transactional(readOnly = true)
    public List<Leak> leaks(Flow flow) {
        return findings(flow).stream().map(LeakFinding::leak).toList();
    }

    /** The leaks of a flow, each with the problem its workspace reads about it. */
    @Transactional(readOnly = true)
    public List<LeakFinding> findings(Flow flow) {
        return sourceOf(flow).map(source -> LeakGuard.findings(flow, tags(source), clearance(source,
                flow.workspace()))).orElse(List.of());
    }

    /** The source a flow reads, as its source node names it. */
    public static Optional<String> sourceOf(Flow flow) {
        return flow.sourceNode().map(FlowNode::config).map(config -> config.path("source"))
                .filter(name -> name.isTextual()).map(name -> name.asText());
    }

    private static Map<String, String> levelIds(Clearance clearance) {
        Map<String, String> ids = new TreeMap<>();
        clearance.tags().forEach((tag, level) -> ids.put(tag, level.id()));
        return ids;
    }
}
