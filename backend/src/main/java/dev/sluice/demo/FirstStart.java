package dev.sluice.demo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.sluice.flowstore.FlowDeployments;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.flowstore.FlowStore;
import dev.sluice.json.Json;
import dev.sluice.privacy.Clearance;
import dev.sluice.privacy.SchemaTags;
import dev.sluice.privacy.SourcePrivacy;
import dev.sluice.source.SourceCatalog;
import dev.sluice.source.SourceStewardship;
import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.Workspace;
import dev.sluice.workspace.WorkspaceAdministration;
import dev.sluice.workspace.WorkspaceAdministration.NewUser;
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
    private final FlowStore flows;
    private final FlowDeployments deployments;
    private final SourceStewardship stewardship;
    private final SourcePrivacy privacy;
    private final boolean demo;
    private final boolean demoFlows;
    private final String demoPassword;
    private final String adminPassword;

    FirstStart(WorkspaceAdministration administration, SourceCatalog sources, FlowStore flows,
               FlowDeployments deployments, SourceStewardship stewardship, SourcePrivacy privacy, @Value("${sluice.demo.flows:true}") boolean demoFlows,
               @Value("${spring.datasource.url}") String datasourceUrl,
               @Value("${sluice.demo.enabled:auto}") String demoEnabled,
               @Value("${sluice.demo.password:demo}") String demoPassword,
               @Value("${sluice.admin.password:}") String adminPassword) {
        this.administration = administration;
        this.sources = sources;
        this.flows = flows;
        this.deployments = deployments;
        this.stewardship = stewardship;
        this.privacy = privacy;
        this.demoFlows = demoFlows;
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

        administration.createUsersSharingAPassword(demoPassword, List.of(
                new NewUser("admin", "Ada Admin", PlatformRole.ADMIN),
                new NewUser("auditor", "Audrey Auditor", PlatformRole.AUDITOR),
                new NewUser("central", "Chen Central", null),
                new NewUser("finance", "Fang Finance", null),
                new NewUser("service", "Sam Service", null),
                new NewUser("viewer", "Vera Viewer", null)));
        administration.addMember("central", central.getName(), WorkspaceRole.STEWARD);
        administration.addMember("finance", finance.getName(), WorkspaceRole.STEWARD);
        administration.addMember("service", service.getName(), WorkspaceRole.STEWARD);
        administration.addMember("viewer", finance.getName(), WorkspaceRole.VIEWER);
        describeUsers("central");
        if (demoFlows) {
            deploy("finance", "finance-payment-sync");
            deploy("service", "customer-service-contacts");
        }
        log.info("Created the demo workspaces, the source user-center.users, the demo users "
                + "(admin, central, finance, service, viewer, auditor){}", demoFlows
                ? " and deployed the finance and customer-service sample flows" : "");
    }

    /**
     * As a central steward would: the schema of user-center.users with its personal fields tagged, sample events,
     * and what finance and customer-service are cleared to receive (what their sample flows send, masked).
     */
    private void describeUsers(String steward) {
        String source = "user-center.users";
        JsonNode schema = demoJson("user-center.users.schema.json");
        stewardship.describe(steward, source, schema, demoJson("user-center.users.samples.json"));
        privacy.setTags(steward, source, SchemaTags.of(source, schema).fields());
        demoJson("clearances.json").properties().forEach(workspace -> {
            Map<String, Clearance.Level> levels = new TreeMap<>();
            workspace.getValue().properties().forEach(tag -> levels.put(tag.getKey(),
                    Clearance.Level.of(tag.getValue().asText())));
            privacy.setClearance(steward, source, workspace.getKey(), levels);
        });
    }

    private static JsonNode demoJson(String name) {
        try (var in = FirstStart.class.getResourceAsStream("/demo/" + name)) {
            return Json.MAPPER.readTree(in);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("The demo file " + name + " is missing from the jar", e);
        }
    }

    /** Imports and deploys a shipped demo flow as its workspace's steward, so a new user sees one running. */
    private void deploy(String steward, String flow) {
        try (var in = FirstStart.class.getResourceAsStream("/demo/" + flow + ".flow.json")) {
            FlowRef ref = flows.importFlow(steward, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    "demo flow shipped with Sluice");
            deployments.deploy(steward, ref.id(), ref.version());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("The demo flow " + flow + " is missing from the jar", e);
        }
    }
}
