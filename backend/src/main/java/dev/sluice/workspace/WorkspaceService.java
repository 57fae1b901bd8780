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

    private static WorkspaceAccess toAccess(Workspace workspace, WorkspaceRole role) {
        return new WorkspaceAccess(workspace.getName(), workspace.getDisplayName(), workspace.getDescription(), role);
    }
}
