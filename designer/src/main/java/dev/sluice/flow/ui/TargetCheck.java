package dev.sluice.flow.ui;

import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import dev.sluice.flowstore.TargetChecks;
import dev.sluice.target.ConnectionCheck;

/** "Test connection" under a target node's form: reaches the target with the settings as edited, sends nothing. */
class TargetCheck extends VerticalLayout {

    private final Span result = new Span();

    TargetCheck(EditorPanels.Context context, TargetChecks checks, String kind, Supplier<JsonNode> config) {
        setPadding(false);
        setSpacing(false);
        Button test = new Button(getTranslation("target.check"), VaadinIcon.CONNECT.create());
        test.setId("test-connection");
        test.setTooltipText(getTranslation("target.check-hint"));
        result.setId("test-connection-result");
        test.addClickListener(click -> {
            try {
                show(checks.check(context.username(), context.flowId(), kind, config.get()));
            } catch (RuntimeException refused) {
                show(new ConnectionCheck(false, String.join("; ", Refusals.lines(refused))));
            }
        });
        add(test, result);
    }

    private void show(ConnectionCheck check) {
        result.setText((check.reachable() ? "✔ " : "✘ ") + check.message());
        result.getElement().setAttribute("data-reachable", String.valueOf(check.reachable()));
        result.setClassName(check.reachable() ? "check-reached" : "problem");
    }

    String result() {
        return result.getText();
    }
}
