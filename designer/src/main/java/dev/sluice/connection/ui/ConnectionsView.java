package dev.sluice.connection.ui;

import java.util.List;
import java.util.concurrent.Executor;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.Command;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import dev.sluice.connection.ConnectionInfo;
import dev.sluice.connection.WorkspaceConnections;
import dev.sluice.secret.SecretVault;
import dev.sluice.secret.ui.SecretNames;
import dev.sluice.target.ConnectionCheck;
import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.UserProfile;
import dev.sluice.workspace.WorkspaceAccess;
import dev.sluice.workspace.WorkspaceRole;
import dev.sluice.workspace.WorkspaceService;

/**
 * A workspace's connections: every member reads them (flows name them); owners and platform admins add, change and
 * delete them; owners and stewards test them. Controls a role may not use are not shown, and
 * {@link WorkspaceConnections} refuses (and audits) whatever the page shows.
 */
@Route("workspaces/:workspace/connections")
@PermitAll
class ConnectionsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private static final int POLL_MILLIS = 400;

    private final WorkspaceConnections connections;
    private final WorkspaceService workspaces;
    private final SecretVault secrets;
    private final String user;
    private final Grid<ConnectionInfo> grid = new Grid<>();
    private final Paragraph empty = new Paragraph();
    private final ConnectionTestResult testResult = new ConnectionTestResult();
    private Executor testRunner = task -> Thread.ofVirtual().name("connection-test").start(task);
    private String workspace;
    private boolean mayChange;
    private boolean mayTest;
    private int testsStarted;

    ConnectionsView(AuthenticationContext authentication, WorkspaceConnections connections,
                    WorkspaceService workspaces, SecretVault secrets) {
        this.connections = connections;
        this.workspaces = workspaces;
        this.secrets = secrets;
        this.user = authentication.getPrincipalName().orElseThrow();
        setMaxWidth("1400px");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        workspace = event.getRouteParameters().get("workspace").orElse("");
        UserProfile profile = workspaces.profile(user);
        WorkspaceAccess access = profile.workspaces().stream().filter(w -> w.workspace().equals(workspace))
                .findFirst().orElseThrow(NotFoundException::new);
        boolean admin = profile.platformRole() == PlatformRole.ADMIN;
        removeAll();
        H2 title = new H2(getTranslation("connections.heading", access.displayName()));
        title.setId("connections-title");
        add(title);
        List<ConnectionInfo> listed;
        try {
            listed = connections.list(user, workspace);
        } catch (Refusal refused) {
            Paragraph message = new Paragraph(getTranslation("connections.refused", access.displayName()));
            message.setId("connections-refused");
            add(message);
            return;
        }
        mayChange = admin || access.role() == WorkspaceRole.OWNER;
        mayTest = admin || access.role().includes(WorkspaceRole.STEWARD);
        Paragraph intro = new Paragraph(getTranslation("connections.intro"));
        intro.addClassName("form-hint");
        add(intro);
        if (mayChange) {
            Button add = new Button(getTranslation("connections.add"), VaadinIcon.PLUS.create(),
                    click -> openEditor(null));
            add.setId("connection-add");
            add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(add);
        }
        empty.setId("connections-empty");
        empty.addClassName("empty-state");
        empty.setText(getTranslation(mayChange ? "connections.empty.owner" : "connections.empty.member"));
        testResult.setVisible(false);
        ConnectionColumns.addTo(grid, mayTest, mayChange, new ConnectionColumns.Actions(this::test, this::openEditor,
                this::confirmDelete));
        add(testResult, empty, grid);
        show(listed);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("connections.title") + " · Sluice";
    }

    /** Opens the add dialog ({@code existing} null) or the edit dialog of a connection. */
    ConnectionDialog openEditor(ConnectionInfo existing) {
        ConnectionDialog dialog = new ConnectionDialog(existing, SecretNames.read(secrets, user, workspace),
                spec -> existing == null ? connections.create(user, workspace, spec)
                        : connections.replace(user, workspace, existing.spec().name(), spec),
                saved -> {
                    notify(getTranslation(existing == null ? "connections.added" : "connections.saved",
                            saved.spec().name()), NotificationVariant.LUMO_SUCCESS);
                    refresh();
                });
        dialog.open();
        return dialog;
    }

    /** Asks before deleting: flows that name the connection need another one before they are saved again. */
    ConfirmDialog confirmDelete(String name) {
        ConfirmDialog dialog = new ConfirmDialog(getTranslation("connections.delete.title", name),
                getTranslation("connections.delete.text", name), getTranslation("connections.delete.confirm"),
                confirmed -> {
                    try {
                        connections.delete(user, workspace, name);
                        notify(getTranslation("connections.deleted", name), NotificationVariant.LUMO_SUCCESS);
                    } catch (Refusal refused) {
                        notify(refused.getMessage(), NotificationVariant.LUMO_ERROR);
                    }
                    refresh();
                });
        dialog.setConfirmButtonTheme("error primary");
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("common.cancel"));
        dialog.setId("confirm-delete-connection");
        dialog.open();
        return dialog;
    }

    /**
     * Tests a connection off the request thread (it may take seconds), showing progress meanwhile; the page polls
     * for the result, since the app has no server push. Only the latest test's result is shown.
     */
    void test(String name) {
        UI ui = UI.getCurrent();
        int started = ++testsStarted;
        testResult.running(name);
        ui.setPollInterval(POLL_MILLIS);
        testRunner.execute(() -> {
            ConnectionCheck check;
            try {
                check = connections.test(user, workspace, name);
            } catch (RuntimeException refused) {
                check = new ConnectionCheck(false, String.valueOf(refused.getMessage()));
            }
            ConnectionCheck result = check;
            run(ui, () -> {
                if (started == testsStarted) {
                    testResult.finished(name, result);
                    ui.setPollInterval(-1);
                }
            });
        });
    }

    /** Runs tests on {@code runner} instead of a thread of their own (tests run them in place). */
    void runTestsWith(Executor runner) {
        this.testRunner = runner;
    }

    ConnectionTestResult testResult() {
        return testResult;
    }

    private static void run(UI ui, Command change) {
        if (ui.getSession() != null && ui.getSession().hasLock()) {
            change.execute();
        } else {
            ui.access(change);
        }
    }

    private void refresh() {
        try {
            show(connections.list(user, workspace));
        } catch (Refusal refused) {
            notify(refused.getMessage(), NotificationVariant.LUMO_ERROR);
        }
    }

    private void show(List<ConnectionInfo> listed) {
        grid.setItems(listed);
        grid.setVisible(!listed.isEmpty());
        empty.setVisible(listed.isEmpty());
    }

    private static void notify(String message, NotificationVariant variant) {
        Notification notification = Notification.show(message, variant == NotificationVariant.LUMO_ERROR ? 8000 : 4000,
                Notification.Position.BOTTOM_START);
        notification.addThemeVariants(variant);
    }
}
