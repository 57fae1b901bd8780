package dev.sluice.connection.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;

import dev.sluice.target.ConnectionCheck;

/** What the latest "test connection" of the page found, with progress while it runs. */
class ConnectionTestResult extends HorizontalLayout {

    private final ProgressBar progress = new ProgressBar();
    private final Span status = new Span();

    ConnectionTestResult() {
        setId("connection-test-result");
        addClassName("connection-test-result");
        setDefaultVerticalComponentAlignment(Alignment.CENTER);
        progress.setIndeterminate(true);
        progress.setWidth("8em");
        progress.setId("connection-test-progress");
        status.setId("connection-test-status");
        add(progress, status);
    }

    void running(String name) {
        setVisible(true);
        progress.setVisible(true);
        getElement().setAttribute("data-state", "running");
        status.setText(getTranslation("connections.test.running", name));
    }

    void finished(String name, ConnectionCheck check) {
        progress.setVisible(false);
        getElement().setAttribute("data-state", check.reachable() ? "reachable" : "unreachable");
        status.setText(getTranslation(check.reachable() ? "connections.test.reachable" : "connections.test.unreachable",
                name, check.message()));
    }

    /** {@code running}, {@code reachable} or {@code unreachable}. */
    String state() {
        return getElement().getAttribute("data-state");
    }

    String text() {
        return status.getText();
    }
}
