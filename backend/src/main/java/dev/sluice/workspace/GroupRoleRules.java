package dev.sluice.workspace;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules that turn directory groups into roles, and their application at every sign-in of a directory user.
 * Platform admins edit the rules. A directory user's roles are exactly what the rules give their groups now: a
 * role whose rule was removed, or whose group the user left, is gone at the next sign-in. Where several rules
 * give one workspace, the strongest role wins; a platform role (admin over auditor) replaces workspace roles,
 * as platform users hold none. Group names match without regard to case. Thread-safe.
 */
@Service
@Transactional
public class GroupRoleRules {

    private static final Pattern DIRECTORY_USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final int LONGEST_GROUP = 256;

    private final GroupRoleRuleRepository rules;
    private final WorkspaceRepository workspaces;
    private final UserAccountRepository users;
    private final MembershipRepository memberships;
    private final WorkspaceManagement management;
    private final WorkspaceService access;
    private final ApplicationEventPublisher events;

    GroupRoleRules(GroupRoleRuleRepository rules, WorkspaceRepository workspaces, UserAccountRepository users,
                   MembershipRepository memberships, WorkspaceManagement management, WorkspaceService access,
                   ApplicationEventPublisher events) {
        this.rules = rules;
        this.workspaces = workspaces;
        this.users = users;
        this.memberships = memberships;
        this.management = management;
        this.access = access;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<GroupRule> rules(String actor) {
        requireAdmin(actor);
        return rules.findAllByOrderByGroupAscIdAsc().stream().map(GroupRoleRule::view).toList();
    }

    /** Adds a rule giving members of {@code group} a role in {@code workspace}. */
    public GroupRule grantWorkspaceRole(String actor, String group, String workspace, WorkspaceRole role) {
        requireAdmin(actor);
        String name = checkedGroup(group);
        if (role == null) {
            throw Refusal.invalid("a workspace role is one of owner, steward, viewer");
        }
        Workspace target = workspaces.findByName(workspace == null ? "" : workspace)
                .orElseThrow(() -> Refusal.notFound("Workspace '" + workspace + "'"));
        requireNew(name, r -> target.getName().equals(r.workspace()) && r.workspaceRole() == role);
        return added(actor, new GroupRoleRule(name, target, role, null, actor));
    }

    /** Adds a rule making members of {@code group} platform admins or auditors. */
    public GroupRule grantPlatformRole(String actor, String group, PlatformRole role) {
        requireAdmin(actor);
        String name = checkedGroup(group);
        if (role == null) {
            throw Refusal.invalid("a platform role is admin or auditor");
        }
        requireNew(name, r -> r.platformRole() == role);
        return added(actor, new GroupRoleRule(name, null, null, role, actor));
    }

    public void remove(String actor, long id) {
        requireAdmin(actor);
        GroupRoleRule rule = rules.findById(id).orElseThrow(() -> Refusal.notFound("Group rule " + id));
        rules.delete(rule);
        events.publishEvent(new GroupRuleChanged(rule.view(), false, actor));
    }

    /**
     * Records that the directory signed in {@code username}, a member of {@code groups}: creates the account at the
     * first sign-in and sets its roles to what the rules give those groups now.
     *
     * @throws Refusal (invalid) for a name Sluice cannot hold, (conflict) when a local account has the name, or
     *                 (forbidden) when the account is disabled
     */
    public UserProfile signedIn(String username, String displayName, AccountOrigin origin,
                                Collection<String> groups) {
        if (!origin.isDirectory()) {
            throw new IllegalArgumentException("local users sign in with their password");
        }
        if (username == null || !DIRECTORY_USERNAME.matcher(username).matches()) {
            throw Refusal.invalid("a username is 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
        UserAccount user = users.findByUsername(username).orElse(null);
        boolean created = user == null;
        if (created) {
            user = users.save(UserAccount.external(username, displayName == null || displayName.isBlank()
                    ? username : displayName, origin));
        } else if (user.getOrigin() != origin) {
            throw Refusal.conflict("The name " + username + " already signs in " + switch (user.getOrigin()) {
                case LOCAL -> "with a password kept here";
                case LDAP -> "through the LDAP directory";
                case OIDC -> "through the identity provider";
            } + "; an admin must rename one of the two accounts");
        } else if (!user.isEnabled()) {
            throw Refusal.forbidden(username + " is disabled");
        } else if (displayName != null && !displayName.isBlank() && !displayName.equals(user.getDisplayName())) {
            user.setDisplayName(displayName);
        }

        Set<String> memberOf = groups.stream().map(GroupRoleRules::key).collect(Collectors.toSet());
        List<GroupRoleRule> matching = rules.findAll().stream()
                .filter(r -> memberOf.contains(key(r.getGroup()))).toList();
        PlatformRole platformRole = matching.stream().map(GroupRoleRule::getPlatformRole).filter(Objects::nonNull)
                .min(Enum::compareTo).orElse(null);
        Map<String, WorkspaceRole> granted = new TreeMap<>();
        if (platformRole == null) {
            for (GroupRoleRule rule : matching) {
                if (rule.getWorkspaceRole() != null) {
                    granted.merge(rule.getWorkspace().getName(), rule.getWorkspaceRole(),
                            (a, b) -> a.includes(b) ? a : b);
                }
            }
        }

        PlatformRole platformBefore = user.getPlatformRole();
        Map<String, WorkspaceRole> before = new TreeMap<>();
        for (Membership held : memberships.findByUserUsernameOrderByWorkspaceNameAsc(username)) {
            String workspace = held.getWorkspace().getName();
            before.put(workspace, held.getRole());
            WorkspaceRole now = granted.get(workspace);
            if (now == null) {
                memberships.delete(held);
            } else if (now != held.getRole()) {
                held.setRole(now);
            }
        }
        for (Map.Entry<String, WorkspaceRole> grant : granted.entrySet()) {
            if (!before.containsKey(grant.getKey())) {
                memberships.save(new Membership(user, workspaces.findByName(grant.getKey()).orElseThrow(),
                        grant.getValue()));
            }
        }
        user.setPlatformRole(platformRole);
        if (created || platformBefore != platformRole || !before.equals(granted)) {
            events.publishEvent(new DirectoryRolesApplied(username, origin, groups.stream().sorted().toList(),
                    created, platformBefore, platformRole, before, granted));
        }
        return access.profile(username);
    }

    private GroupRule added(String actor, GroupRoleRule rule) {
        GroupRule saved = rules.save(rule).view();
        events.publishEvent(new GroupRuleChanged(saved, true, actor));
        return saved;
    }

    private void requireNew(String group, Predicate<GroupRule> sameGrant) {
        boolean exists = rules.findAll().stream().map(GroupRoleRule::view)
                .anyMatch(r -> key(r.group()).equals(key(group)) && sameGrant.test(r));
        if (exists) {
            throw Refusal.conflict("group " + group + " already has that rule");
        }
    }

    private static String checkedGroup(String group) {
        String name = group == null ? "" : group.strip();
        if (name.isEmpty() || name.length() > LONGEST_GROUP || name.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.invalid("a group is 1 to " + LONGEST_GROUP + " characters, as the directory names it "
                    + "(its cn, or the groups claim of the identity provider)");
        }
        return name;
    }

    private static String key(String group) {
        return group.strip().toLowerCase(Locale.ROOT);
    }

    private void requireAdmin(String actor) {
        if (!management.isAdmin(actor)) {
            throw Refusal.forbidden("only platform admins manage group rules");
        }
    }
}
