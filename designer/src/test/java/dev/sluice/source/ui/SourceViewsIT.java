package dev.sluice.source.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.flow.FlowJson;
import dev.sluice.privacy.Clearance;
import dev.sluice.privacy.SourcePrivacy;
import dev.sluice.source.SourceStewardship;

/** The source catalog's views, browserless, on the embedded default with the demo data. */
class SourceViewsIT extends DemoDesignerTest {

    @Autowired
    SourceStewardship catalog;

    @Autowired
    SourcePrivacy privacy;

    @Test
    @WithMockUser(username = "central")
    void centralStewardTagsAFieldTheSamplesSuggestAndSavesIt() {
        String source = "it.contacts." + System.nanoTime();
        catalog.register("central", source, "contacts for the test", "central-data", List.of("contact.changed"));
        catalog.describe("central", source, null, FlowJson.parse("""
                [{"specversion": "1.0", "id": "s1", "source": "/crm", "type": "contact.changed",
                  "data": {"id": "C1", "mobile": "13812345678"}},
                 {"specversion": "1.0", "id": "s2", "source": "/crm", "type": "contact.changed",
                  "data": {"id": "C2", "mobile": "13987654321"}}]"""));
        SourceView view = navigate("sources/" + source, SourceView.class);
        assertThat(view.tagOf("$.data.mobile")).isEmpty();

        view.acceptSuggestion("$.data.mobile");
        view.saveTags();

        assertThat(privacy.tags(source).fields()).isEqualTo(Map.of("$.data.mobile", "phone"));
    }

    @Test
    @WithMockUser(username = "central")
    void centralStewardSetsTheSourcesKeyAndIsToldBesideTheFieldWhatIsWrongWithOne() {
        String source = "it.keyed." + System.nanoTime();
        catalog.register("central", source, "keyed for the test", "central-data", List.of("contact.changed"));
        navigate("sources/" + source, SourceView.class);
        TextField key = $(TextField.class).id("source-key");
        assertThat(key.getValue()).isEqualTo("$.subject");

        test(key).setValue("$.data[*].id");
        test($(Button.class).id("save-key")).click();
        assertThat(key.isInvalid()).isTrue();
        assertThat(key.getErrorMessage()).contains("one value");
        assertThat(catalog.summary("central", source).key()).isEqualTo("$.subject");

        test(key).setValue("$.data.id");
        test($(Button.class).id("save-key")).click();
        assertThat(key.isInvalid()).isFalse();
        assertThat(catalog.summary("central", source).key()).isEqualTo("$.data.id");
    }

    @Test
    @WithMockUser(username = "finance")
    void subscriberReadsTagsAndSeesSamplesMaskedBeyondItsClearance() {
        navigate("sources/user-center.users", SourceView.class);

        assertThat($(Button.class).all()).noneMatch(button -> button.getId().orElse("").equals("save-tags")
                || button.getId().orElse("").equals("save-key"));
        String samples = String.join("\n", $(Pre.class).all().stream().map(Pre::getText).toList());
        assertThat(samples).contains("[hidden: phone]", "[hidden: national-id]").doesNotContain("19159083016");
        assertThat($(HorizontalLayout.class).all()).anyMatch(row ->
                "finance".equals(row.getElement().getAttribute("data-workspace")));
    }

    @Test
    @WithMockUser(username = "central")
    void centralStewardChangesWhatFinanceMayReceive() {
        navigate("sources/user-center.users", SourceView.class);
        HorizontalLayout finance = $(HorizontalLayout.class).all().stream()
                .filter(row -> "finance".equals(row.getElement().getAttribute("data-workspace"))).findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        Select<Clearance.Level> email = (Select<Clearance.Level>) finance.getChildren()
                .filter(c -> c instanceof Select<?> s && "email".equals(s.getLabel())).findFirst().orElseThrow();
        try {
            email.setValue(Clearance.Level.MASKED);
            test($(Button.class).id("save-clearance-finance")).click();

            assertThat(privacy.clearance("user-center.users", "finance").level("email"))
                    .isEqualTo(Clearance.Level.MASKED);
        } finally {
            privacy.setClearance("central", "user-center.users", "finance",
                    Map.of("bank-account", Clearance.Level.MASKED));
        }
    }

    @Test
    @WithMockUser(username = "finance")
    void theCatalogListsTheSourcesTheWorkspaceMayUse() {
        SourcesView view = navigate("sources", SourcesView.class);

        assertThat(view.listed()).contains("user-center.users").doesNotContain("fin.events");
        assertThat($(Button.class).all()).anyMatch(button -> button.getId().orElse("").equals("register-source"));
    }
}
