package dev.sluice.workspace.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import dev.sluice.workspace.Member;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.WorkspaceManagement;
import dev.sluice.workspace.WorkspaceRole;

/** The members of one workspace, for its owners and platform admins: add, change role, remove. */
@Route("workspaces/:workspace/members")
@PermitAll
class MembersView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final WorkspaceManagement management;
    private final String user;
    private final Grid<Member> grid = new Grid<>();
    private String workspace;

    MembersView(AuthenticationContext authentication, WorkspaceManagement management) {
        this.management = management;
        this.user = authentication.getPrincipalName().orElseThrow();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        workspace = event.getRouteParameters().get("workspace").orElseThrow();
        removeAll();
        H2 title = new H2(getTranslation("members.heading", workspace));
        title.setId("members-title");
        add(title);
        try {
            grid.setItems(management.members(user, workspace));
        } catch (Refusal refused) {
            Paragraph message = new Paragraph(refused.getMessage());
            message.setId("members-refused");
            add(message);
            return;
        }
        TextField username = new TextField(getTranslation("members.username"));
        username.setId("member-username");
        Select<WorkspaceRole> role = roleSelect(WorkspaceRole.VIEWER);
        role.setLabel(getTranslation("members.role"));
        Button add = new Button(getTranslation("members.add"), VaadinIcon.PLUS.create(),
                click -> act(() -> management.setMember(user, workspace, username.getValue(), role.getValue())));
        add.setId("member-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(username, role, add);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);

        grid.removeAllColumns();
        grid.setId("members-grid");
        grid.addColumn(Member::username).setHeader(getTranslation("members.username"));
        grid.addColumn(Member::displayName).setHeader(getTranslation("members.name"));
        grid.addComponentColumn(member -> {
            Select<WorkspaceRole> change = roleSelect(member.role());
            change.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    act(() -> management.setMember(user, workspace, member.username(), e.getValue()));
                }
            });
            return change;
        }).setHeader(getTranslation("members.role"));
        grid.addComponentColumn(member -> {
            Button remove = new Button(VaadinIcon.TRASH.create(),
                    click -> act(() -> management.removeMember(user, workspace, member.username())));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel(getTranslation("members.remove", member.username()));
            return remove;
        });
        grid.setAllRowsVisible(true);
        add(form, grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("members.title") + " · Sluice";
    }

    private Select<WorkspaceRole> roleSelect(WorkspaceRole value) {
        Select<WorkspaceRole> select = new Select<>();
        select.setItems(WorkspaceRole.values());
        select.setItemLabelGenerator(r -> getTranslation("role." + r.name().toLowerCase()));
        select.setValue(value);
        return select;
    }

    private void act(Runnable change) {
        try {
            change.run();
            Notification.show(getTranslation("members.updated")).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (Refusal refused) {
            Notification.show(refused.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        grid.setItems(management.members(user, workspace));
    }
}
