package dev.sluice.workspace;

/** A member of a workspace as administrators see them. */
public record Member(String username, String displayName, WorkspaceRole role) {
}
