package dev.sluice.flowstore;

import java.util.Map;
import java.util.Set;

import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.WorkspaceRole;

/**
 * The acting user as flow rules see them: workspace roles from memberships only. Platform admins and
 * auditors are members of nothing here, so they read no flow content (auditors never see payloads, and a
 * flow's tests hold payloads).
 */
record Caller(String username, PlatformRole platformRole, Map<String, WorkspaceRole> roles) {

    boolean isPlatformUser() {
        return platformRole != null;
    }

    Set<String> workspaces() {
        return roles.keySet();
    }

    /** Flow content is for workspace members; refused to platform users whether or not the flow exists. */
    void requireMember() {
        if (isPlatformUser()) {
            throw FlowStoreException.forbidden("$", "platform admins and auditors do not read or change flows; "
                    + "members of the flow's workspace do");
        }
    }

    /** Reading a flow of {@code workspace}: any member; everyone else is told it does not exist. */
    void requireRead(String workspace, String what, String path) {
        requireMember();
        if (!roles.containsKey(workspace)) {
            throw FlowStoreException.notFound(path, what);
        }
    }

    /** Whether {@link #requireWrite} would let this caller change a flow of {@code workspace}. */
    boolean mayWrite(String workspace) {
        return !isPlatformUser() && roles.containsKey(workspace)
                && roles.get(workspace).includes(WorkspaceRole.STEWARD);
    }

    /** Changing a flow of {@code workspace}: owners and stewards. */
    void requireWrite(String workspace, String what, String path) {
        requireRead(workspace, what, path);
        if (!mayWrite(workspace)) {
            throw FlowStoreException.forbidden(path, "your role in " + workspace + " is "
                    + roles.get(workspace).name().toLowerCase() + "; only owners and stewards change flows");
        }
    }
}
