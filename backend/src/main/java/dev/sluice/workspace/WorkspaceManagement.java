package dev.sluice.workspace;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Workspaces, users and memberships as people manage them, each call checked against the acting user:
 * platform admins create workspaces and users and manage every membership; owners manage the members of their
 * own workspaces; everyone else is refused (non-members are told the workspace does not exist). Every change
 * is published as an event, which the audit log records. Thread-safe.
 */
@Service
@Transactional
public class WorkspaceManagement {

    private static final Pattern WORKSPACE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final WorkspaceRepository workspaces;
    private final UserAccountRepository users;
    private final MembershipRepository memberships;
    private final WorkspaceService access;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;

    WorkspaceManagement(WorkspaceRepository workspaces, UserAccountRepository users, MembershipRepository memberships,
                        WorkspaceService access, PasswordEncoder passwordEncoder, ApplicationEventPublisher events) {
        this.workspaces = workspaces;
        this.users = users;
        this.memberships = memberships;
        this.access = access;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
    }

    public boolean isAdmin(String actor) {
        return users.findByUsername(actor).map(UserAccount::getPlatformRole).orElse(null) == PlatformRole.ADMIN;
    }

    /** Every workspace for admins; the caller's own otherwise. */
    @Transactional(readOnly = true)
    public List<WorkspaceAccess> workspaces(String actor) {
        return access.profile(actor).workspaces();
    }

    public Workspace createWorkspace(String actor, String name, String displayName, String description) {
        requireAdmin(actor, "only platform admins create workspaces");
        if (name == null || !WORKSPACE.matcher(name).matches()) {
            throw Refusal.invalid("a workspace name is 1 to 64 lower-case letters, digits and '-'");
        }
        if (workspaces.findByName(name).isPresent()) {
            throw Refusal.conflict("a workspace named '" + name + "' exists");
        }
        Workspace created = workspaces.save(new Workspace(name, blankToName(displayName, name), description));
        events.publishEvent(new WorkspaceCreated(name, actor));
        return created;
    }

    @Transactional(readOnly = true)
    public List<UserSummary> users(String actor) {
        requireAdmin(actor, "only platform admins list users");
        return users.findAllByOrderByUsernameAsc().stream().map(UserSummary::of).toList();
    }

    public UserSummary createUser(String actor, String username, String displayName, String password,
                                  PlatformRole platformRole) {
        requireAdmin(actor, "only platform admins create users");
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw Refusal.invalid("a username is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (password == null || password.length() < 8) {
            throw Refusal.invalid("a password has at least 8 characters");
        }
        if (users.findByUsername(username).isPresent()) {
            throw Refusal.conflict("a user named '" + username + "' exists");
        }
        UserAccount created = users.save(new UserAccount(username, blankToName(displayName, username),
                passwordEncoder.encode(password), platformRole));
        events.publishEvent(new UserCreated(username, platformRole, actor));
        return UserSummary.of(created);
    }

    /** The members of {@code workspace}; for its owners and platform admins. */
    @Transactional(readOnly = true)
    public List<Member> members(String actor, String workspace) {
        requireManager(actor, workspace);
        return memberships.findByWorkspaceNameOrderByUserUsernameAsc(workspace).stream()
                .map(m -> new Member(m.getUser().getUsername(), m.getUser().getDisplayName(), m.getRole()))
                .toList();
    }

    /** Makes {@code username} a member with {@code role}, or changes their role. */
    public void setMember(String actor, String workspace, String username, WorkspaceRole role) {
        requireManager(actor, workspace);
        if (role == null) {
            throw Refusal.invalid("a role is one of owner, steward, viewer");
        }
        UserAccount user = users.findByUsername(username)
                .orElseThrow(() -> Refusal.notFound("User '" + username + "'"));
        requireLocal(user);
        if (user.getPlatformRole() != null) {
            throw Refusal.invalid(username + " is a platform " + user.getPlatformRole().name().toLowerCase()
                    + " and holds no workspace roles");
        }
        var existing = memberships.findByUserUsernameAndWorkspaceName(username, workspace);
        WorkspaceRole before = existing.map(Membership::getRole).orElse(null);
        if (existing.isPresent()) {
            requireAnotherOwner(actor, workspace, username, before, role);
            existing.get().setRole(role);
        } else {
            try {
                memberships.saveAndFlush(new Membership(user, workspaces.findByName(workspace).orElseThrow(), role));
            } catch (DataIntegrityViolationException raced) {
                throw Refusal.conflict(username + " became a member of " + workspace + " meanwhile; try again");
            }
        }
        events.publishEvent(new MembershipChanged(workspace, username, before, role, actor));
    }

    public void removeMember(String actor, String workspace, String username) {
        requireManager(actor, workspace);
        Membership membership = memberships.findByUserUsernameAndWorkspaceName(username, workspace)
                .orElseThrow(() -> Refusal.notFound("Member '" + username + "' of " + workspace));
        requireLocal(membership.getUser());
        requireAnotherOwner(actor, workspace, username, membership.getRole(), null);
        memberships.delete(membership);
        events.publishEvent(new MembershipChanged(workspace, username, membership.getRole(), null, actor));
    }

    /** An owner may not leave their workspace without an owner; an admin may. */
    private void requireAnotherOwner(String actor, String workspace, String username, WorkspaceRole before,
                                     WorkspaceRole after) {
        if (before != WorkspaceRole.OWNER || after == WorkspaceRole.OWNER || isAdmin(actor)) {
            return;
        }
        long owners = memberships.findByWorkspaceNameOrderByUserUsernameAsc(workspace).stream()
                .filter(m -> m.getRole() == WorkspaceRole.OWNER).count();
        if (owners <= 1) {
            throw Refusal.conflict(username + " is the last owner of " + workspace + "; make someone else owner first");
        }
    }

    private static void requireLocal(UserAccount user) {
        if (user.getOrigin().isDirectory()) {
            throw Refusal.conflict(user.getUsername() + " signs in through " + user.getOrigin().name()
                    + "; their roles come from group rules, applied at each sign-in");
        }
    }

    private void requireManager(String actor, String workspace) {
        if (isAdmin(actor)) {
            if (workspaces.findByName(workspace).isEmpty()) {
                throw Refusal.notFound("Workspace '" + workspace + "'");
            }
            return;
        }
        access.require(actor, workspace, WorkspaceRole.OWNER, "only owners and platform admins manage members");
    }

    private void requireAdmin(String actor, String message) {
        if (!isAdmin(actor)) {
            throw Refusal.forbidden(message);
        }
    }

    private static String blankToName(String displayName, String name) {
        return displayName == null || displayName.isBlank() ? name : displayName;
    }
}
