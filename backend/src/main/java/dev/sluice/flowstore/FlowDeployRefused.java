package dev.sluice.flowstore;

import java.util.List;

/**
 * A deploy was refused (a stored test failed, the version is no longer valid, or it leaks personal data);
 * published in the transaction that then rolls back, so listeners record it after the rollback.
 */
public record FlowDeployRefused(long flowId, String workspace, String name, int version, List<String> reasons,
                                String by) {
}
