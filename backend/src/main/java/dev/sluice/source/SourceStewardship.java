package dev.sluice.source;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sluice.cloudevent.CloudEventRules;
import dev.sluice.flow.Problems;
import dev.sluice.flow.SchemaCheck;
import dev.sluice.pipeline.EventPath;
import dev.sluice.region.Regions;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.WorkspaceAdministration;

/**
 * The source catalog as people use it, each call checked against the acting user by {@link SourceAccess}:
 * central stewards register sources, describe them and grant or revoke <em>subscribe</em>; workspace members
 * browse the sources they may see. Changes are published as events for the audit log. Thread-safe.
 */
@Service
@Transactional
public class SourceStewardship {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,199}");
    private static final int MAX_SAMPLES = 200;
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

    private final EventSourceRepository sources;
    private final SourceAccess access;
    private final WorkspaceAdministration administration;
    private final ApplicationEventPublisher events;
    private final Regions regions;

    SourceStewardship(EventSourceRepository sources, SourceAccess access,
                      WorkspaceAdministration administration, ApplicationEventPublisher events, Regions regions) {
        this.regions = regions;
        this.sources = sources;
        this.access = access;
        this.administration = administration;
        this.events = events;
    }

    /** Sources the caller may see, by name; refused for auditors. */
    @Transactional(readOnly = true)
    public List<EventSource> visible(String actor) {
        return access.visibleTo(actor);
    }

    /** {@link #visible(String)} as the views show them. */
    @Transactional(readOnly = true)
    public List<SourceSummary> summaries(String actor) {
        return visible(actor).stream().map(SourceSummary::of).toList();
    }

    /** The source named so as the views show it, when the caller may see it. */
    @Transactional(readOnly = true)
    public SourceSummary summary(String actor, String name) {
        return SourceSummary.of(visible(actor, name));
    }

    public SourceSummary register(String actor, String name, String description, String owner, List<String> types) {
        return register(actor, name, description, owner, types, null);
    }

    /** As {@link #register(String, String, String, String, List)}, keyed by {@code key} ({@code $.subject} when null). */
    public SourceSummary register(String actor, String name, String description, String owner, List<String> types,
                                  String key) {
        return register(actor, name, description, owner, types, key, null);
    }

    /**
     * As {@link #register(String, String, String, String, List, String)}, published in {@code homeRegion} (the
     * installation's default region when null).
     */
    public SourceSummary register(String actor, String name, String description, String owner, List<String> types,
                                  String key, String homeRegion) {
        access.requireRegister(actor, owner);
        existingWorkspace(owner);
        if (name == null || !NAME.matcher(name).matches()) {
            throw Refusal.invalid("a source name is 1 to 200 lower-case letters, digits, '.', '_' or '-'");
        }
        if (name.startsWith("ws.") || name.startsWith("sluice.") || name.startsWith("amq.")) {
            // a source is an exchange of that name: ws.* are workspaces' own exchanges, sluice.* and amq.* internal
            throw Refusal.invalid("a source name may not start with ws., sluice. or amq.: those exchanges belong to "
                    + "workspaces and to the broker");
        }
        if (types == null || types.isEmpty() || types.stream().anyMatch(t -> t == null || !TYPE.matcher(t).matches())) {
            throw Refusal.invalid("a source lists one or more event types, each letters, digits, '.', '_', ':' or '-'");
        }
        if (sources.findByName(name).isPresent()) {
            throw Refusal.conflict("a source named '" + name + "' exists");
        }
        if (key != null) {
            checkKey(key);
        }
        if (homeRegion != null) {
            checkRegion(homeRegion);
        }
        EventSource source = new EventSource(name, description, existingWorkspace(owner), List.copyOf(types));
        source.setHomeRegion(homeRegion);
        if (key != null) {
            source.setKeyPath(key);
        }
        EventSource created = sources.save(source);
        events.publishEvent(new SourceRegistered(name, owner, List.copyOf(types), actor));
        return SourceSummary.of(created);
    }

    /** The source named so, when the caller may see it. */
    @Transactional(readOnly = true)
    public EventSource visible(String actor, String name) {
        return access.visible(actor, name);
    }

    /**
     * Sets what the source's events look like: the JSON Schema of their {@code data} (null for none) and sample
     * events (null or empty for none), each a CloudEvent of one of the source's types whose data the schema
     * accepts. Every problem is reported at once, with its path in {@code {"dataSchema", "samples"}}.
     */
    public SourceSummary describe(String actor, String name, JsonNode dataSchema, JsonNode samples) {
        EventSource found = stewarded(actor, name);
        Problems problems = new Problems();
        SchemaCheck schema = null;
        if (dataSchema != null && !dataSchema.isNull()) {
            if (!dataSchema.isObject()) {
                problems.add(".dataSchema", "must be a JSON Schema object");
            } else {
                try {
                    schema = SchemaCheck.of(dataSchema.toString());
                } catch (RuntimeException e) {
                    problems.add(".dataSchema", "is not a usable JSON Schema: " + e.getMessage());
                }
            }
        }
        boolean anySamples = samples != null && !samples.isNull() && !samples.isEmpty();
        if (anySamples) {
            checkSamples(found, schema, samples, problems.at(".samples"));
        }
        problems.throwIfAny();
        found.describe(schema == null ? null : dataSchema.toString(), anySamples ? samples.toString() : null);
        events.publishEvent(new SourceDescribed(name, found.getOwner().getName(), schema != null,
                anySamples ? samples.size() : 0, actor));
        return SourceSummary.of(found);
    }

    private static void checkSamples(EventSource source, SchemaCheck schema, JsonNode samples, Problems problems) {
        if (!samples.isArray()) {
            problems.add("must be an array of CloudEvents");
            return;
        }
        if (samples.size() > MAX_SAMPLES) {
            problems.add("has " + samples.size() + " events; a source keeps at most " + MAX_SAMPLES);
            return;
        }
        for (int i = 0; i < samples.size(); i++) {
            JsonNode sample = samples.get(i);
            Problems at = problems.at("[" + i + "]");
            if (!CloudEventRules.check(sample, at)) {
                continue;
            }
            String type = sample.path("type").asText();
            if (!source.getEventTypes().contains(type)) {
                at.add(".type", "'" + type + "' is not one of the source's event types "
                        + String.join(", ", source.getEventTypes()));
            }
            if (schema != null && sample.has("data")) {
                schema.check(sample.get("data"), at.at(".data"));
            }
        }
    }

    /**
     * Sets the JSONPath of the source's key: one value of the event (no wildcard). Flows ordered by key partition
     * on it; events already published keep the key they were published with.
     */
    public SourceSummary changeKey(String actor, String name, String key) {
        EventSource found = stewarded(actor, name);
        checkKey(key);
        String before = found.getKeyPath();
        found.setKeyPath(key);
        events.publishEvent(new SourceKeyChanged(name, found.getOwner().getName(), before, key, actor));
        return SourceSummary.of(found);
    }

    /**
     * Moves where the source is published to {@code region}: its publishers publish there from now on, and flows
     * elsewhere get its events through a link from there. For the source's stewards.
     */
    public SourceSummary moveHome(String actor, String name, String region) {
        EventSource found = stewarded(actor, name);
        checkRegion(region);
        String before = regions.resolve(found.getHomeRegion());
        found.setHomeRegion(region);
        events.publishEvent(new SourceHomeMoved(name, found.getOwner().getName(), before, region, actor));
        return SourceSummary.of(found);
    }

    private void checkRegion(String region) {
        if (region == null || !regions.knows(region)) {
            Problems problems = new Problems();
            problems.add(".homeRegion", (region == null || region.isBlank() ? "is required"
                    : "there is no region named '" + region + "'") + "; the installation's regions are "
                    + String.join(", ", regions.names()));
            problems.throwIfAny();
        }
    }

    /** Refuses a key that is not one value of an event, with the reason at {@code $.key}. */
    static void checkKey(String key) {
        Problems problems = new Problems();
        if (key == null || key.isBlank()) {
            problems.add(".key", "is required: a JSONPath such as $.subject or $.data.userId");
        } else if (key.length() > 300) {
            problems.add(".key", "is longer than 300 characters");
        } else {
            try {
                if (!EventPath.compile(key).isDefinite()) {
                    problems.add(".key", "must name one value of the event: no [*] in " + key);
                }
            } catch (IllegalArgumentException e) {
                problems.add(".key", e.getMessage());
            }
        }
        problems.throwIfAny();
    }

    public void grant(String actor, String source, String workspace) {
        EventSource found = stewarded(actor, source);
        found.grant(existingWorkspace(workspace));
        events.publishEvent(new SourceGrantChanged(source, found.getOwner().getName(), workspace, true, actor));
    }

    public void revoke(String actor, String source, String workspace) {
        EventSource found = stewarded(actor, source);
        if (!found.revoke(workspace)) {
            throw Refusal.notFound("A grant of " + source + " to " + workspace);
        }
        events.publishEvent(new SourceGrantChanged(source, found.getOwner().getName(), workspace, false, actor));
    }

    /** The source, when the caller stewards it; refused otherwise, as not found when they cannot even see it. */
    public EventSource stewarded(String actor, String name) {
        access.managed(actor, name);
        return sources.findByName(name).orElseThrow();
    }

    private dev.sluice.workspace.Workspace existingWorkspace(String name) {
        try {
            return administration.workspace(name);
        } catch (IllegalArgumentException e) {
            throw Refusal.notFound("Workspace '" + name + "'");
        }
    }
}
