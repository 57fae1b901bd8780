package dev.sluice.flow.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;

import dev.sluice.engine.FlowStatus;
import dev.sluice.flowstore.FlowTestReport;

/**
 * A deploy as the steward follows it: the checks (stored tests and personal data), the version recorded as
 * deployed, and the engine starting it. The last step is watched by polling, since the engine picks a
 * deployment up on its own thread and the app has no server push.
 */
class DeployProgress extends VerticalLayout {

    static final Duration ENGINE_WAIT = Duration.ofSeconds(20);
    private static final int POLL_MILLIS = 500;

    private final Div checks = step("deploy-step-checks");
    private final Div recorded = step("deploy-step-recorded");
    private final Div started = step("deploy-step-engine");
    private final ProgressBar waiting = new ProgressBar();
    private Registration polling;
    private Supplier<Optional<FlowStatus>> engineStatus;
    private int version;
    private Instant deadline = Instant.MIN;

    DeployProgress() {
        setId("deploy-progress");
        setPadding(false);
        setSpacing(false);
        waiting.setIndeterminate(true);
        waiting.setId("deploy-waiting");
        add(checks, recorded, started, waiting);
        setVisible(false);
    }

    private static Div step(String id) {
        Div line = new Div();
        line.setId(id);
        line.addClassName("deploy-step");
        return line;
    }

    /** The deploy was asked for: every step pending. */
    void begin() {
        setVisible(true);
        stopWatching();
        mark(checks, "pending", getTranslation("deploy.checks"));
        mark(recorded, "pending", getTranslation("deploy.recorded-pending"));
        mark(started, "pending", getTranslation("deploy.engine-pending"));
        waiting.setVisible(true);
    }

    /** The deploy was refused by its checks: why (details follow in the outcome); nothing recorded or started. */
    void refused(RuntimeException refusal) {
        mark(checks, "failed", getTranslation("deploy.checks-failed", String.valueOf(refusal.getMessage())));
        mark(recorded, "skipped", getTranslation("deploy.recorded-skipped"));
        mark(started, "skipped", getTranslation("deploy.engine-skipped"));
        waiting.setVisible(false);
    }

    /**
     * The checks passed and the version is deployed; watch this instance's engine start it, or say that engine
     * instances elsewhere will when this one runs none.
     */
    void deployed(FlowTestReport report, UI ui, Supplier<Optional<FlowStatus>> engineStatus) {
        recorded(report);
        this.engineStatus = engineStatus;
        if (engineStatus == null) {
            mark(started, "done", getTranslation("deploy.engine-elsewhere"));
            waiting.setVisible(false);
            return;
        }
        mark(started, "running", getTranslation("deploy.engine-starting"));
        deadline = Instant.now().plus(ENGINE_WAIT);
        if (!checkEngine() && ui != null) {
            ui.setPollInterval(POLL_MILLIS);
            polling = ui.addPollListener(poll -> checkEngine());
        }
    }

    /** The checks passed and the version is deployed to run in {@code region}, whose engines are not this one's. */
    void deployedIn(String region, FlowTestReport report) {
        recorded(report);
        mark(started, "done", getTranslation("deploy.engine-in-region", region));
        waiting.setVisible(false);
    }

    private void recorded(FlowTestReport report) {
        mark(checks, "done", getTranslation("deploy.checks-passed", report.results().size()));
        mark(recorded, "done", getTranslation("deploy.recorded", report.version()));
        this.version = report.version();
    }

    /** Looks once whether the engine runs the deployed version; true once the watch is over. */
    boolean checkEngine() {
        Optional<FlowStatus> status = engineStatus == null ? Optional.empty() : engineStatus.get();
        if (status.isPresent() && "running".equals(status.get().state())
                && Integer.valueOf(version).equals(status.get().version())) {
            mark(started, "done", getTranslation("deploy.engine-running", version));
        } else if (status.isPresent() && "failing".equals(status.get().state())) {
            mark(started, "failed", getTranslation("deploy.engine-failing", status.get().problem()));
        } else if (Instant.now().isAfter(deadline)) {
            mark(started, "warning", getTranslation("deploy.engine-slow", ENGINE_WAIT.toSeconds()));
        } else {
            return false;
        }
        waiting.setVisible(false);
        stopWatching();
        return true;
    }

    private void stopWatching() {
        if (polling != null) {
            polling.remove();
            polling = null;
            getUI().ifPresent(ui -> ui.setPollInterval(-1));
        }
    }

    String stepText(String id) {
        return switch (id) {
            case "checks" -> checks.getElement().getTextRecursively();
            case "recorded" -> recorded.getElement().getTextRecursively();
            default -> started.getElement().getTextRecursively();
        };
    }

    private static void mark(Div line, String state, String text) {
        line.removeAll();
        line.getElement().setAttribute("data-state", state);
        Span icon = new Span(switch (state) {
            case "done" -> "✔";
            case "failed" -> "✘";
            case "warning" -> "!";
            case "running" -> "…";
            default -> "○";
        });
        icon.addClassName("deploy-step-icon");
        line.add(icon, new Span(text));
    }
}
