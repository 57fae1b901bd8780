package dev.sluice.workspace.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import dev.sluice.workspace.UserProfile;
import dev.sluice.workspace.WorkspaceAccess;
import dev.sluice.workspace.WorkspaceService;

/** Home: the workspaces the user can enter, with their role in each, or what to do when there are none. */
@Route("")
@RouteAlias("workspaces")
@PageTitle("Workspaces · Sluice")
@PermitAll
class WorkspacesView extends VerticalLayout {

    WorkspacesView(AuthenticationContext authentication, WorkspaceService workspaces) {
        UserProfile user = workspaces.profile(authentication.getPrincipalName().orElseThrow());
        add(new H2(getTranslation("workspaces.heading")));
        if (user.workspaces().isEmpty()) {
            Paragraph empty = new Paragraph(getTranslation("workspaces.none"));
            empty.setId("no-workspaces");
            add(empty);
            return;
        }
        FlexLayout cards = new FlexLayout();
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.addClassName("workspace-cards");
        user.workspaces().forEach(access -> cards.add(card(access)));
        add(cards);
    }

    /** The whole card opens the workspace: one link, so it is reached by keyboard and read as one by screen readers. */
    private Anchor card(WorkspaceAccess access) {
        H3 name = new H3(access.displayName());
        Span id = new Span(access.workspace());
        id.addClassName("workspace-id");
        Span role = new Span(getTranslation("role." + access.role().name().toLowerCase()));
        role.getElement().getThemeList().add("badge");
        Paragraph description = new Paragraph(access.description() == null ? "" : access.description());
        Anchor card = new Anchor("workspaces/" + access.workspace());
        card.add(name, id, role, description);
        card.addClassName("workspace-card");
        card.setId("workspace-" + access.workspace());
        return card;
    }
}
