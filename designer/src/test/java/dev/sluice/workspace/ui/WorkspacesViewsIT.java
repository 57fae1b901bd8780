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
        assertThat(card.getElement().getTextRecursively()).contains("finance");
    }
}
