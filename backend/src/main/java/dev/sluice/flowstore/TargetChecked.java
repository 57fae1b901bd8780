package dev.sluice.flowstore;

import java.util.List;

/**
 * Someone tested a target of a flow ("test connection"): audited, since a check reaches out of the platform with
 * the workspace's credentials. {@code problems} are why the settings were refused before anything was reached;
 * otherwise {@code reachable} and {@code message} say what the check found.
 */
public record TargetChecked(String workspace, long flowId, String kind, String by, List<String> problems,
                            boolean reachable, String message) {
}
