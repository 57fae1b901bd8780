package dev.sluice.flowstore;

import java.util.List;

/** Someone looked at these dead letters of a flow (their message ids; never their content). */
public record DeadLettersViewed(long flowId, String workspace, String name, List<String> messageIds, String by) {
}
