package dev.sluice.workspace;

/**
 * Someone's role in a workspace was granted, changed or taken away: {@code before} is null for a new member,
 * {@code after} null for a removed one. Published in the changing transaction.
 */
public record MembershipChanged(String workspace, String username, WorkspaceRole before, WorkspaceRole after,
                                String by) {
}
