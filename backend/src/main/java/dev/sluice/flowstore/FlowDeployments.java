package dev.sluice.flowstore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sluice.engine.DeployedFlow;
import dev.sluice.engine.KeyOrder;
import dev.sluice.engine.StartFrom;
import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.privacy.PreviewMasking;
import dev.sluice.privacy.SourcePrivacy;
import dev.sluice.region.LinkNeeds;
import dev.sluice.region.RegionLinkKeeper;
import dev.sluice.region.RegionLinks;
import dev.sluice.region.Regions;
import dev.sluice.source.EventSource;
import dev.sluice.source.SourceCatalog;
import dev.sluice.engine.DeploymentSource;
import dev.sluice.engine.DeploymentsChanged;

/**
 * Which version of a flow runs: deploy (only when every stored test of that version passes), pause, resume,
 * undeploy. The state lives in the database, which every engine instance reads, so it survives restarts.
 */
@Service
@Transactional
public class FlowDeployments implements DeploymentSource, LinkNeeds {

    private static final java.time.Duration LINK_WAIT = java.time.Duration.ofSeconds(15);

    private final StoredFlowRepository flows;
    private final FlowVersionRepository versions;
    private final FlowAccess access;
    private final FlowRuns runs;
    private final FlowDocuments documents;
    private final SourcePrivacy privacy;
    private final LeakExemptions exemptions;
    private final SourceCatalog sources;
    private final ApplicationEventPublisher events;
    private final java.time.Duration keepHistory;
    private final Regions regions;
    private final ObjectProvider<RegionLinkKeeper> links;

    FlowDeployments(StoredFlowRepository flows, FlowVersionRepository versions, FlowAccess access, FlowRuns runs,
                    FlowDocuments documents, SourcePrivacy privacy, LeakExemptions exemptions, SourceCatalog sources,
                    ApplicationEventPublisher events,
                    @org.springframework.beans.factory.annotation.Value("${sluice.engine.keep-history:7d}")
                    java.time.Duration keepHistory, Regions regions, ObjectProvider<RegionLinkKeeper> links) {
        this.keepHistory = keepHistory;
        this.regions = regions;
        this.links = links;
        this.sources = sources;
        this.flows = flows;
        this.versions = versions;
        this.access = access;
        this.runs = runs;
        this.documents = documents;
        this.privacy = privacy;
        this.exemptions = exemptions;
        this.events = events;
    }

    /** Deploys {@code version} (the latest when null) after running its stored tests; refused when one fails. */
    public FlowTestReport deploy(String username, long id, Integer version) {
        return deploy(username, id, version, false);
    }

    /**
     * As {@link #deploy(String, long, Integer)}; with {@code ordered} one consumer across all engine instances
     * takes the flow's events, so they are processed in the order the source published them.
     */
    public FlowTestReport deploy(String username, long id, Integer version, boolean ordered) {
        return deploy(username, id, version, ordered, null);
    }

    /**
     * As {@link #deploy(String, long, Integer, boolean)}; with {@code keyOrder} (and {@code ordered} false) the
     * events of each key are processed in order, over that many partitions. A flow is ordered by its source's key,
     * the one ingest writes into the events' headers: another key is refused, naming the source's.
     */
    public FlowTestReport deploy(String username, long id, Integer version, boolean ordered, KeyOrder keyOrder) {
        return deploy(username, id, version, ordered, keyOrder, StartFrom.NOW);
    }

    /**
     * As {@link #deploy(String, long, Integer, boolean, KeyOrder)}; {@code from} the snapshot: the flow first runs
     * the latest event of every key of its source (deletes included); from a time: every event its source published
     * since; then its live events, which queue meanwhile.
     */
    public FlowTestReport deploy(String username, long id, Integer version, boolean ordered, KeyOrder keyOrder,
                                 StartFrom from) {
        return deploy(username, id, version, ordered, keyOrder, from, null);
    }

    /**
     * As {@link #deploy(String, long, Integer, boolean, KeyOrder, StartFrom)}, run by the engines of {@code region}
     * (null: its source's home region). Outside the source's home region the link that brings the source's events
     * there is set up first, and the deploy refused when it does not run.
     */
    public FlowTestReport deploy(String username, long id, Integer version, boolean ordered, KeyOrder keyOrder,
                                 StartFrom from, String region) {
        StoredFlow flow = writable(username, id);
        int wanted = version == null ? flow.getLatestVersion() : version;
        FlowVersion found = versions.findByFlowIdAndVersion(id, wanted)
                .orElseThrow(() -> FlowStoreException.notFound("$.version", "Version " + wanted + " of flow " + id));
        try {
            Flow definition = stillValid(flow, found);
            requireSourceKey(definition, keyOrder);
            requireKeptHistory(from);
            FlowTestReport report = runs.test(flow, found);
            requireDeployable(flow, wanted, definition, report);
            requireLinked(definition, region, from);
            flow.deploy(wanted, ordered, keyOrder, from, region, username, Instant.now());
            events.publishEvent(new FlowDeployed(id, flow.getWorkspace().getName(), flow.getName(), wanted,
                    ordered, keyOrder, from, username));
            events.publishEvent(new DeploymentsChanged(id, false));
            return report;
        } catch (FlowStoreException refused) {
            // the details name what failed without the values a test compares (those may be personal data)
            List<String> why = refused.details().isEmpty() ? List.of(refused.getMessage())
                    : refused.details().stream().map(problem -> problem.path() + ": " + problem.message()).toList();
            events.publishEvent(new FlowDeployRefused(id, flow.getWorkspace().getName(), flow.getName(), wanted,
                    why, username));
            throw refused;
        }
    }

    /** The home region of the source of the flow's latest version. The caller must read the flow. */
    @Transactional(readOnly = true)
    public String sourceHomeRegion(long id) {
        StoredFlow flow = existing(id);
        return versions.findByFlowIdAndVersion(id, flow.getLatestVersion())
                .map(version -> homeOf(sourceName(FlowDocuments.bind(version)))).orElse(regions.defaultRegion());
    }

    /** The key the latest version of the flow can be ordered by: its source's. The caller must read the flow. */
    @Transactional(readOnly = true)
    public String orderKey(long id) {
        StoredFlow flow = existing(id);
        return versions.findByFlowIdAndVersion(id, flow.getLatestVersion())
                .map(version -> sourceKey(FlowJson.parse(version.getDefinition()).path("nodes")))
                .orElse(EventSource.DEFAULT_KEY);
    }

    private String sourceKey(com.fasterxml.jackson.databind.JsonNode nodes) {
        for (com.fasterxml.jackson.databind.JsonNode node : nodes) {
            if ("source".equals(node.path("kind").asText())) {
                return sourceKey(node.path("config").path("source").asText());
            }
        }
        return EventSource.DEFAULT_KEY;
    }

    private String sourceKey(String source) {
        return sources.find(source).map(EventSource::getKeyPath).orElse(EventSource.DEFAULT_KEY);
    }

    private void requireSourceKey(Flow definition, KeyOrder keyOrder) {
        if (keyOrder == null) {
            return;
        }
        String source = definition.sourceNode().map(node -> node.config().path("source").asText()).orElse("");
        String sourceKey = sourceKey(source);
        if (!sourceKey.equals(keyOrder.key())) {
            throw FlowStoreException.invalid("$.orderedBy", "source " + source + " is keyed by " + sourceKey
                    + ", and a flow is ordered by its source's key (ingest writes it into every event): order by "
                    + sourceKey + ", or have the source's stewards change its key");
        }
    }

    /**
     * How to show {@code username} the events waiting in or dead-lettered by a flow, as its source published
     * them: masked beyond what they may see ({@link SourcePrivacy#sourceMasking}). The caller must read the flow.
     */
    @Transactional(readOnly = true)
    public PreviewMasking inputMasking(String username, long id) {
        StoredFlow flow = existing(id);
        access.caller(username).requireRead(flow.getWorkspace().getName(), "Flow " + id, "$");
        int version = flow.getDeployedVersion() == null ? flow.getLatestVersion() : flow.getDeployedVersion();
        Flow definition = FlowDocuments.bind(versions.findByFlowIdAndVersion(id, version).orElseThrow());
        return privacy.sourceMasking(username, SourcePrivacy.sourceOf(definition).orElse(""),
                flow.getWorkspace().getName());
    }

    /** Stops the flow everywhere; with {@code deleteQueue} its queued events are dropped too. */
    public void undeploy(String username, long id, boolean deleteQueue) {
        StoredFlow flow = writable(username, id);
        if (flow.getDeployedVersion() == null) {
            throw FlowStoreException.conflict("$", "flow " + id + " is not deployed");
        }
        flow.undeploy(username, Instant.now());
        events.publishEvent(new FlowUndeployed(id, flow.getWorkspace().getName(), flow.getName(), deleteQueue, username));
        events.publishEvent(new DeploymentsChanged(id, deleteQueue));
    }

    /** Stops consuming but keeps the deployed version and lets events wait in the queue. */
    public void pause(String username, long id) {
        StoredFlow flow = writable(username, id);
        if (flow.getState() != FlowState.DEPLOYED) {
            throw FlowStoreException.conflict("$", "only a running flow can be paused; flow " + id + " is "
                    + flow.getState().name().toLowerCase());
        }
        flow.pause("paused by " + username, username, Instant.now());
        events.publishEvent(new DeploymentsChanged(id, false));
    }

    /** Runs the deployed version again after a pause. */
    public void resume(String username, long id) {
        StoredFlow flow = writable(username, id);
        if (flow.getState() != FlowState.PAUSED) {
            throw FlowStoreException.conflict("$", "flow " + id + " is not paused");
        }
        flow.resume(flow.getDeployedVersion(), username, Instant.now());
        events.publishEvent(new DeploymentsChanged(id, false));
    }

    /** How long the sources' history is kept, to start flows from a point in time; zero when it is not. */
    public java.time.Duration historyKept() {
        return keepHistory;
    }

    /** A start from a point in time must be one the sources' history still holds, and not to come. */
    private void requireKeptHistory(StartFrom from) {
        if (from.history() == null) {
            return;
        }
        Instant now = Instant.now();
        if (!keepHistory.isPositive()) {
            throw FlowStoreException.invalid("$.from", "this installation keeps no history of its sources "
                    + "(sluice.engine.keep-history is 0): start from now or from the snapshot");
        }
        if (from.history().isAfter(now)) {
            throw FlowStoreException.invalid("$.from", "is still to come: start from a time in the past, or now");
        }
        if (from.history().isBefore(now.minus(keepHistory))) {
            throw FlowStoreException.invalid("$.from", "is older than the history kept (" + keepHistory.toDays()
                    + " days, sluice.engine.keep-history): start from " + now.minus(keepHistory).truncatedTo(
                    java.time.temporal.ChronoUnit.SECONDS) + " or later, or from the snapshot");
        }
    }

    /**
     * A flow runs in {@code region} (null: its source's home): a known region; outside the source's home, the link
     * from there must run (set up now) and the history, kept at home, is not offered.
     */
    private void requireLinked(Flow definition, String region, StartFrom from) {
        if (region != null && !regions.knows(region)) {
            throw FlowStoreException.invalid("$.region", "there is no region named '" + region + "'; the "
                    + "installation's regions are " + String.join(", ", regions.names()));
        }
        String source = sourceName(definition);
        String home = homeOf(source);
        if (region == null || region.equals(home)) {
            return;
        }
        if (from.history() != null) {
            throw FlowStoreException.invalid("$.from", "a flow outside its source's home region (" + home
                    + ") starts from now or from the snapshot: the history is kept at home");
        }
        RegionLinkKeeper keeper = links.getIfAvailable();
        if (keeper == null) {
            throw FlowStoreException.conflict("$.region", "this instance does not manage region links (sluice.roles "
                    + "has no designer): deploy from a designer instance");
        }
        RegionLinks.LinkState link = keeper.prepare(new RegionLinks.Link(source, home, region), LINK_WAIT);
        if (link.state() != RegionLinks.State.RUNNING) {
            throw FlowStoreException.conflict("$.region", "region " + region + " cannot reach " + source
                    + "'s home region " + home + (link.error() == null ? " (the link is still "
                    + link.state().name().toLowerCase() + " after " + LINK_WAIT.toSeconds() + " s)"
                    : ": " + link.error()) + "; check both clusters and the link's settings (sluice.regions)");
        }
    }

    private static String sourceName(Flow definition) {
        return definition.sourceNode().map(node -> node.config().path("source").asText()).orElse("");
    }

    private String homeOf(String source) {
        return regions.resolve(sources.find(source).map(EventSource::getHomeRegion).orElse(null));
    }

    /** For the engine: every deployed, unpaused flow with the version to run and the region that runs it. */
    @Override
    @Transactional(readOnly = true)
    public List<DeployedFlow> deployed() {
        return flows.findByState(FlowState.DEPLOYED).stream()
                .map(flow -> {
                    Flow definition = FlowDocuments.bind(versions.findByFlowIdAndVersion(flow.getId(),
                            flow.getDeployedVersion()).orElseThrow());
                    return new DeployedFlow(flow.getId(), flow.getDeployedVersion(), definition, flow.isOrdered(),
                            flow.getKeyOrder(), flow.getPendingBootstrap(), regionOf(flow, definition));
                })
                .toList();
    }

    private String regionOf(StoredFlow flow, Flow definition) {
        return flow.getRegion() != null ? flow.getRegion() : homeOf(sourceName(definition));
    }

    /** For the region links: each source with a deployed or paused flow outside its home region. */
    @Override
    @Transactional(readOnly = true)
    public java.util.Set<RegionLinks.Link> needed() {
        java.util.Set<RegionLinks.Link> needed = new java.util.HashSet<>();
        for (FlowState state : List.of(FlowState.DEPLOYED, FlowState.PAUSED)) {
            for (StoredFlow flow : flows.findByState(state)) {
                if (flow.getRegion() == null) {
                    continue;
                }
                String source = versions.findByFlowIdAndVersion(flow.getId(), flow.getDeployedVersion())
                        .map(version -> sourceName(FlowDocuments.bind(version))).orElse("");
                String home = homeOf(source);
                if (!source.isEmpty() && !home.equals(flow.getRegion())) {
                    needed.add(new RegionLinks.Link(source, home, flow.getRegion()));
                }
            }
        }
        return needed;
    }

    /** For the engine: pauses a running flow that cannot work (its script keeps running out of budget). */
    @Override
    public void pauseFailing(long flowId, String reason) {
        StoredFlow flow = flows.findForUpdate(flowId).orElse(null);
        if (flow == null || flow.getState() != FlowState.DEPLOYED) {
            return;
        }
        String why = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        flow.pause(why, "engine", Instant.now());
        events.publishEvent(new DeploymentsChanged(flowId, false));
    }

    @Override
    public boolean claimBootstrap(long flowId, String token) {
        return flows.findForUpdate(flowId).map(flow -> flow.claimBootstrap(token, Instant.now(),
                java.time.Duration.ofMinutes(10))).orElse(false);
    }

    @Override
    public void bootstrapped(long flowId, String token) {
        flows.findForUpdate(flowId).ifPresent(flow -> {
            flow.bootstrapped(token);
            events.publishEvent(new DeploymentsChanged(flowId, false));
        });
    }

    /**
     * Runs the deployed version again from the snapshot of its source, with the options it has: its live events
     * wait until the latest event of every key went through. The caller must be allowed to deploy the flow.
     */
    public void resync(String username, long id) {
        StoredFlow flow = writable(username, id);
        if (flow.getState() != FlowState.DEPLOYED) {
            throw FlowStoreException.conflict("$", "only a deployed, running flow can be resynced");
        }
        flow.deploy(flow.getDeployedVersion(), flow.isOrdered(), flow.getKeyOrder(), StartFrom.SNAPSHOT,
                flow.getRegion(), username, Instant.now());
        events.publishEvent(new FlowResynced(id, flow.getWorkspace().getName(), flow.getName(),
                flow.getDeployedVersion(), username));
        events.publishEvent(new DeploymentsChanged(id, false));
    }

    /** Whether the flow still owes its snapshot run before its live events. */
    @Transactional(readOnly = true)
    public boolean bootstrapping(long id) {
        return flows.findById(id).map(flow -> flow.getPendingBootstrap() != null).orElse(false);
    }

    /** How the flow is deployed and why it is paused, if it is; the caller must have read it already. */
    @Transactional(readOnly = true)
    public DeploymentOptions options(long id) {
        return flows.findById(id).map(flow -> new DeploymentOptions(flow.isOrdered(), flow.getKeyOrder(),
                        flow.getPausedReason(), flow.getRegion() != null ? flow.getRegion()
                        : versions.findByFlowIdAndVersion(id, flow.getDeployedVersion() == null
                                ? flow.getLatestVersion() : flow.getDeployedVersion())
                        .map(version -> homeOf(sourceName(FlowDocuments.bind(version)))).orElse(regions.here())))
                .orElseThrow(() -> FlowStoreException.notFound("$", "Flow " + id));
    }

    /** Refuses, with every reason at once, a version whose stored tests fail or that leaks personal data. */
    private void requireDeployable(StoredFlow flow, int version, Flow definition, FlowTestReport report) {
        List<FlowProblem> failing = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        for (int i = 0; i < report.results().size(); i++) {
            if (!report.results().get(i).passed()) {
                failing.add(new FlowProblem("$.tests[" + i + "]", "test '" + report.results().get(i).name()
                        + "' fails"));
            }
        }
        if (!report.passed()) {
            summary.add("fails its stored tests: " + report.results().stream().filter(r -> !r.passed())
                    .map(r -> "'" + r.name() + "': " + String.join("; ", r.failures()))
                    .collect(Collectors.joining(" | ")));
        }
        List<FlowProblem> leaks = exemptions.unexempted(flow.getId(), version, definition);
        if (!leaks.isEmpty()) {
            failing.addAll(leaks);
            summary.add("would send personal data to targets that workspace " + definition.workspace()
                    + " is not cleared for (" + leaks.size() + (leaks.size() == 1 ? " leak" : " leaks")
                    + "); mask it, leave it out, or ask a platform admin for an exception");
        }
        if (!failing.isEmpty()) {
            throw FlowStoreException.conflict("$.version", "deploy refused: version " + version + " "
                    + String.join(", and ", summary), failing);
        }
    }

    /** The stored version, validated again now: a source grant may have been revoked since it was saved. */
    private Flow stillValid(StoredFlow flow, FlowVersion version) {
        try {
            return documents.check(FlowJson.parse(version.getDefinition()), flow.getWorkspace().getName());
        } catch (InvalidFlowException e) {
            throw FlowStoreException.conflict("$.version", "deploy refused: version " + version.getVersion()
                    + " is no longer valid", e.problems());
        }
    }

    private StoredFlow existing(long id) {
        return flows.findById(id).orElseThrow(() -> FlowStoreException.notFound("$", "Flow " + id));
    }

    private StoredFlow writable(String username, long id) {
        Caller caller = access.caller(username);
        caller.requireMember();
        StoredFlow flow = flows.findForUpdate(id).orElseThrow(() -> FlowStoreException.notFound("$", "Flow " + id));
        caller.requireWrite(flow.getWorkspace().getName(), "Flow " + id, "$");
        return flow;
    }

    /** Checks that the caller may operate the flow (replay its dead letters); returns where it stands. */
    @Transactional(readOnly = true)
    public FlowSummary operable(String username, long id) {
        Caller caller = access.caller(username);
        caller.requireMember();
        StoredFlow flow = existing(id);
        caller.requireWrite(flow.getWorkspace().getName(), "Flow " + id, "$");
        return FlowSummary.of(flow);
    }

    /** Where the flow stands, for status pages; readable by members. */
    @Transactional(readOnly = true)
    public FlowSummary summary(String username, long id) {
        Caller caller = access.caller(username);
        caller.requireMember();
        StoredFlow flow = existing(id);
        caller.requireRead(flow.getWorkspace().getName(), "Flow " + id, "$");
        return FlowSummary.of(flow);
    }
}
