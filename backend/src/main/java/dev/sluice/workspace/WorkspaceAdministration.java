package dev.sluice.workspace;

import java.util.List;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates workspaces, users and memberships. Callers check that the acting user may do so. */
@Service
@Transactional
public class WorkspaceAdministration {

    private final WorkspaceRepository workspaces;
    private final UserAccountRepository users;
    private final MembershipRepository memberships;
    private final PasswordEncoder passwordEncoder;

    WorkspaceAdministration(WorkspaceRepository workspaces, UserAccountRepository users,
                            MembershipRepository memberships, PasswordEncoder passwordEncoder) {
        this.workspaces = workspaces;
        this.users = users;
        this.memberships = memberships;
        this.passwordEncoder = passwordEncoder;
    }

    public Workspace createWorkspace(String name, String displayName, String description) {
        return workspaces.save(new Workspace(name, displayName, description));
    }

    public UserAccount createUser(String username, String displayName, String rawPassword, PlatformRole platformRole) {
        return users.save(new UserAccount(username, displayName, passwordEncoder.encode(rawPassword), platformRole));
    }

    /**
     * Users who share one password by design, the demo's: it is hashed once for all of them, since a hash takes
     * BCrypt's deliberate tenth of a second of CPU and six of them held up the first start.
     */
    public void createUsersSharingAPassword(String rawPassword, List<NewUser> newUsers) {
        String hash = passwordEncoder.encode(rawPassword);
        for (NewUser user : newUsers) {
            users.save(new UserAccount(user.username(), user.displayName(), hash, user.platformRole()));
        }
    }

    /** @param platformRole null for a user with workspace roles only */
    public record NewUser(String username, String displayName, PlatformRole platformRole) {
    }

    public void addMember(String username, String workspace, WorkspaceRole role) {
        UserAccount user = users.findByUsername(username)
                .orElseThrow(() -> new IllegalArgumentException("No user " + username));
        Workspace target = workspaces.findByName(workspace)
                .orElseThrow(() -> new IllegalArgumentException("No workspace " + workspace));
        memberships.save(new Membership(user, target, role));
    }

    @Transactional(readOnly = true)
    public Workspace workspace(String name) {
        return workspaces.findByName(name).orElseThrow(() -> new IllegalArgumentException("No workspace " + name));
    }

    @Transactional(readOnly = true)
    public boolean hasUsers() {
        return users.count() > 0;
    }
}
