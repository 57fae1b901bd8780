package dev.sluice.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.UserAccount;
import dev.sluice.workspace.WorkspaceAccess;
import dev.sluice.workspace.WorkspaceManagement;

/**
 * Platform administration: create workspaces and users, and reach each workspace's members. Only platform admins
 * get the forms; {@link WorkspaceManagement} refuses everyone else whatever the page shows.
 */
@Route("admin")
@PageTitle("Administration · Sluice")
@PermitAll
class AdminView extends VerticalLayout {

    private static final String NO_PLATFORM_ROLE = "none";

    private final WorkspaceManagement management;
    private final String user;
    private final Grid<WorkspaceAccess> workspaces = new Grid<>();
    private final Grid<UserAccount> users = new Grid<>();

    AdminView(AuthenticationContext authentication, WorkspaceManagement management) {
        this.management = management;
        this.user = authentication.getPrincipalName().orElseThrow();
        add(new H2("Administration"));
        if (!management.isAdmin(user)) {
            Paragraph refused = new Paragraph("Administration is for platform admins. Workspace owners manage "
                    + "their members from the workspace's Members page.");
            refused.setId("admin-refused");
            add(refused);
            return;
        }
        add(new H3("Workspaces"), workspaceForm(), workspaces, new H3("Users"), userForm(), users);
        workspaces.setId("admin-workspaces");
        workspaces.addColumn(WorkspaceAccess::workspace).setHeader("Name");
        workspaces.addColumn(WorkspaceAccess::displayName).setHeader("Display name");
        workspaces.addComponentColumn(w -> new Anchor("workspaces/" + w.workspace() + "/members", "Members"))
                .setHeader("");
        workspaces.setAllRowsVisible(true);
        users.setId("admin-users");
        users.addColumn(UserAccount::getUsername).setHeader("Username");
        users.addColumn(UserAccount::getDisplayName).setHeader("Display name");
        users.addColumn(u -> u.getPlatformRole() == null ? "" : u.getPlatformRole().name().toLowerCase())
                .setHeader("Platform role");
        users.setAllRowsVisible(true);
        refresh();
    }

    private HorizontalLayout workspaceForm() {
        TextField name = new TextField("Name");
        name.setId("new-workspace-name");
        name.setHelperText("lower-case, e.g. marketing");
        TextField displayName = new TextField("Display name");
        TextField description = new TextField("Description");
        Button create = new Button("Create workspace", click -> act(() -> {
            management.createWorkspace(user, name.getValue(), displayName.getValue(), description.getValue());
            name.clear();
            displayName.clear();
            description.clear();
        }, "Workspace created"));
        create.setId("create-workspace");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, displayName, description, create);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        return form;
    }

    private HorizontalLayout userForm() {
        TextField username = new TextField("Username");
        username.setId("new-user-name");
        TextField displayName = new TextField("Display name");
        PasswordField password = new PasswordField("Initial password");
        password.setHelperText("at least 8 characters");
        Select<String> role = new Select<>();
        role.setLabel("Platform role");
        role.setItems(NO_PLATFORM_ROLE, "admin", "auditor");
        role.setValue(NO_PLATFORM_ROLE);
        Button create = new Button("Create user", click -> act(() -> {
            management.createUser(user, username.getValue(), displayName.getValue(), password.getValue(),
                    NO_PLATFORM_ROLE.equals(role.getValue()) ? null : PlatformRole.valueOf(role.getValue().toUpperCase()));
            username.clear();
            displayName.clear();
            password.clear();
        }, "User created"));
        create.setId("create-user");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(username, displayName, password, role, create);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        return form;
    }

    private void act(Runnable change, String done) {
        try {
            change.run();
            Notification.show(done).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        } catch (Refusal refused) {
            Notification.show(refused.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void refresh() {
        workspaces.setItems(management.workspaces(user));
        users.setItems(management.users(user));
    }
}
