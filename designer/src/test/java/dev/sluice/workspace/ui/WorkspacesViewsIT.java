package dev.sluice.workspace.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Anchor;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;

@WithMockUser(username = "finance")
class WorkspacesViewsIT extends DemoDesignerTest {

    @Test
    void aWorkspaceCardIsALinkToTheWorkspace() {
        navigate("", WorkspacesView.class);

        Anchor card = $(Anchor.class).id("workspace-finance");
        assertThat(card.getHref()).isEqualTo("workspaces/finance");
        assertThat(card.getElement().getTextRecursively()).contains("finance", "steward");
    }

    @Test
    void theRoleOnACardIsInTheUsersLanguage() {
        // home is open already, in English: away and back, a fresh view reads the language chosen meanwhile
        com.vaadin.flow.component.UI.getCurrent().navigate("login");
        com.vaadin.flow.component.UI.getCurrent().setLocale(java.util.Locale.SIMPLIFIED_CHINESE);

        navigate("", WorkspacesView.class);

        assertThat($(Anchor.class).id("workspace-finance").getElement().getTextRecursively()).contains("维护者")
                .doesNotContain("steward");
    }
}
