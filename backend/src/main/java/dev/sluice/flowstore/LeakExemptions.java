package dev.sluice.flowstore;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowProblem;
import dev.sluice.json.Json;
import dev.sluice.privacy.Leak;
import dev.sluice.privacy.LeakFinding;
import dev.sluice.privacy.SourcePrivacy;
import dev.sluice.workspace.PlatformRole;

/**
 * The ledger of leak exemptions: what the leak guard reports for a flow version, and a platform admin's recorded
 * decision that a version may deploy with exactly those leaks. {@link FlowDeployments} asks it which leaks of a
 * version no exemption covers.
 */
@Service
@Transactional
public class LeakExemptions {

    private final StoredFlowRepository flows;
    private final FlowVersionRepository versions;
    private final FlowAccess access;
    private final SourcePrivacy privacy;
    private final LeakExemptionRepository exemptions;
    private final ApplicationEventPublisher events;

    LeakExemptions(StoredFlowRepository flows, FlowVersionRepository versions, FlowAccess access,
                   SourcePrivacy privacy, LeakExemptionRepository exemptions, ApplicationEventPublisher events) {
        this.flows = flows;
        this.versions = versions;
        this.access = access;
        this.privacy = privacy;
        this.exemptions = exemptions;
        this.events = events;
    }

    /**
     * The leaks the guard finds in a version (the latest when null); readable by the flow's members and by
     * platform admins, who decide on exceptions.
     */
    @Transactional(readOnly = true)
    public LeakReport report(String username, long id, Integer version) {
        Caller caller = access.caller(username);
        StoredFlow flow = existing(id);
        if (caller.platformRole() != PlatformRole.ADMIN) {
            caller.requireRead(flow.getWorkspace().getName(), "Flow " + id, "$");
        }
        int wanted = version == null ? flow.getLatestVersion() : version;
        FlowVersion found = versions.findByFlowIdAndVersion(id, wanted)
                .orElseThrow(() -> FlowStoreException.notFound("$.version", "Version " + wanted + " of flow " + id));
        List<LeakFinding> findings = privacy.findings(FlowDocuments.bind(found));
        List<Leak> leaks = findings.stream().map(LeakFinding::leak).toList();
        Optional<LeakExemption> covering = covering(id, wanted, leaks);
        return new LeakReport(id, wanted, findings.stream().map(LeakFinding::problem).toList(), leaks,
                covering.map(LeakExemption::reason).orElse(null), covering.map(LeakExemption::grantedBy).orElse(null));
    }

    /**
     * Lets {@code version} of a flow deploy with the leaks the guard reports for it now (platform admins only,
     * with a reason); recorded and audited. A version that later leaks more needs a new exception.
     */
    public LeakReport grant(String username, long id, int version, String reason) {
        Caller caller = access.caller(username);
        if (caller.platformRole() != PlatformRole.ADMIN) {
            throw FlowStoreException.forbidden("$", "only platform admins grant leak-guard exceptions");
        }
        StoredFlow flow = existing(id);
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw FlowStoreException.conflict("$.reason", "say why the leak is allowed, in 1 to 1000 characters");
        }
        FlowVersion found = versions.findByFlowIdAndVersion(id, version)
                .orElseThrow(() -> FlowStoreException.notFound("$.version", "Version " + version + " of flow " + id));
        List<Leak> leaks = privacy.leaks(FlowDocuments.bind(found));
        if (leaks.isEmpty()) {
            throw FlowStoreException.conflict("$.version", "version " + version + " of flow " + id
                    + " leaks nothing; it needs no exception");
        }
        exemptions.findByFlowIdAndVersion(id, version).ifPresent(old -> {
            exemptions.delete(old);
            exemptions.flush();
        });
        exemptions.save(new LeakExemption(id, version, writeLeaks(leaks), reason.strip(), username));
        LeakReport report = report(username, id, version);
        events.publishEvent(new LeakExemptionGranted(id, flow.getWorkspace().getName(), flow.getName(), version,
                report.problems().stream().map(FlowProblem::message).toList(), reason.strip(), username));
        return report;
    }

    /** The leaks of a version that no admin's exemption covers, as problems at their target nodes. */
    List<FlowProblem> unexempted(long flowId, int version, Flow definition) {
        List<LeakFinding> findings = privacy.findings(definition);
        List<Leak> leaks = findings.stream().map(LeakFinding::leak).toList();
        if (leaks.isEmpty() || covering(flowId, version, leaks).isPresent()) {
            return List.of();
        }
        return findings.stream().map(LeakFinding::problem).toList();
    }

    /** The admin's exemption for this version, when it covers every one of {@code leaks}. */
    private Optional<LeakExemption> covering(long flowId, int version, List<Leak> leaks) {
        return exemptions.findByFlowIdAndVersion(flowId, version)
                .filter(exemption -> readLeaks(exemption).containsAll(leaks));
    }

    private StoredFlow existing(long id) {
        return flows.findById(id).orElseThrow(() -> FlowStoreException.notFound("$", "Flow " + id));
    }

    private static List<Leak> readLeaks(LeakExemption exemption) {
        try {
            return List.of(Json.MAPPER.readValue(exemption.leaks(), Leak[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored leak exemption does not parse", e);
        }
    }

    private static String writeLeaks(List<Leak> leaks) {
        try {
            return Json.MAPPER.writeValueAsString(leaks);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
