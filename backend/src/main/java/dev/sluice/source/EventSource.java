package dev.sluice.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import dev.sluice.workspace.Workspace;

@Entity
@Table(name = "event_sources")
public class EventSource {

    /** The key of a source that names none: the CloudEvents subject, what the event is about. */
    public static final String DEFAULT_KEY = "$.subject";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 200)
    private String name;

    @Column(length = 2000)
    private String description;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "owner_workspace_id")
    private Workspace owner;

    /** Space-separated; event types never contain spaces. */
    @Column(name = "event_types", nullable = false, length = 2000)
    private String eventTypes;

    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(name = "source_grants", joinColumns = @JoinColumn(name = "source_id"),
            inverseJoinColumns = @JoinColumn(name = "workspace_id"))
    private Set<Workspace> subscribers = new HashSet<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** JSON Schema of the events' {@code data}, as JSON text; null when the source has none. */
    @Column(name = "data_schema", length = 1_000_000)
    private String dataSchema;

    /** The JSONPath of the key of the thing an event is about; flows ordered by key partition on its value. */
    @Column(name = "key_path", nullable = false, length = 300)
    private String keyPath = DEFAULT_KEY;

    /** The region where the source is published; null: the installation's default region. */
    @Column(name = "home_region", length = 63)
    private String homeRegion;

    /** A JSON array of sample CloudEvents; null when the source has none. */
    @Column(name = "sample_events", length = 1_000_000)
    private String sampleEvents;

    protected EventSource() {
    }

    EventSource(String name, String description, Workspace owner, List<String> eventTypes) {
        this.name = name;
        this.description = description;
        this.owner = owner;
        this.eventTypes = String.join(" ", eventTypes);
        this.createdAt = Instant.now();
    }

    /** The region where the source is published, or null for the installation's default region. */
    public String getHomeRegion() {
        return homeRegion;
    }

    void setHomeRegion(String homeRegion) {
        this.homeRegion = homeRegion;
    }

    public String getKeyPath() {
        return keyPath;
    }

    void setKeyPath(String keyPath) {
        this.keyPath = keyPath;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public Workspace getOwner() {
        return owner;
    }

    public List<String> getEventTypes() {
        return eventTypes.isBlank() ? List.of() : Arrays.asList(eventTypes.split(" "));
    }

    /** Workspaces granted <em>subscribe</em>, besides the owner. */
    public Set<Workspace> getSubscribers() {
        return Set.copyOf(subscribers);
    }

    public Optional<JsonNode> getDataSchema() {
        return Optional.ofNullable(dataSchema).map(EventSource::parse);
    }

    public List<JsonNode> getSampleEvents() {
        if (sampleEvents == null) {
            return List.of();
        }
        List<JsonNode> samples = new ArrayList<>();
        parse(sampleEvents).forEach(samples::add);
        return List.copyOf(samples);
    }

    void describe(String schema, String samples) {
        this.dataSchema = schema;
        this.sampleEvents = samples;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON of a source does not parse", e);
        }
    }

    void grant(Workspace workspace) {
        subscribers.add(workspace);
    }

    boolean revoke(String workspace) {
        return subscribers.removeIf(w -> w.getName().equals(workspace));
    }
}
