package dev.sluice.workspace;

/** One workspace a user can see, with the role that lets them. */
public record WorkspaceAccess(String workspace, String displayName, String description, WorkspaceRole role) {
}
