package dev.sluice.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiPredicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.TestApplication;
import dev.sluice.TestBackends;
import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.WorkspaceAdministration;
import dev.sluice.workspace.WorkspaceRole;

/**
 * Each decision {@link SourceAccess} owns, pinned per role: {@code home} owns {@code home.events} and shares it
 * with {@code partner}; {@code other} owns {@code other.events}. Users: a platform admin, an auditor, the owner,
 * a steward and a viewer of {@code home}, a steward of {@code other} and a steward of {@code partner}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(classes = TestApplication.class, properties = "sluice.demo.enabled=false")
class SourceAccessIT {

    private static final String HOME = "home.events";
    private static final String OTHER = "other.events";

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws java.io.IOException {
        // not @TempDir: with one instance per class the context starts before static fields are injected
        Path dataDir = Files.createTempDirectory("sluice-source-access-");
        dataDir.toFile().deleteOnExit();
        TestBackends.embedded(registry, dataDir);
    }

    @Autowired
    SourceAccess access;

    @Autowired
    SourceStewardship stewardship;

    @Autowired
    WorkspaceAdministration administration;

    @BeforeAll
    void fixtures() {
        for (String workspace : List.of("home", "other", "partner")) {
            administration.createWorkspace(workspace, workspace, null);
        }
        user("platform-admin", PlatformRole.ADMIN);
        user("auditor", PlatformRole.AUDITOR);
        member("home-owner", "home", WorkspaceRole.OWNER);
        member("home-steward", "home", WorkspaceRole.STEWARD);
        member("home-viewer", "home", WorkspaceRole.VIEWER);
        member("other-steward", "other", WorkspaceRole.STEWARD);
        member("partner-steward", "partner", WorkspaceRole.STEWARD);
        stewardship.register("platform-admin", HOME, "home's events", "home", List.of("thing.happened"));
        stewardship.register("platform-admin", OTHER, "other's events", "other", List.of("thing.happened"));
        stewardship.grant("home-steward", HOME, "partner");
    }

    @Test
    void platformAdminsSeeManageAndPublishToEverySource() {
        for (String source : List.of(HOME, OTHER)) {
            assertThat(access.maySee("platform-admin", source)).isTrue();
            assertThat(access.mayManage("platform-admin", source)).isTrue();
            assertThat(access.mayPublish("platform-admin", source)).isTrue();
        }
        assertThat(names(stewardship.visible("platform-admin"))).containsExactly(HOME, OTHER);
    }

    @Test
    void ownersAndStewardsSeeManageAndPublishToTheirWorkspacesSourcesOnly() {
        for (String user : List.of("home-owner", "home-steward")) {
            assertThat(access.maySee(user, HOME)).as(user).isTrue();
            assertThat(access.mayManage(user, HOME)).as(user).isTrue();
            assertThat(access.mayPublish(user, HOME)).as(user).isTrue();
            assertThat(access.maySee(user, OTHER)).as(user).isFalse();
            assertThat(access.mayManage(user, OTHER)).as(user).isFalse();
            assertThat(access.mayPublish(user, OTHER)).as(user).isFalse();
        }
    }

    @Test
    void viewersSeeTheirWorkspacesSourcesButNeitherManageNorPublishToThem() {
        assertThat(access.maySee("home-viewer", HOME)).isTrue();
        assertThat(access.mayManage("home-viewer", HOME)).isFalse();
        assertThat(access.mayPublish("home-viewer", HOME)).isFalse();
        assertThat(names(stewardship.visible("home-viewer"))).containsExactly(HOME);
    }

    @Test
    void membersOfAnotherWorkspaceNeitherSeeNorManageNorPublishToItsSources() {
        assertThat(access.maySee("other-steward", HOME)).isFalse();
        assertThat(access.mayManage("other-steward", HOME)).isFalse();
        assertThat(access.mayPublish("other-steward", HOME)).isFalse();
        assertThat(names(stewardship.visible("other-steward"))).containsExactly(OTHER);
    }

    @Test
    void auditorsSeeNoSourceAndAreRefusedTheCatalog() {
        for (String source : List.of(HOME, OTHER)) {
            assertThat(access.maySee("auditor", source)).isFalse();
            assertThat(access.mayManage("auditor", source)).isFalse();
            assertThat(access.mayPublish("auditor", source)).isFalse();
        }
        assertThatThrownBy(() -> stewardship.visible("auditor"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason()).isEqualTo(Refusal.Reason.FORBIDDEN));
    }

    @Test
    void aSharedSourceIsSeenByTheGrantedWorkspaceWhoseStewardsNeitherManageNorPublishToIt() {
        assertThat(access.maySee("partner-steward", HOME)).isTrue();
        assertThat(access.mayManage("partner-steward", HOME)).isFalse();
        assertThat(access.mayPublish("partner-steward", HOME)).isFalse();
        assertThat(names(stewardship.visible("partner-steward"))).containsExactly(HOME);
    }

    @Test
    void aWorkspaceSubscribesToTheSourcesItOwnsOrWasGranted() {
        assertThat(access.maySubscribe("home", HOME)).isTrue();
        assertThat(access.maySubscribe("partner", HOME)).isTrue();
        assertThat(access.maySubscribe("other", HOME)).isFalse();
        assertThat(access.maySubscribe("other", OTHER)).isTrue();
        assertThat(access.maySubscribe("partner", OTHER)).isFalse();
        assertThat(access.maySubscribe("home", "no.such.source")).isFalse();
    }

    @Test
    void onlyTheOwningWorkspacesFlowsPublishIntoASourceNotThoseOfAWorkspaceItIsSharedWith() {
        assertThat(access.flowsMayPublish("home", HOME)).isTrue();
        assertThat(access.flowsMayPublish("partner", HOME)).isFalse();
        assertThat(access.flowsMayPublish("other", HOME)).isFalse();
        assertThat(access.flowsMayPublish("home", "no.such.source")).isFalse();
    }

    @Test
    void platformAdminsOwnersAndStewardsRegisterSourcesViewersOutsidersAndAuditorsDoNot() {
        assertThat(allowed(access::mayRegisterIn, "home")).containsExactly("platform-admin", "home-owner",
                "home-steward");
    }

    @Test
    void publishingIsRefusedAsNotFoundToThoseWhoCannotSeeTheSourceAndAsForbiddenToThoseWhoOnlySeeIt() {
        access.requirePublish("home-steward", HOME);
        assertThat(refusal(() -> access.requirePublish("other-steward", HOME))).isEqualTo(Refusal.Reason.NOT_FOUND);
        assertThat(refusal(() -> access.requirePublish("home-viewer", HOME))).isEqualTo(Refusal.Reason.FORBIDDEN);
        assertThat(refusal(() -> access.requirePublish("partner-steward", HOME)))
                .isEqualTo(Refusal.Reason.FORBIDDEN);
        assertThat(refusal(() -> access.requirePublish("auditor", HOME))).isEqualTo(Refusal.Reason.FORBIDDEN);
    }

    private static final List<String> USERS = List.of("platform-admin", "auditor", "home-owner", "home-steward",
            "home-viewer", "other-steward", "partner-steward");

    private static List<String> allowed(BiPredicate<String, String> decision, String object) {
        return USERS.stream().filter(user -> decision.test(user, object)).toList();
    }

    private static Refusal.Reason refusal(Runnable call) {
        try {
            call.run();
        } catch (Refusal refused) {
            return refused.reason();
        }
        throw new AssertionError("not refused");
    }

    private static List<String> names(List<EventSource> sources) {
        return sources.stream().map(EventSource::getName).toList();
    }

    private void user(String name, PlatformRole role) {
        administration.createUser(name, name, "source-access-it", role);
    }

    private void member(String name, String workspace, WorkspaceRole role) {
        user(name, null);
        administration.addMember(name, workspace, role);
    }
}
