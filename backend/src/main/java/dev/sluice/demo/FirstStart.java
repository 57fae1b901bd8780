package dev.sluice.demo;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.sluice.source.SourceCatalog;
import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.Workspace;
import dev.sluice.workspace.WorkspaceAdministration;
import dev.sluice.workspace.WorkspaceRole;

/**
 * Seeds an empty database before the web server accepts requests: on the embedded default the demo
 * workspaces, source and users; elsewhere only an {@code admin} when {@code SLUICE_ADMIN_PASSWORD} is set.
 */
@Component
class FirstStart implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final WorkspaceAdministration administration;
    private final SourceCatalog sources;
    private final boolean demo;
    private final String demoPassword;
    private final String adminPassword;

    FirstStart(WorkspaceAdministration administration, SourceCatalog sources,
               @Value("${spring.datasource.url}") String datasourceUrl,
               @Value("${sluice.demo.enabled:auto}") String demoEnabled,
               @Value("${sluice.demo.password:demo}") String demoPassword,
               @Value("${sluice.admin.password:}") String adminPassword) {
        this.administration = administration;
        this.sources = sources;
        this.demo = "auto".equals(demoEnabled) ? datasourceUrl.startsWith("jdbc:h2:") : Boolean.parseBoolean(demoEnabled);
        this.demoPassword = demoPassword;
        this.adminPassword = adminPassword;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (administration.hasUsers()) {
            return;
        }
        if (demo) {
            seedDemo();
        } else if (!adminPassword.isBlank()) {
            administration.createUser("admin", "Platform admin", adminPassword, PlatformRole.ADMIN);
            log.info("Created the user 'admin' with the password from SLUICE_ADMIN_PASSWORD");
        } else {
            log.warn("No users exist. Set SLUICE_ADMIN_PASSWORD and restart to create the user 'admin'.");
        }
    }

    private void seedDemo() {
        Workspace central = administration.createWorkspace("central-data", "Central data",
                "The user center team: publishes user data changes to event sources");
        Workspace finance = administration.createWorkspace("finance", "Finance",
                "Payment details for the finance ledger");
        Workspace service = administration.createWorkspace("customer-service", "Customer service",
                "Contact details for the customer service desk");

        sources.register("user-center.users", "Changes to user accounts in the user center", central,
                List.of("user.created", "user.contact.updated", "user.payment.updated", "user.profile.updated",
                        "user.deleted"));
        sources.grantSubscribe("user-center.users", finance);
        sources.grantSubscribe("user-center.users", service);

        administration.createUser("admin", "Ada Admin", demoPassword, PlatformRole.ADMIN);
        administration.createUser("auditor", "Audrey Auditor", demoPassword, PlatformRole.AUDITOR);
        user("central", "Chen Central", central.getName(), WorkspaceRole.STEWARD);
        user("finance", "Fang Finance", finance.getName(), WorkspaceRole.STEWARD);
        user("service", "Sam Service", service.getName(), WorkspaceRole.STEWARD);
        user("viewer", "Vera Viewer", finance.getName(), WorkspaceRole.VIEWER);
        log.info("Created the demo workspaces, the source user-center.users and the demo users "
                + "(admin, central, finance, service, viewer, auditor)");
    }

    private void user(String username, String displayName, String workspace, WorkspaceRole role) {
        administration.createUser(username, displayName, demoPassword, null);
        administration.addMember(username, workspace, role);
    }
}
