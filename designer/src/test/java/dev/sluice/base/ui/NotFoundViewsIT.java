package dev.sluice.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;

/** A page that is not there, or not the user's to see, answers inside the app shell with a way back. */
@WithMockUser(username = "finance")
class NotFoundViewsIT extends DemoDesignerTest {

    @Test
    void anotherWorkspacesFlowByUrlShowsNotFoundInsideTheAppShell() {
        long serviceFlow = demoFlow("service", "customer-service", "customer-service-contacts");

        UI.getCurrent().navigate("flows/" + serviceFlow);

        assertThat(getCurrentView()).isInstanceOf(NotFoundView.class);
        assertThat($(MainLayout.class).exists()).as("the navigation and user menu stay").isTrue();
        assertThat($(NotFoundView.class).single().getElement().getTextRecursively())
                .contains("/flows/" + serviceFlow, "does not exist");
        assertThat($(Anchor.class).id("not-found-home").getHref()).isEmpty();
    }

    @Test
    void anUnknownFlowAndAnotherWorkspacesFlowReadTheSame() {
        long serviceFlow = demoFlow("service", "customer-service", "customer-service-contacts");

        UI.getCurrent().navigate("flows/" + serviceFlow);
        String theirs = $(NotFoundView.class).single().getElement().getTextRecursively();
        UI.getCurrent().navigate("flows/987654321");
        String none = $(NotFoundView.class).single().getElement().getTextRecursively();

        assertThat(theirs.replace(String.valueOf(serviceFlow), "N")).isEqualTo(none.replace("987654321", "N"));
    }
}
