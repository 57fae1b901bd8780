package dev.sluice.audit.ui;

import java.time.Duration;
import java.time.Instant;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.server.Command;

/**
 * Rows written by a CSV export, shown while it streams. The download runs on a request thread of its own, so
 * every change goes through {@link UI#access}; the page polls while an export may be running, since the app has
 * no server push. Thread-safe: the counters are touched only under the session lock.
 */
class ExportProgress extends HorizontalLayout {

    private static final int POLL_MILLIS = 500;
    private static final Duration REPORT_EVERY = Duration.ofMillis(250);
    private static final Duration WAIT_FOR_START = Duration.ofSeconds(10);

    private final ProgressBar bar = new ProgressBar();
    private final Span status = new Span();
    private final Duration reportEvery;
    private int running;
    private boolean listening;
    private Instant requestedAt = Instant.MIN;

    ExportProgress() {
        this(REPORT_EVERY);
    }

    /** Reports rows at most once per {@code reportEvery}, so a fast export does not flood the session. */
    ExportProgress(Duration reportEvery) {
        this.reportEvery = reportEvery;
        bar.setId("export-progress");
        bar.setWidth("12em");
        status.setId("export-status");
        setDefaultVerticalComponentAlignment(Alignment.CENTER);
        add(bar, status);
        setVisible(false);
    }

    /** The user asked for a download: poll until it has finished (or never started). */
    void requested(UI ui) {
        requestedAt = Instant.now();
        ui.setPollInterval(POLL_MILLIS);
        if (!listening) {
            listening = true;
            // the request may never reach the server (a cancelled save dialog): stop polling after a while
            ui.addPollListener(poll -> {
                if (running == 0 && Instant.now().isAfter(requestedAt.plus(WAIT_FOR_START))) {
                    ui.setPollInterval(-1);
                }
            });
        }
    }

    /** Returns a reporter of the rows written by one export of {@code total} entries. */
    Reporter start(UI ui, long total) {
        run(ui, () -> {
            running++;
            setVisible(true);
            bar.setIndeterminate(total == 0);
            bar.setValue(0);
            status.setText(getTranslation("audit.export.running", 0, total));
        });
        return new Reporter(ui, total);
    }

    String status() {
        return status.getText();
    }

    double share() {
        return bar.getValue();
    }

    private void stopPollingWhenIdle(UI ui) {
        if (running == 0) {
            ui.setPollInterval(-1);
        }
    }

    private static void run(UI ui, Command change) {
        if (ui.getSession() != null && ui.getSession().hasLock()) {
            change.execute();
        } else {
            ui.access(change);
        }
    }

    /** One export's progress; called on the download's thread. */
    final class Reporter {
        private final UI ui;
        private final long total;
        private Instant lastReport = Instant.now();

        private Reporter(UI ui, long total) {
            this.ui = ui;
            this.total = total;
        }

        void rows(long written) {
            Instant now = Instant.now();
            if (!now.isBefore(lastReport.plus(reportEvery))) {
                lastReport = now;
                run(ui, () -> {
                    bar.setValue(total == 0 ? 0 : Math.min(1.0, (double) written / total));
                    status.setText(getTranslation("audit.export.running", written, total));
                });
            }
        }

        void finished(long written) {
            run(ui, () -> {
                running--;
                bar.setIndeterminate(false);
                bar.setValue(1);
                status.setText(getTranslation("audit.export.done", written));
                stopPollingWhenIdle(ui);
            });
        }

        void failed(String reason) {
            run(ui, () -> {
                running--;
                bar.setIndeterminate(false);
                status.setText(getTranslation("audit.export.failed", reason));
                stopPollingWhenIdle(ui);
            });
        }
    }
}
