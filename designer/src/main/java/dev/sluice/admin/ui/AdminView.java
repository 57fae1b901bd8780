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
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import dev.sluice.connection.HostAllowlist;
import dev.sluice.workspace.GroupRoleRules;
import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.UserSummary;
import dev.sluice.workspace.WorkspaceAccess;
import dev.sluice.workspace.WorkspaceManagement;

/**
 * Platform administration: create workspaces and users, reach each workspace's members and connections, keep the
 * rules that give directory groups their roles and the hosts connections may reach. Only platform admins
 * get the forms; {@link WorkspaceManagement} refuses everyone else whatever the page shows.
 */
@Route("admin")
@PermitAll
class AdminView extends VerticalLayout implements HasDynamicTitle {

    private static final String NO_PLATFORM_ROLE = "none";

    private final WorkspaceManagement management;
    private final String user;
    private final Grid<WorkspaceAccess> workspaces = new Grid<>();
    private final Grid<UserSummary> users = new Grid<>();

    AdminView(AuthenticationContext authentication, WorkspaceManagement management, HostAllowlist allowlist,
              GroupRoleRules groupRules) {
        this.management = management;
        this.user = authentication.getPrincipalName().orElseThrow();
        H2 title = new H2(getTranslation("admin.title"));
        title.setId("admin-title");
        add(title);
        if (!management.isAdmin(user)) {
            Paragraph refused = new Paragraph(getTranslation("admin.refused"));
            refused.setId("admin-refused");
            add(refused);
            return;
        }
        add(new H3(getTranslation("admin.workspaces")), workspaceForm(), workspaces, new H3(getTranslation("admin.users")),
                userForm(), users, new H3(getTranslation("group-rules.title")),
                new GroupRulesEditor(groupRules, user, management.workspaces(user)),
                new H3(getTranslation("allowlist.title")), new AllowlistEditor(allowlist, user));
        workspaces.setId("admin-workspaces");
        workspaces.addColumn(WorkspaceAccess::workspace).setHeader(getTranslation("admin.workspace.name"));
        workspaces.addColumn(WorkspaceAccess::displayName)
                .setHeader(getTranslation("admin.display-name"));
        workspaces.addComponentColumn(w -> new Anchor("workspaces/" + w.workspace() + "/members",
                        getTranslation("admin.members")))
                .setHeader("");
        workspaces.addComponentColumn(w -> new Anchor("workspaces/" + w.workspace() + "/connections",
                        getTranslation("admin.connections")))
                .setHeader("");
        workspaces.setAllRowsVisible(true);
        users.setId("admin-users");
        users.addColumn(UserSummary::username).setHeader(getTranslation("admin.username"));
        users.addColumn(UserSummary::displayName).setHeader(getTranslation("admin.display-name"));
        users.addColumn(u -> u.platformRole() == null ? ""
                : getTranslation("nav.role." + u.platformRole().name().toLowerCase()))
                .setHeader(getTranslation("admin.platform-role"));
        users.addColumn(u -> getTranslation("admin.origin." + u.origin().name().toLowerCase()))
                .setHeader(getTranslation("admin.origin"));
        users.setAllRowsVisible(true);
        refresh();
    }

    private HorizontalLayout workspaceForm() {
        TextField name = new TextField(getTranslation("admin.workspace.name"));
        name.setId("new-workspace-name");
        name.setHelperText(getTranslation("admin.workspace.name.help"));
        TextField displayName = new TextField(getTranslation("admin.display-name"));
        TextField description = new TextField(getTranslation("admin.workspace.description"));
        Button create = new Button(getTranslation("admin.workspace.create"), click -> act(() -> {
            management.createWorkspace(user, name.getValue(), displayName.getValue(), description.getValue());
            name.clear();
            displayName.clear();
            description.clear();
        }, getTranslation("admin.workspace.created")));
        create.setId("create-workspace");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, displayName, description, create);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        return form;
    }

    private HorizontalLayout userForm() {
        TextField username = new TextField(getTranslation("admin.username"));
        username.setId("new-user-name");
        TextField displayName = new TextField(getTranslation("admin.display-name"));
        PasswordField password = new PasswordField(getTranslation("admin.user.password"));
        password.setHelperText(getTranslation("admin.user.password.help"));
        Select<String> role = new Select<>();
        role.setLabel(getTranslation("admin.platform-role"));
        role.setItems(NO_PLATFORM_ROLE, "admin", "auditor");
        role.setItemLabelGenerator(value -> getTranslation("admin.platform-role." + value));
        role.setValue(NO_PLATFORM_ROLE);
        Button create = new Button(getTranslation("admin.user.create"), click -> act(() -> {
            management.createUser(user, username.getValue(), displayName.getValue(), password.getValue(),
                    NO_PLATFORM_ROLE.equals(role.getValue()) ? null : PlatformRole.valueOf(role.getValue().toUpperCase()));
            username.clear();
            displayName.clear();
            password.clear();
        }, getTranslation("admin.user.created")));
        create.setId("create-user");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(username, displayName, password, role, create);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        return form;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.title") + " · Sluice";
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
