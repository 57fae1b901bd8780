package dev.sluice.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.upload.Upload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.ShownEnglish;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.source.SourceStewardship;
import dev.sluice.workspace.WorkspaceService;

/** The main views, once Simplified Chinese is chosen, show no English sentence or label ({@link ShownEnglish}). */
class ChineseTextsViewsIT extends DemoDesignerTest {

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    SourceStewardship sources;

    @Autowired
    NodeRegistry registry;

    private ShownEnglish english;

    @BeforeEach
    void look() {
        english = new ShownEnglish(workspaces, sources, store,
                registry.all().stream().map(kind -> kind.id()).toList());
    }
    @Test
    @WithMockUser(username = "finance")
    void aStewardsViewsShowNoEnglish() {
        long flow = demoFlow("finance", "finance", "finance-payment-sync");
        assertThat(englishIn("")).as("home").isEmpty();
        assertThat(englishIn("workspaces/finance")).as("workspace").isEmpty();
        assertThat(englishIn("workspaces/finance/flows")).as("flows").isEmpty();
        assertThat($(Upload.class).single().getI18n().getAddFiles().getOne()).as("the upload's own button")
                .isEqualTo("导入数据流文件…");
        assertThat(englishIn("flows/" + flow)).as("flow editor").isEmpty();
        assertThat(englishIn("workspaces/finance/sources")).as("sources").isEmpty();
        assertThat(englishIn("workspaces/finance/connections")).as("connections").isEmpty();
    }

    @Test
    @WithMockUser(username = "admin")
    void anAdminsViewsShowNoEnglish() {
        assertThat(englishIn("admin")).as("administration").isEmpty();
    }

    @Test
    @WithMockUser(username = "auditor")
    void anAuditorsViewShowsNoEnglish() {
        assertThat(englishIn("audit")).as("audit log").isEmpty();
    }

    @Test
    @WithMockUser(username = "finance")
    void theSameLookFindsTheEnglishOfTheEnglishViews() {
        long flow = demoFlow("finance", "finance", "finance-payment-sync");

        assertThat(englishIn("flows/" + flow, Locale.ENGLISH)).hasSizeGreaterThan(10)
                .anySatisfy(text -> assertThat(text).contains("Save"));
    }

    private List<String> englishIn(String location) {
        return englishIn(location, Locale.SIMPLIFIED_CHINESE);
    }

    private List<String> englishIn(String location, Locale locale) {
        UI.getCurrent().navigate("login");
        UI.getCurrent().setLocale(locale);
        UI.getCurrent().navigate(location);
        roundTrip();
        return english.onPage(SecurityContextHolder.getContext().getAuthentication().getName());
    }
}
