package dev.sluice.flowstore;

import java.time.Instant;

/**
 * A user's kept draft of a flow as read back: the document as the editor had it (possibly invalid), the version it
 * was made on, when it was kept, and the flow's latest version now, saved by {@code latestSavedBy}.
 */
public record FlowDraftCopy(long flowId, int baseVersion, String document, Instant savedAt, int latestVersion,
                            String latestSavedBy) {

    /** Someone saved a version after the one this draft was made on. */
    public boolean outdated() {
        return latestVersion > baseVersion;
    }
}
