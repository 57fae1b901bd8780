package dev.sluice.flowstore;

import java.util.List;

/** A platform admin let a version of a flow deploy with these leaks (each as the guard reports it). */
public record LeakExemptionGranted(long flowId, String workspace, String flow, int version, List<String> leaks,
                                   String reason, String by) {
}
