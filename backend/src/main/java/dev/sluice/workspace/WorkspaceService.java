package dev.sluice.workspace;

import java.util.List;

import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads who a user is and which workspaces they may enter. */
@Service
@Transactional(readOnly = true)
public class WorkspaceService {

    private final UserAccountRepository users;
    private final WorkspaceRepository workspaces;
    private final MembershipRepository memberships;

    WorkspaceService(UserAccountRepository users, WorkspaceRepository workspaces, MembershipRepository memberships) {
        this.users = users;
        this.workspaces = workspaces;
        this.memberships = memberships;
    }

    /**
     * The profile of {@code username}. Platform admins and auditors see every workspace (as viewers, for
     * listing); everyone else sees the workspaces they are a member of.
     */
    public UserProfile profile(String username) {
        UserAccount user = users.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("No user " + username));
        List<WorkspaceAccess> access = user.getPlatformRole() != null
                ? workspaces.findAllByOrderByNameAsc().stream()
                        .map(w -> toAccess(w, WorkspaceRole.VIEWER))
                        .toList()
                : memberships.findByUserUsernameOrderByWorkspaceNameAsc(username).stream()
                        .map(m -> toAccess(m.getWorkspace(), m.getRole()))
                        .toList();
        return new UserProfile(user.getUsername(), user.getDisplayName(), user.getPlatformRole(), access);
    }

    /**
     * The role {@code username} holds in {@code workspace} by membership; empty for non-members and for
     * platform users (admins and auditors are members of nothing, whatever menus list for them).
     */
    public java.util.Optional<WorkspaceRole> roleIn(String username, String workspace) {
        if (users.findByUsername(username).map(UserAccount::getPlatformRole).orElse(null) != null) {
            return java.util.Optional.empty();
        }
        return memberships.findByUserUsernameOrderByWorkspaceNameAsc(username).stream()
                .filter(m -> m.getWorkspace().getName().equals(workspace))
                .map(Membership::getRole)
                .findFirst();
    }

    /**
     * Checks that {@code username} holds at least {@code needed} in {@code workspace}. Non-members (and
     * platform users) are told the workspace does not exist; members with a weaker role are forbidden.
     */
    public WorkspaceRole require(String username, String workspace, WorkspaceRole needed, String doing) {
        WorkspaceRole role = roleIn(username, workspace)
                .orElseThrow(() -> Refusal.notFound("Workspace '" + workspace + "'"));
        if (!role.includes(needed)) {
            throw Refusal.forbidden("your role in " + workspace + " is " + role.name().toLowerCase() + "; "
                    + doing);
        }
        return role;
    }

    private static WorkspaceAccess toAccess(Workspace workspace, WorkspaceRole role) {
        return new WorkspaceAccess(workspace.getName(), workspace.getDisplayName(), workspace.getDescription(), role);
    }
}
