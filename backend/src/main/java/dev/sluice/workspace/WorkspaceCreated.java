package dev.sluice.workspace;

/** Published in the creating transaction. */
public record WorkspaceCreated(String workspace, String by) {
}
