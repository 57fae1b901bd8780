package dev.sluice.flowstore;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.sluice.pipeline.ValidationContext;
import dev.sluice.source.SourceAccess;
import dev.sluice.source.SourceCatalog;
import dev.sluice.target.WorkspaceReach;
import dev.sluice.workspace.UserProfile;
import dev.sluice.workspace.WorkspaceAccess;
import dev.sluice.workspace.WorkspaceRole;
import dev.sluice.workspace.WorkspaceService;

/** Who is acting, and what validation may know about sources from a workspace's point of view. */
@Component
class FlowAccess {

    private final WorkspaceService workspaces;
    private final SourceCatalog sources;
    private final SourceAccess sourceAccess;
    private final WorkspaceReach reach;

    FlowAccess(WorkspaceService workspaces, SourceCatalog sources, SourceAccess sourceAccess, WorkspaceReach reach) {
        this.workspaces = workspaces;
        this.sources = sources;
        this.sourceAccess = sourceAccess;
        this.reach = reach;
    }

    Caller caller(String username) {
        UserProfile profile = workspaces.profile(username);
        Map<String, WorkspaceRole> roles = new LinkedHashMap<>();
        if (profile.platformRole() == null) {
            // platform users' profiles list every workspace as viewer for menus; that is no membership
            for (WorkspaceAccess access : profile.workspaces()) {
                roles.put(access.workspace(), access.role());
            }
        }
        return new Caller(profile.username(), profile.platformRole(), Map.copyOf(roles));
    }

    /**
     * Sources and connections as {@code workspace} sees them: a source exists when any source has the name; it is
     * subscribable as {@link SourceAccess#maySubscribe} decides. With no workspace (the document does not say
     * one) subscribability is not judged: the missing workspace is reported instead.
     */
    ValidationContext context(String workspace) {
        return new ValidationContext(workspace, name -> sources.summary(name)
                .map(source -> new ValidationContext.SourceInfo(source.name(), source.eventTypes(),
                        workspace == null || sourceAccess.maySubscribe(workspace, source.name()),
                        workspace != null && sourceAccess.flowsMayPublish(workspace, source.name()))),
                name -> workspace == null ? java.util.Optional.of(ValidationContext.ANY_KIND)
                        : reach.connection(workspace, name).map(endpoint -> endpoint.kind().id()));
    }

}
