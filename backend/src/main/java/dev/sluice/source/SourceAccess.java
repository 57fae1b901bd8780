package dev.sluice.source;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.UserProfile;
import dev.sluice.workspace.WorkspaceAccess;
import dev.sluice.workspace.WorkspaceRole;
import dev.sluice.workspace.WorkspaceService;

/**
 * The one place that decides who may do what with an event source; everything else asks it.
 * <ul>
 *   <li><b>see</b>: platform admins every source; members of a workspace, whatever their role, the sources it owns
 *   or was granted <em>subscribe</em> to; auditors none (they read the audit log).</li>
 *   <li><b>manage</b> (steward: describe, grant, revoke): platform admins, and owners and stewards of the
 *   workspace that owns the source.</li>
 *   <li><b>publish</b> events to it: whoever may manage it.</li>
 *   <li><b>subscribe</b> (a workspace's flows read it): the owning workspace and the workspaces granted.</li>
 *   <li><b>publish from flows</b> (a flow's target writes into it): the owning workspace only.</li>
 *   <li><b>register</b> a source owned by a workspace: platform admins in any workspace, owners and stewards in
 *   theirs.</li>
 * </ul>
 * A source a caller may not see does not exist for them. Thread-safe.
 */
@Service
@Transactional(readOnly = true)
public class SourceAccess {

    private final EventSourceRepository sources;
    private final WorkspaceService workspaces;

    SourceAccess(EventSourceRepository sources, WorkspaceService workspaces) {
        this.sources = sources;
        this.workspaces = workspaces;
    }

    public boolean maySee(String actor, String source) {
        UserProfile profile = workspaces.profile(actor);
        return sources.findByName(source).filter(found -> sees(profile, found)).isPresent();
    }

    /** Whether {@code actor} stewards {@code source}: describes it, grants and revokes <em>subscribe</em>. */
    public boolean mayManage(String actor, String source) {
        return sources.findByName(source).filter(found -> manages(actor, found)).isPresent();
    }

    public boolean mayPublish(String actor, String source) {
        return mayManage(actor, source);
    }

    /** Whether flows of {@code workspace} may read {@code source}. */
    public boolean maySubscribe(String workspace, String source) {
        return sources.findByName(source).filter(found -> subscribes(workspace, found)).isPresent();
    }

    /** Whether flows of {@code workspace} may publish into {@code source}: only the owning workspace's may. */
    public boolean flowsMayPublish(String workspace, String source) {
        return sources.findByName(source).filter(found -> found.getOwner().getName().equals(workspace)).isPresent();
    }

    /** Whether {@code actor} may register a source owned by {@code workspace}. */
    public boolean mayRegisterIn(String actor, String workspace) {
        return isAdmin(actor) || workspaces.roleIn(actor, workspace)
                .filter(role -> role.includes(WorkspaceRole.STEWARD)).isPresent();
    }

    /**
     * Refuses unless {@code actor} may publish to {@code source}: as not found when they cannot see it, forbidden
     * when they see it only.
     */
    public void requirePublish(String actor, String source) {
        managed(actor, source);
    }

    /** Sources {@code actor} may see, by name; refused for auditors. */
    List<EventSource> visibleTo(String actor) {
        UserProfile profile = workspaces.profile(actor);
        if (profile.platformRole() != null && profile.platformRole() != PlatformRole.ADMIN) {
            throw Refusal.forbidden("auditors read the audit log, not the source catalog");
        }
        return sources.findAllByOrderByNameAsc().stream().filter(source -> sees(profile, source)).toList();
    }

    /** The source named so, when {@code actor} may see it; refused as not found otherwise. */
    EventSource visible(String actor, String name) {
        return visibleTo(actor).stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> Refusal.notFound("Source '" + name + "'"));
    }

    /**
     * The source, when {@code actor} manages it; refused otherwise, as not found when they cannot even see it. Looks
     * up the one source and the caller's profile once: ingest asks this on every request.
     */
    EventSource managed(String actor, String name) {
        UserProfile profile = workspaces.profile(actor);
        if (profile.platformRole() != null && profile.platformRole() != PlatformRole.ADMIN) {
            throw Refusal.forbidden("auditors read the audit log, not the source catalog");
        }
        EventSource source = sources.findByName(name).filter(found -> sees(profile, found))
                .orElseThrow(() -> Refusal.notFound("Source '" + name + "'"));
        if (!manages(profile, source)) {
            throw Refusal.forbidden("only owners and stewards of " + source.getOwner().getName()
                    + " change " + name);
        }
        return source;
    }

    /** Refuses unless {@code actor} may register in {@code workspace}, as the workspace service words it. */
    void requireRegister(String actor, String workspace) {
        if (!mayRegisterIn(actor, workspace)) {
            // says why: that the workspace does not exist to non-members, the weaker role to members
            workspaces.require(actor, workspace, WorkspaceRole.STEWARD,
                    "only owners and stewards of the owning workspace register sources");
        }
    }

    /** Sources {@code workspace} may subscribe to, by name. */
    List<EventSource> subscribableBy(String workspace) {
        return sources.findAllByOrderByNameAsc().stream().filter(source -> subscribes(workspace, source)).toList();
    }

    boolean manages(String actor, EventSource source) {
        return manages(workspaces.profile(actor), source);
    }

    private static boolean manages(UserProfile profile, EventSource source) {
        return profile.platformRole() == PlatformRole.ADMIN || profile.platformRole() == null
                && roleIn(profile, source.getOwner().getName())
                .filter(role -> role.includes(WorkspaceRole.STEWARD)).isPresent();
    }

    private static boolean sees(UserProfile profile, EventSource source) {
        if (profile.platformRole() != null) {
            return profile.platformRole() == PlatformRole.ADMIN;
        }
        Set<String> mine = Set.copyOf(profile.workspaces().stream().map(WorkspaceAccess::workspace).toList());
        return mine.contains(source.getOwner().getName())
                || source.getSubscribers().stream().anyMatch(w -> mine.contains(w.getName()));
    }

    private static boolean subscribes(String workspace, EventSource source) {
        return source.getOwner().getName().equals(workspace)
                || source.getSubscribers().stream().anyMatch(w -> w.getName().equals(workspace));
    }

    private static Optional<WorkspaceRole> roleIn(UserProfile profile, String workspace) {
        return profile.workspaces().stream().filter(w -> w.workspace().equals(workspace))
                .map(WorkspaceAccess::role).findFirst();
    }

    private boolean isAdmin(String actor) {
        return workspaces.profile(actor).platformRole() == PlatformRole.ADMIN;
    }
}
