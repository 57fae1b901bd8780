package dev.sluice.workspace;

/** A user's role inside one workspace, strongest first. */
public enum WorkspaceRole {
    /** Manages members, targets and secrets, and does everything a steward does. */
    OWNER,
    /** Builds, tests, deploys flows; replays dead letters. */
    STEWARD,
    /** Reads flows and their health. */
    VIEWER;

    public boolean includes(WorkspaceRole other) {
        return ordinal() <= other.ordinal();
    }
}
