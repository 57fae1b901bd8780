package dev.sluice.workspace;

/** A role that spans workspaces. */
public enum PlatformRole {
    /** Workspaces, users, sources, engine status. */
    ADMIN,
    /** Reads and verifies the audit log across workspaces; never payloads. */
    AUDITOR
}
