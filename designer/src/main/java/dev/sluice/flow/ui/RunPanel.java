package dev.sluice.flow.ui;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;

import dev.sluice.base.ui.LiveUpdates;
import dev.sluice.engine.DeadLetters;
import dev.sluice.engine.Engine;
import dev.sluice.engine.FlowHistory;
import dev.sluice.engine.FlowStatus;
import dev.sluice.engine.KeyOrder;
import dev.sluice.engine.StartFrom;
import dev.sluice.flowstore.FlowDeadLetters;
import dev.sluice.flowstore.DeploymentOptions;
import dev.sluice.flowstore.FlowDeployments;
import dev.sluice.flowstore.FlowStore;
import dev.sluice.flowstore.FlowSummary;
import dev.sluice.flowstore.FlowTestReport;
import dev.sluice.privacy.PrivacyAlerts;
import dev.sluice.region.Regions;
import dev.sluice.tracing.TraceLinks;

/** Deploy (tests first), undeploy, pause and resume the saved flow; its counters and dead letters. */
class RunPanel extends VerticalLayout {

    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZONE);

    private final EditorPanels.Context context;
    private final FlowDeployments deployments;
    private final Engine engine;
    private final FlowDeadLetters flowDeadLetters;
    private final PrivacyAlerts privacyAlerts;
    private final TraceLinks traceLinks;
    private final Div outcome = new Div();
    private final Div status = new Div();
    private final Div deadLetters = new Div();
    private final DeployProgress progress = new DeployProgress();
    /** Kept across refreshes and updated in place, so a live refresh redraws the lines, not the charts. */
    private final Div charts = new Div();
    private final FlowChart throughput = new FlowChart();
    private final FlowChart latency = new FlowChart();
    private final FlowChart lag = new FlowChart();
    private final RadioButtonGroup<Ordering> ordering = new RadioButtonGroup<>();
    private final IntegerField partitions = new IntegerField();
    private final RadioButtonGroup<Start> start = new RadioButtonGroup<>();
    private final DateTimePicker since = new DateTimePicker();
    private final com.vaadin.flow.component.select.Select<String> region =
            new com.vaadin.flow.component.select.Select<>();
    private final Regions regions;
    private String homeRegion;
    private String orderKey;
    private long deadLetteredSeen;
    private Consumer<FlowStatus> statusListener = status -> { };
    private FlowStatus lastStatus;

    /** Where the next deploy starts: the live events, the source's current state first, or its history from a time. */
    private enum Start {
        NOW, SNAPSHOT, TIME
    }

    /** How a deployed flow keeps the order of its events. */
    private enum Ordering {
        NONE, FLOW, KEY
    }

    RunPanel(EditorPanels.Context context, FlowStore store, FlowDeployments deployments, Engine engine,
             FlowDeadLetters flowDeadLetters, PrivacyAlerts privacyAlerts, LiveUpdates live, Regions regions,
             TraceLinks traceLinks) {
        this.context = context;
        this.traceLinks = traceLinks;
        this.regions = regions;
        this.privacyAlerts = privacyAlerts;
        this.flowDeadLetters = flowDeadLetters;
        this.deployments = deployments;
        this.engine = engine;
        setPadding(false);
        Button deploy = new Button(getTranslation("run.deploy"), VaadinIcon.ROCKET.create(), click -> deploy());
        deploy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button undeploy = button("run.undeploy", VaadinIcon.STOP,
                () -> deployments.undeploy(context.username(), context.flowId(), false));
        Button pause = button("run.pause", VaadinIcon.PAUSE,
                () -> deployments.pause(context.username(), context.flowId()));
        Button resume = button("run.resume", VaadinIcon.PLAY,
                () -> deployments.resume(context.username(), context.flowId()));
        deploy.setId("deploy-flow");
        undeploy.setId("undeploy-flow");
        pause.setId("pause-flow");
        resume.setId("resume-flow");
        Button resync = new Button(getTranslation("run.resync"), VaadinIcon.RECYCLE.create(), click -> confirmResync());
        resync.setId("resync-flow");
        resync.setTooltipText(getTranslation("run.resync.hint"));
        outcome.setId("run-outcome");
        status.setId("flow-status");
        deadLetters.setId("dead-letters");
        Button refresh = new Button(getTranslation("run.refresh"), VaadinIcon.REFRESH.create(), click -> refresh());
        refresh.setId("refresh-status");
        HorizontalLayout buttons = new HorizontalLayout(deploy, undeploy, pause, resume, resync);
        buttons.setWrap(true);
        if (context.mayChange()) {
            add(new Span(getTranslation("run.saved-only")), orderingChoice(), buttons, progress);
        }
        throughput.setId("throughput-chart");
        latency.setId("latency-chart");
        lag.setId("lag-chart");
        for (FlowChart chart : List.of(throughput, latency, lag)) {
            chart.setWidthFull();
            chart.setHeight("180px");
        }
        add(outcome, new H4(getTranslation("run.status")), refresh, status, charts,
                new H4(getTranslation("run.dead-letters")), deadLetters);
        refresh();
        live.keepFresh(this, this::refreshLive);
    }

    /** How the next deploy orders events: not at all, as a whole, or by the source's key over partitions. */
    private Div orderingChoice() {
        orderKey = deployments.orderKey(context.flowId());
        ordering.setLabel(getTranslation("run.ordering"));
        ordering.setId("deploy-ordering");
        ordering.setItems(Ordering.values());
        ordering.setItemLabelGenerator(choice -> getTranslation("run.ordering." + choice.name().toLowerCase(),
                orderKey));
        partitions.setLabel(getTranslation("run.partitions"));
        partitions.setId("deploy-partitions");
        partitions.setMin(1);
        partitions.setMax(KeyOrder.MAX_PARTITIONS);
        partitions.setStepButtonsVisible(true);
        partitions.setHelperText(getTranslation("run.partitions.hint"));
        partitions.setErrorMessage(getTranslation("run.partitions.range", KeyOrder.MAX_PARTITIONS));
        partitions.setWidth("16em");
        DeploymentOptions now = deployments.options(context.flowId());
        ordering.setValue(now.keyOrder() != null ? Ordering.KEY : now.ordered() ? Ordering.FLOW : Ordering.NONE);
        partitions.setValue(now.keyOrder() != null ? now.keyOrder().partitions() : KeyOrder.DEFAULT_PARTITIONS);
        partitions.setVisible(ordering.getValue() == Ordering.KEY);
        ordering.addValueChangeListener(change -> partitions.setVisible(change.getValue() == Ordering.KEY));
        start.setLabel(getTranslation("run.start"));
        start.setId("deploy-start");
        start.setItems(Start.values());
        start.setItemLabelGenerator(choice -> getTranslation("run.start." + choice.name().toLowerCase()));
        start.setValue(Start.NOW);
        since.setLabel(getTranslation("run.since", ZONE.getId()));
        since.setId("deploy-since");
        java.time.Duration kept = deployments.historyKept();
        since.setHelperText(kept.toDays() >= 1 ? getTranslation("run.since.hint", kept.toDays())
                : getTranslation("run.since.hint.hours", kept.toHours()));
        since.setVisible(false);
        // with no history kept there is nothing to start from but now or the current state
        start.setItemEnabledProvider(choice -> choice != Start.TIME || kept.isPositive());
        start.addValueChangeListener(change -> since.setVisible(change.getValue() == Start.TIME));
        Div choice = new Div(ordering, partitions, start, since);
        if (regions.several()) {
            homeRegion = deployments.sourceHomeRegion(context.flowId());
            region.setLabel(getTranslation("run.region"));
            region.setId("deploy-region");
            region.setItems(regions.names());
            region.setItemLabelGenerator(name -> name.equals(homeRegion)
                    ? getTranslation("run.region.home", name) : name);
            region.setValue(regions.knows(now.region()) ? now.region() : homeRegion);
            region.setHelperText(getTranslation("run.region.hint", homeRegion));
            region.setWidth("20em");
            region.addValueChangeListener(change -> region.setInvalid(false));
            choice.addComponentAsFirst(region);
        }
        choice.addClassName("deploy-ordering");
        return choice;
    }

    /** Where the form asks the flow to start; marks the time field when it is empty. */
    private StartFrom chosenStart() {
        switch (start.getValue() == null ? Start.NOW : start.getValue()) {
            case SNAPSHOT:
                return StartFrom.SNAPSHOT;
            case TIME:
                if (since.getValue() == null) {
                    since.setErrorMessage(getTranslation("run.since.missing"));
                    since.setInvalid(true);
                    throw new IllegalArgumentException(getTranslation("run.since.missing"));
                }
                since.setInvalid(false);
                return StartFrom.since(since.getValue().atZone(ZONE).toInstant());
            default:
                return StartFrom.NOW;
        }
    }

    /** The key order the form asks for, or null; marks the partitions field when it is out of range. */
    private KeyOrder chosenKeyOrder() {
        if (ordering.getValue() != Ordering.KEY) {
            return null;
        }
        Integer count = partitions.getValue();
        if (count == null || count < 1 || count > KeyOrder.MAX_PARTITIONS) {
            partitions.setInvalid(true);
            throw new IllegalArgumentException(getTranslation("run.partitions.range", KeyOrder.MAX_PARTITIONS));
        }
        partitions.setInvalid(false);
        return new KeyOrder(orderKey, count);
    }

    private Button button(String key, VaadinIcon icon, Runnable action) {
        return new Button(getTranslation(key), icon.create(), click -> {
            outcome.removeAll();
            try {
                action.run();
                if (outcome.getChildren().findAny().isEmpty()) {
                    outcome.add(new Span(getTranslation("run.done")));
                }
            } catch (RuntimeException refused) {
                Refusals.lines(refused).forEach(line -> outcome.add(problem(line)));
            }
            refresh();
        });
    }

    /** Deploys the saved flow, showing each step: checks, the version recorded, the engine starting it. */
    void deploy() {
        outcome.removeAll();
        progress.begin();
        try {
            KeyOrder keyOrder = chosenKeyOrder();
            FlowTestReport report = deployments.deploy(context.username(), context.flowId(), null,
                    ordering.getValue() == Ordering.FLOW, keyOrder, chosenStart(), chosenRegion());
            String runsIn = deployments.options(context.flowId()).region();
            if (regions.several() && !regions.here().equals(runsIn)) {
                progress.deployedIn(runsIn, report);
            } else {
                progress.deployed(report, getUI().orElse(null),
                        engine == null ? null : () -> engine.status(context.flowId()));
            }
            outcome.add(new Span(getTranslation("run.deployed", report.version(), report.results().size())));
        } catch (RuntimeException refused) {
            progress.refused(refused);
            Refusals.lines(refused).forEach(line -> outcome.add(problem(line)));
            if (refused instanceof dev.sluice.flowstore.FlowStoreException store && "$.from".equals(store.path())) {
                since.setErrorMessage(capitalized(store.getMessage()));
                since.setInvalid(true);
            }
            if (refused instanceof dev.sluice.flowstore.FlowStoreException store && "$.region".equals(store.path())) {
                region.setErrorMessage(capitalized(store.getMessage()));
                region.setInvalid(true);
            }
        }
        refresh();
    }

    private static String capitalized(String message) {
        return Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    /** The region chosen to run the flow: null for its source's home (it then follows the source). */
    private String chosenRegion() {
        if (!regions.several() || region.getValue() == null || region.getValue().equals(homeRegion)) {
            return null;
        }
        return region.getValue();
    }

    DeployProgress progress() {
        return progress;
    }

    /**
     * Tells {@code listener} the flow's status on each refresh, null while it does not run here; at once with the
     * last one read.
     */
    void onStatus(Consumer<FlowStatus> listener) {
        statusListener = listener;
        listener.accept(lastStatus);
    }

    private void statusRead(FlowStatus status) {
        lastStatus = status;
        statusListener.accept(status);
    }

    /** Everything anew, the dead letters too: after an action here and on the Refresh button. */
    void refresh() {
        refreshStatus();
        listDeadLetters();
    }

    /**
     * What the engine says now, every few seconds while the panel is open: state, counters and charts; the dead
     * letters are listed again only when their count changed, so reading one is not interrupted.
     */
    void refreshLive() {
        long deadLetteredBefore = deadLetteredSeen;
        refreshStatus();
        if (deadLetteredSeen != deadLetteredBefore) {
            listDeadLetters();
        }
    }

    private void refreshStatus() {
        status.removeAll();
        try {
            FlowSummary flow = deployments.summary(context.username(), context.flowId());
            Span state = new Span(switch (flow.state()) {
                case DRAFT -> getTranslation("state.draft");
                case DEPLOYED -> getTranslation("state.deployed", flow.deployedVersion());
                case PAUSED -> getTranslation("state.paused", flow.deployedVersion());
            });
            state.setId("flow-state");
            state.getElement().getThemeList().add("badge");
            status.add(new Div(state));
            if (flow.state() != dev.sluice.flowstore.FlowState.DRAFT) {
                DeploymentOptions options = deployments.options(context.flowId());
                Span order = new Span(options.keyOrder() != null ? getTranslation("run.ordered.key",
                        options.keyOrder().key(), options.keyOrder().partitions())
                        : getTranslation(options.ordered() ? "run.ordered.flow" : "run.ordered.none"));
                order.setId("flow-ordering");
                status.add(new Div(order));
                if (regions.several()) {
                    Span where = new Span(getTranslation("run.runs-in", options.region()));
                    where.setId("flow-region");
                    status.add(new Div(where));
                }
                if (deployments.bootstrapping(context.flowId())) {
                    com.vaadin.flow.component.progressbar.ProgressBar running =
                            new com.vaadin.flow.component.progressbar.ProgressBar();
                    running.setIndeterminate(true);
                    running.setWidth("16em");
                    long left = engine == null ? -1 : engine.queueDepth(context.flowId());
                    Span snapshot = new Span(left >= 0 ? getTranslation("run.bootstrapping", left)
                            : getTranslation("run.bootstrapping.elsewhere"));
                    snapshot.setId("flow-bootstrap");
                    status.add(new Div(snapshot, running));
                }
            }
            showPrivacyAlerts();
            if (flow.state() != dev.sluice.flowstore.FlowState.DRAFT && regions.several()
                    && !regions.here().equals(deployments.options(context.flowId()).region())) {
                Div elsewhere = new Div(getTranslation("run.elsewhere", deployments.options(context.flowId()).region(),
                        regions.here()));
                elsewhere.setId("flow-elsewhere");
                status.add(elsewhere);
                statusRead(null);
                return;
            }
            if (engine == null) {
                status.add(new Div(getTranslation("run.no-engine")));
                statusRead(null);
                return;
            }
            long waiting = engine.queueDepth(context.flowId());
            if (waiting >= 0) {
                status.add(new Div(getTranslation("run.queue", waiting)));
            }
            FlowStatus running = engine.status(context.flowId()).orElse(null);
            if (running != null) {
                counters(running);
            }
            statusRead(running);
            charts(engine.history(context.flowId()));
        } catch (RuntimeException refused) {
            Refusals.lines(refused).forEach(line -> status.add(problem(line)));
        }
    }

    /** What the run-time check found where the leak guard expected nothing: where and what kind, never the value. */
    private void showPrivacyAlerts() {
        long count = privacyAlerts.count(context.flowId());
        if (count == 0) {
            return;
        }
        Div alerts = new Div(new Span(getTranslation("run.privacy-alerts", count)));
        alerts.setId("privacy-alerts");
        alerts.addClassName("problem");
        for (PrivacyAlerts.Alert alert : privacyAlerts.recent(context.flowId(), 3)) {
            alerts.add(new Div(getTranslation("run.privacy-alert", alert.tag(), alert.path(), alert.target(),
                    alert.version(), alert.detectedAt())));
        }
        status.add(alerts);
    }

    /** Throughput and latency over the last hour on this instance, or what to expect when there is none yet. */
    private void charts(List<FlowHistory.Sample> samples) {
        if (samples.size() < 2) {
            charts.removeAll();
            Span none = new Span(getTranslation("run.charts-empty"));
            none.setId("flow-charts-empty");
            charts.add(new Div(none));
            return;
        }
        if (throughput.getParent().isEmpty()) {
            charts.removeAll();
            charts.add(throughput, latency, lag);
        }
        throughput.show(samples, List.of(
                new FlowChart.Line(getTranslation("chart.in"), "#1676f3", FlowHistory.Sample::inPerS),
                new FlowChart.Line(getTranslation("chart.out"), "#2b9a3e", FlowHistory.Sample::outPerS),
                new FlowChart.Line(getTranslation("chart.failed"), "#d9480f", FlowHistory.Sample::failedPerS)),
                getTranslation("chart.per-second"), false);
        latency.show(samples, List.of(
                new FlowChart.Line(getTranslation("chart.latency"), "#7048e8", FlowHistory.Sample::p50Ms),
                new FlowChart.Line(getTranslation("chart.arrival"), "#0c8599", FlowHistory.Sample::arrivalMs),
                new FlowChart.Line(getTranslation("chart.waiting"), "#868e96", s -> Math.max(0, s.waiting()))),
                getTranslation("chart.latency-axis"), false);
        lag.show(samples, List.of(new FlowChart.Line(getTranslation("chart.lag"), "#e8590c",
                s -> Math.max(0, s.lagMs()) / 1000.0)), getTranslation("chart.lag-axis"), false);
    }

    private void counters(FlowStatus s) {
        deadLetteredSeen = s.deadLettered();
        Div counters = new Div();
        counters.setId("flow-counters");
        counters.addClassName("counters");
        counters.add(counter("in", s.in()), counter("out", s.out()), counter("filtered", s.filtered()),
                counter("failed", s.failed()), counter("retrying", s.retrying()), counter("retried", s.retried()),
                counter("dead-lettered", s.deadLettered()));
        counters.getChildren().filter(c -> "out".equals(c.getElement().getAttribute("data-counter")))
                .findFirst().ifPresent(out -> out.getElement().setAttribute("title", getTranslation("counter.out.hint")));
        if (s.problem() != null) {
            counters.add(problem(s.problem()));
        }
        status.add(counters);
        if (s.lagMs() >= 0) {
            Span lag = new Span(getTranslation("run.lag", String.format(getLocale(), "%.1f", s.lagMs() / 1000.0)));
            lag.setId("flow-lag");
            lag.getElement().setAttribute("title", getTranslation("run.lag.hint"));
            status.add(new Div(lag));
        }
        if (s.lastFailure() != null) {
            status.add(lastFailure(s.lastFailure(), s.retrying()));
        }
    }

    /** The last event that failed, where and why: while events wait for a retry this is what holds them up. */
    private Div lastFailure(FlowStatus.LastFailure last, long retrying) {
        String outcome = last.deadLettered() ? getTranslation("run.last-failure.dead-lettered")
                : getTranslation("run.last-failure.retrying", retrying);
        Div line = new Div(new Span(getTranslation("run.last-failure", last.node(), WHEN.format(Instant.parse(last.at())),
                last.error(), outcome)));
        line.setId("last-failure");
        line.getElement().setAttribute("data-node", last.node());
        line.addClassName(retrying > 0 ? "problem" : "notice");
        return line;
    }

    private Span counter(String name, long value) {
        Span counter = new Span(getTranslation("counter." + name) + ": " + value);
        counter.addClassName("counter");
        counter.getElement().setAttribute("data-counter", name);
        return counter;
    }

    private void listDeadLetters() {
        deadLetters.removeAll();
        List<DeadLetters.DeadLetter> letters;
        try {
            letters = flowDeadLetters.list(context.username(), context.flowId(), 50);
        } catch (IOException | RuntimeException unavailable) {
            deadLetters.add(problem(getTranslation("run.dead-letters-unavailable")));
            return;
        }
        if (letters.isEmpty()) {
            deadLetters.add(new Span(getTranslation("run.no-dead-letters")));
            return;
        }
        if (context.mayChange()) {
            Button replayAll = new Button(getTranslation("run.replay-all"), click -> confirmReplayAll(letters.size()));
            replayAll.setId("replay-all");
            deadLetters.add(replayAll);
        }
        for (DeadLetters.DeadLetter letter : letters) {
            Div row = new Div(new Span(letter.reason() + " @ " + letter.node() + " · " + letter.lastError()));
            if (letter.traceId() != null) {
                row.add(trace(letter.traceId()));
            }
            row.add(new Pre(letter.event()));
            row.addClassName("dead-letter");
            if (context.mayChange()) {
                row.add(new Button(getTranslation("run.replay"), click -> replay(List.of(letter.messageId()))));
            }
            deadLetters.add(row);
        }
    }

    /** The dead letter's trace: a link to it where a tracing UI is configured, else its id to copy. */
    private Div trace(String traceId) {
        Div trace = new Div(new Span(getTranslation("run.trace") + " "));
        trace.addClassName("dead-letter-trace");
        String link = traceLinks.of(traceId).orElse(null);
        if (link == null) {
            trace.add(new Span(traceId));
        } else {
            Anchor anchor = new Anchor(link, traceId);
            anchor.setTarget("_blank");
            anchor.getElement().setAttribute("rel", "noopener noreferrer");
            trace.add(anchor);
        }
        return trace;
    }

    /** A resync sends the current state of every key to the targets again, and holds live events meanwhile: asked. */
    private void confirmResync() {
        ConfirmDialog dialog = new ConfirmDialog(getTranslation("run.resync.title"),
                getTranslation("run.resync.text"), getTranslation("run.resync"), confirmed -> {
                    outcome.removeAll();
                    try {
                        deployments.resync(context.username(), context.flowId());
                        outcome.add(new Span(getTranslation("run.resync.started")));
                    } catch (RuntimeException refused) {
                        Refusals.lines(refused).forEach(line -> outcome.add(problem(line)));
                    }
                    refresh();
                });
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("run.replay-all.cancel"));
        dialog.setId("confirm-resync");
        dialog.open();
    }

    /** Replaying every dead letter sends them all to the targets again: asked once more, with how many. */
    private void confirmReplayAll(int shown) {
        ConfirmDialog dialog = new ConfirmDialog(getTranslation("run.replay-all.title"),
                getTranslation("run.replay-all.text", shown), getTranslation("run.replay-all"),
                confirmed -> replay(List.of()));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("run.replay-all.cancel"));
        dialog.setId("confirm-replay-all");
        dialog.open();
    }

    private void replay(List<String> ids) {
        try {
            int replayed = flowDeadLetters.replay(context.username(), context.flowId(), ids);
            Refusals.success(getTranslation("run.replayed", replayed));
        } catch (IOException broker) {
            outcome.add(problem(getTranslation("run.dead-letters-unavailable")));
        } catch (RuntimeException refused) {
            Refusals.lines(refused).forEach(line -> outcome.add(problem(line)));
        }
        refresh();
    }

    private static Div problem(String text) {
        Div div = new Div(text);
        div.addClassName("problem");
        return div;
    }
}
