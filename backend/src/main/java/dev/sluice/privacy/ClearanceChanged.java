package dev.sluice.privacy;

import java.util.Map;

/** What {@code workspace} may receive of {@code source}'s tags changed (tag → level id); published in the transaction. */
public record ClearanceChanged(String source, String owner, String workspace, Map<String, String> before,
                               Map<String, String> after, String by) {
}
