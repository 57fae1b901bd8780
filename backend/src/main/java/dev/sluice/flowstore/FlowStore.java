package dev.sluice.flowstore;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.pipeline.ValidationContext;
import dev.sluice.privacy.LeakFinding;
import dev.sluice.privacy.PreviewMasking;
import dev.sluice.privacy.SourcePrivacy;
import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.WorkspaceAdministration;

/**
 * Every operation on flows, for the REST API and the designer alike. Each call names the acting user and is
 * checked here: members of a flow's workspace read it, owners and stewards change it; a flow of another
 * workspace does not exist for the caller (never a hint that it does). Platform admins see the flow list
 * without content; auditors nothing.
 *
 * <p>Versions are immutable: a save adds version n+1 only when the caller edited version n, so nobody's
 * work is overwritten. Invalid documents throw {@link InvalidFlowException} with every problem and store
 * nothing; other refusals throw {@link FlowStoreException}. Thread-safe.
 */
@Service
@Transactional
public class FlowStore {

    private final StoredFlowRepository flows;
    private final FlowVersionRepository versions;
    private final StoredDraftRepository drafts;
    private final FlowAccess access;
    private final FlowDocuments documents;
    private final FlowRuns runs;
    private final DryRuns dryRuns;
    private final WorkspaceAdministration workspaces;
    private final SourcePrivacy privacy;
    private final ApplicationEventPublisher events;

    FlowStore(StoredFlowRepository flows, FlowVersionRepository versions, StoredDraftRepository drafts,
              FlowAccess access, FlowDocuments documents, FlowRuns runs, DryRuns dryRuns,
              WorkspaceAdministration workspaces, SourcePrivacy privacy, ApplicationEventPublisher events) {
        this.drafts = drafts;
        this.dryRuns = dryRuns;
        this.privacy = privacy;
        this.flows = flows;
        this.versions = versions;
        this.access = access;
        this.documents = documents;
        this.runs = runs;
        this.workspaces = workspaces;
        this.events = events;
    }

    /**
     * What validating a flow of {@code workspace} may know: the sources it may read (and owns) and its connections,
     * exactly as saving and deploying see them, for editors that validate as the user types.
     */
    public ValidationContext validationContext(String workspace) {
        return access.context(workspace);
    }

    /** Validates flow JSON completely and stores it as version 1 of a new flow in the document's workspace. */
    public FlowRef importFlow(String username, String json, String comment) {
        Caller caller = access.caller(username);
        caller.requireMember();
        FlowDocuments.checkComment(comment);
        JsonNode document = FlowJson.parse(json);
        String workspace = FlowDocuments.workspaceOf(document);
        if (workspace != null) {
            caller.requireWrite(workspace, "Workspace '" + workspace + "'", "$.workspace");
        }
        Flow flow = documents.check(document, workspace);
        if (flows.existsByWorkspaceNameAndName(workspace, flow.name())) {
            throw nameTaken(flow);
        }
        String definition = FlowDocuments.canonical(flow);
        Instant now = Instant.now();
        StoredFlow stored;
        try {
            stored = flows.saveAndFlush(new StoredFlow(workspaces.workspace(workspace), flow.name(),
                    flow.description(), username, now));
        } catch (DataIntegrityViolationException raced) {
            throw nameTaken(flow);
        }
        versions.save(new FlowVersion(stored.getId(), 1, definition, comment, username, now));
        events.publishEvent(new FlowVersionSaved(stored.getId(), workspace, flow.name(), 1, username, comment, now));
        return new FlowRef(stored.getId(), 1);
    }

    /**
     * Stores {@code json} as the next version, if {@code expectedVersion} is still the latest. The document
     * keeps the flow's name and workspace. The saver's draft of the flow ({@link FlowDrafts}) is done with and goes.
     */
    public FlowRef save(String username, long id, int expectedVersion, String json, String comment) {
        Caller caller = access.caller(username);
        caller.requireMember();
        StoredFlow stored = flows.findForUpdate(id).orElseThrow(() -> FlowStoreException.notFound(flowLabel(id)));
        caller.requireWrite(stored.getWorkspace().getName(), flowLabel(id), "$");
        if (expectedVersion != stored.getLatestVersion()) {
            throw FlowStoreException.conflict("$", "version " + stored.getLatestVersion() + " was saved by "
                    + stored.getUpdatedBy() + " after the version " + expectedVersion + " you edited; "
                    + "load the latest version, apply your change again and save");
        }
        FlowDocuments.checkComment(comment);
        Flow flow = documents.checkNextVersion(FlowJson.parse(json), stored);
        String definition = FlowDocuments.canonical(flow);
        Instant now = Instant.now();
        FlowDiff diff = versions.findByFlowIdAndVersion(id, expectedVersion)
                .map(previous -> FlowDiff.between(expectedVersion, FlowDocuments.bind(previous), expectedVersion + 1,
                        flow))
                .orElse(null);
        int version = stored.advance(flow.description(), username, now);
        versions.save(new FlowVersion(id, version, definition, comment, username, now));
        drafts.deleteByFlowAndUser(id, username);
        events.publishEvent(new FlowVersionSaved(id, stored.getWorkspace().getName(), stored.getName(), version,
                username, comment, now, diff));
        return new FlowRef(id, version);
    }

    /** The flows of the caller's workspaces (or of one of them), by workspace and name; admins see all. */
    @Transactional(readOnly = true)
    public List<FlowSummary> list(String username, String workspace) {
        Caller caller = access.caller(username);
        List<StoredFlow> found;
        if (caller.platformRole() == PlatformRole.ADMIN) {
            found = flows.findAllByOrderByWorkspaceNameAscNameAsc();
        } else if (caller.isPlatformUser()) {
            throw FlowStoreException.forbidden("$", "auditors read the audit log, not flows");
        } else {
            found = flows.findByWorkspaceNameInOrderByWorkspaceNameAscNameAsc(caller.workspaces());
        }
        return found.stream()
                .filter(flow -> workspace == null || workspace.equals(flow.getWorkspace().getName()))
                .map(FlowSummary::of)
                .toList();
    }

    /** One version (the latest when {@code version} is null) with the flow's metadata. */
    @Transactional(readOnly = true)
    public StoredFlowVersion get(String username, long id, Integer version) {
        StoredFlow flow = readable(username, id);
        FlowVersion found = version(flow, version);
        return new StoredFlowVersion(FlowSummary.of(flow), FlowVersionInfo.of(found),
                FlowDocuments.named(found.getDefinition(), flow.getName()));
    }

    /**
     * Whether the user may change the flow (save, deploy, roll back, delete), for screens that offer only what
     * may be done; every change still checks for itself.
     */
    @Transactional(readOnly = true)
    public boolean mayChange(String username, long id) {
        StoredFlow flow = readable(username, id);
        return access.caller(username).mayWrite(flow.getWorkspace().getName());
    }

    /** The canonical flow JSON of one version (the latest when {@code version} is null). */
    @Transactional(readOnly = true)
    public String export(String username, long id, Integer version) {
        return exportVersion(username, id, version).definition();
    }

    /** Like {@link #get}, and recorded as an export (a copy of the flow leaves Sluice). */
    @Transactional(readOnly = true)
    public StoredFlowVersion exportVersion(String username, long id, Integer version) {
        StoredFlowVersion found = get(username, id, version);
        events.publishEvent(new FlowExported(id, found.flow().workspace(), found.flow().name(),
                found.version().version(), username));
        return found;
    }

    /** Every version, oldest first. */
    @Transactional(readOnly = true)
    public List<FlowVersionInfo> versions(String username, long id) {
        StoredFlow flow = readable(username, id);
        return versions.findByFlowIdOrderByVersionAsc(flow.getId()).stream().map(FlowVersionInfo::of).toList();
    }

    /** What changed from {@code from} to {@code to}; by default from the version before {@code to} to the latest. */
    @Transactional(readOnly = true)
    public FlowDiff diff(String username, long id, Integer from, Integer to) {
        StoredFlow flow = readable(username, id);
        int newer = to == null ? flow.getLatestVersion() : to;
        int older = from == null ? newer - 1 : from;
        if (older < 1) {
            throw new InvalidFlowException("$", "version " + newer + " has no earlier version: give from and to");
        }
        return FlowDiff.between(older, FlowDocuments.bind(version(flow, older)), newer,
                FlowDocuments.bind(version(flow, newer)));
    }

    /** Runs the stored tests of one version (the latest when {@code version} is null) on its compiled pipeline. */
    @Transactional(readOnly = true)
    public FlowTestReport test(String username, long id, Integer version) {
        StoredFlow flow = readable(username, id);
        return runs.test(flow, version(flow, version));
    }

    /**
     * Runs a flow that need not be stored on sample events, one trace per event in order. The flow is
     * validated as its workspace sees sources; the caller must be a member of that workspace. At most 200 events,
     * within a time budget and a size cap (the answer then says it is truncated), and at most two at once per user
     * ({@link FlowStoreException.Reason#BUSY} beyond).
     *
     * @param request {@code {"flow": {...}, "events": [...]}}; problems are reported below {@code $.flow}
     */
    @Transactional(readOnly = true)
    public DryRun dryRun(String username, JsonNode request) {
        Caller caller = access.caller(username);
        caller.requireMember();
        try (DryRuns.Slot slot = dryRuns.slot(username)) {
            FlowRuns.DryRunRequest run = FlowRuns.read(request);
            String workspace = FlowDocuments.workspaceOf(run.flow());
            if (workspace != null) {
                caller.requireRead(workspace, "Workspace '" + workspace + "'", "$.flow.workspace");
            }
            Flow flow = documents.check(run.flow(), workspace, "$.flow");
            PreviewMasking masking = privacy.masking(username, flow);
            DryRun result = dryRuns.run(slot, runs.dryRunPipeline(flow), run.events(), masking::trace);
            events.publishEvent(new FlowPreviewed(workspace, flow.name(), result.results().size(), username));
            return result;
        }
    }

    /**
     * The leaks the guard finds in a flow that need not be stored (the designer's live check); the caller must be
     * a member of the flow's workspace.
     */
    @Transactional(readOnly = true)
    public List<LeakFinding> leaks(String username, Flow flow) {
        access.caller(username).requireRead(flow.workspace(), "Workspace '" + flow.workspace() + "'", "$.workspace");
        return privacy.findings(flow);
    }

    /** Removes a flow and all its versions; refused while a version is deployed. */
    public void delete(String username, long id) {
        Caller caller = access.caller(username);
        caller.requireMember();
        StoredFlow flow = flows.findForUpdate(id).orElseThrow(() -> FlowStoreException.notFound(flowLabel(id)));
        caller.requireWrite(flow.getWorkspace().getName(), flowLabel(id), "$");
        if (flow.getDeployedVersion() != null) {
            throw FlowStoreException.conflict("$", "version " + flow.getDeployedVersion()
                    + " is deployed; undeploy the flow before deleting it");
        }
        drafts.deleteByFlow(id);
        versions.deleteByFlow(id);
        flows.delete(flow);
        events.publishEvent(new FlowDeleted(id, flow.getWorkspace().getName(), flow.getName(), username,
                Instant.now()));
    }

    /**
     * Gives the flow another name, unique in its workspace, under the rules of a new flow's name. The flow keeps its
     * id, versions and deployment; versions read from now on carry the new name.
     */
    public FlowSummary rename(String username, long id, String newName) {
        Caller caller = access.caller(username);
        caller.requireMember();
        StoredFlow flow = flows.findForUpdate(id).orElseThrow(() -> FlowStoreException.notFound(flowLabel(id)));
        String workspace = flow.getWorkspace().getName();
        caller.requireWrite(workspace, flowLabel(id), "$");
        FlowDocuments.checkName(newName);
        String oldName = flow.getName();
        if (newName.equals(oldName)) {
            return FlowSummary.of(flow);
        }
        if (flows.existsByWorkspaceNameAndName(workspace, newName)) {
            throw FlowStoreException.conflict("$.name", "workspace " + workspace + " already has a flow named '"
                    + newName + "'");
        }
        Instant now = Instant.now();
        flow.rename(newName, username, now);
        try {
            flows.flush();
        } catch (DataIntegrityViolationException raced) {
            throw FlowStoreException.conflict("$.name", "workspace " + workspace + " already has a flow named '"
                    + newName + "'");
        }
        events.publishEvent(new FlowRenamed(id, workspace, oldName, newName, username, now));
        return FlowSummary.of(flow);
    }

    private StoredFlow readable(String username, long id) {
        Caller caller = access.caller(username);
        caller.requireMember();
        StoredFlow flow = flows.findById(id).orElseThrow(() -> FlowStoreException.notFound(flowLabel(id)));
        caller.requireRead(flow.getWorkspace().getName(), flowLabel(id), "$");
        return flow;
    }

    private FlowVersion version(StoredFlow flow, Integer version) {
        int wanted = version == null ? flow.getLatestVersion() : version;
        return versions.findByFlowIdAndVersion(flow.getId(), wanted)
                .orElseThrow(() -> FlowStoreException.notFound("Version " + wanted + " of flow " + flow.getId()));
    }

    private static FlowStoreException nameTaken(Flow flow) {
        return FlowStoreException.conflict("$.name", "workspace " + flow.workspace() + " already has a flow named '"
                + flow.name() + "'; save a new version of it or choose another name");
    }

    private static String flowLabel(long id) {
        return "Flow " + id;
    }
}
