package dev.sluice.flowstore;

import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Unsaved work kept on the server: one draft per user and flow, holding the editor's document as it is, valid or
 * not, so that closing a tab or leaving the editor loses nothing. A draft is its user's alone; only those who may
 * change the flow keep one. Saving a version ({@link FlowStore#save}) removes the saver's draft. Keeping and
 * discarding drafts is not audited: they change nothing that runs or that others see. Thread-safe.
 */
@Service
@Transactional
public class FlowDrafts {

    private final StoredFlowRepository flows;
    private final FlowVersionRepository versions;
    private final StoredDraftRepository drafts;
    private final FlowAccess access;

    FlowDrafts(StoredFlowRepository flows, FlowVersionRepository versions, StoredDraftRepository drafts,
               FlowAccess access) {
        this.flows = flows;
        this.versions = versions;
        this.drafts = drafts;
        this.access = access;
    }

    /** Keeps {@code document}, made on {@code baseVersion}, as the user's draft of the flow, replacing any earlier. */
    public void keep(String username, long flowId, int baseVersion, String document) {
        writable(username, flowId);
        if (document == null || document.length() > StoredDraft.MAX_DOCUMENT_LENGTH) {
            throw FlowStoreException.conflict("$", "a draft holds at most " + StoredDraft.MAX_DOCUMENT_LENGTH
                    + " characters");
        }
        StoredDraft draft = drafts.findByFlowIdAndUsername(flowId, username)
                .orElseGet(() -> new StoredDraft(flowId, username));
        draft.keep(baseVersion, document, Instant.now());
        drafts.save(draft);
    }

    /** The user's draft of the flow, if they keep one. */
    @Transactional(readOnly = true)
    public Optional<FlowDraftCopy> find(String username, long flowId) {
        StoredFlow flow = writable(username, flowId);
        int latest = flow.getLatestVersion();
        return drafts.findByFlowIdAndUsername(flowId, username)
                .map(draft -> new FlowDraftCopy(flowId, draft.getBaseVersion(), draft.getDocument(),
                        draft.getSavedAt(), latest, versions.findByFlowIdAndVersion(flowId, latest)
                        .map(FlowVersion::getCreatedBy).orElse(flow.getUpdatedBy())));
    }

    /** Drops the user's draft of the flow; nothing when there is none. */
    public void discard(String username, long flowId) {
        writable(username, flowId);
        drafts.deleteByFlowAndUser(flowId, username);
    }

    private StoredFlow writable(String username, long flowId) {
        Caller caller = access.caller(username);
        caller.requireMember();
        StoredFlow flow = flows.findById(flowId)
                .orElseThrow(() -> FlowStoreException.notFound("Flow " + flowId));
        caller.requireWrite(flow.getWorkspace().getName(), "Flow " + flowId, "$");
        return flow;
    }
}
