package dev.sluice.workspace.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import dev.sluice.flowstore.FlowStore;
import dev.sluice.flowstore.FlowStoreException;
import dev.sluice.source.SourceCatalog;
import dev.sluice.source.SourceSummary;
import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.UserProfile;
import dev.sluice.workspace.WorkspaceAccess;
import dev.sluice.workspace.WorkspaceService;

/**
 * One workspace: the user's role in it, the sources its flows may read, and the way to its flows and connections.
 * Unknown or foreign: not found.
 */
@Route("workspaces/:workspace")
@PageTitle("Workspace · Sluice")
@PermitAll
class WorkspaceView extends VerticalLayout implements BeforeEnterObserver {

    private final AuthenticationContext authentication;
    private final WorkspaceService workspaces;
    private final SourceCatalog sources;
    private final FlowStore store;

    WorkspaceView(AuthenticationContext authentication, WorkspaceService workspaces, SourceCatalog sources,
                  FlowStore store) {
        this.store = store;
        this.authentication = authentication;
        this.workspaces = workspaces;
        this.sources = sources;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String name = event.getRouteParameters().get("workspace").orElse("");
        UserProfile profile = workspaces.profile(authentication.getPrincipalName().orElseThrow());
        WorkspaceAccess access = profile.workspaces()
                .stream()
                .filter(w -> w.workspace().equals(name))
                .findFirst()
                .orElseThrow(NotFoundException::new);
        removeAll();
        H2 title = new H2(access.displayName());
        title.setId("workspace-title");
        Span role = new Span(getTranslation("workspace.role",
                getTranslation("role." + access.role().name().toLowerCase())));
        role.getElement().getThemeList().add("badge");
        add(title, role, new Paragraph(access.description() == null ? "" : access.description()));

        add(new H3(getTranslation("workspace.sources")));
        UnorderedList list = new UnorderedList();
        for (SourceSummary source : sources.subscribableBy(name)) {
            // by route path: a view links to another feature's view without depending on it
            ListItem item = new ListItem(new Anchor("sources/" + source.name(), source.name()));
            item.add(" — " + source.description() + " (" + String.join(", ", source.eventTypes()) + ")");
            list.add(item);
        }
        if (list.getChildren().findAny().isEmpty()) {
            add(new Paragraph(getTranslation("workspace.no-sources")));
        } else {
            add(list);
        }
        add(new H3(getTranslation("workspace.flows")));
        try {
            Anchor flows = new Anchor("workspaces/" + name + "/flows", getTranslation("workspace.open-flows",
                    store.list(authentication.getPrincipalName().orElseThrow(), name).size()));
            flows.setId("open-flows");
            add(flows);
        } catch (FlowStoreException refused) {
            // auditors see every workspace in the menu, yet read the audit log, not flows
            Paragraph message = new Paragraph(getTranslation("workspace.flows-hidden", refused.getMessage()));
            message.setId("flows-hidden");
            add(message);
        }
        if (profile.platformRole() != PlatformRole.AUDITOR) {
            add(new H3(getTranslation("workspace.connections")));
            Anchor connections = new Anchor("workspaces/" + name + "/connections",
                    getTranslation("workspace.open-connections"));
            connections.setId("open-connections");
            add(connections);
        }
    }
}
