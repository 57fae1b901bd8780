package dev.sluice.flow.ui;

import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.sluice.tracing.TraceLinks;
import dev.sluice.base.ui.LiveUpdates;
import dev.sluice.engine.Engine;
import dev.sluice.engine.FlowStatus;
import dev.sluice.flowstore.FlowDeadLetters;
import dev.sluice.flowstore.FlowDeployments;
import dev.sluice.flowstore.FlowStore;
import dev.sluice.flowstore.TargetChecks;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.privacy.PrivacyAlerts;
import dev.sluice.privacy.RecentSourceEvents;
import dev.sluice.region.Regions;

/** Builds the editor's side panels with the services they call; one set per editor view. */
@Component
class EditorPanels {

    /**
     * What a panel knows of its editor: who acts, which flow, the draft as edited now and how to tell the
     * editor a panel changed it, the version it was loaded from, and how to reload the editor after the stored
     * flow changed.
     */
    /** @param mayChange whether the user may change the flow; panels offer only what may be done */
    record Context(String username, long flowId, boolean mayChange, Supplier<FlowDraft> draft, Runnable draftChanged,
                   IntSupplier loadedVersion, Runnable reload) {
    }

    private final FlowStore store;
    private final FlowDeployments deployments;
    private final ObjectProvider<Engine> engine;
    private final FlowDeadLetters deadLetters;
    private final PrivacyAlerts privacyAlerts;
    private final SampleEvents samples;
    private final NodeRegistry registry;
    private final TargetChecks targetChecks;
    private final RecentSourceEvents recentEvents;
    private final LiveUpdates live;
    private final Regions regions;
    private final TraceLinks traceLinks;

    EditorPanels(FlowStore store, FlowDeployments deployments, ObjectProvider<Engine> engine,
                 FlowDeadLetters deadLetters, PrivacyAlerts privacyAlerts, NodeRegistry registry,
                 TargetChecks targetChecks, RecentSourceEvents recentEvents, LiveUpdates live, Regions regions,
                 TraceLinks traceLinks) {
        this.traceLinks = traceLinks;
        this.live = live;
        this.regions = regions;
        this.recentEvents = recentEvents;
        this.registry = registry;
        this.targetChecks = targetChecks;
        this.deadLetters = deadLetters;
        this.privacyAlerts = privacyAlerts;
        this.store = store;
        this.deployments = deployments;
        this.engine = engine;
        this.samples = SampleEvents.shipped();
    }

    PreviewPanel preview(Context context) {
        return new PreviewPanel(context, store, samples, source -> recentEvents.shown(context.username(), source));
    }

    RunPanel run(Context context) {
        return new RunPanel(context, store, deployments, engine.getIfAvailable(), deadLetters, privacyAlerts, live,
                regions, traceLinks);
    }

    /** "Test connection" for a target node of {@code kind}, with its config as edited. */
    TargetCheck targetCheck(Context context, String kind, java.util.function.Supplier<JsonNode> config) {
        return new TargetCheck(context, targetChecks, kind, config);
    }

    /**
     * Hands {@code shown} the flow's status on this instance (null while it does not run here) at every live tick
     * while {@code on} is attached, whichever side tab is open: the canvas's node counts.
     */
    void keepStatusFresh(com.vaadin.flow.component.Component on, Context context, Consumer<FlowStatus> shown) {
        Engine running = engine.getIfAvailable();
        if (running != null) {
            live.keepFresh(on, () -> shown.accept(running.status(context.flowId()).orElse(null)));
        }
    }

    HistoryPanel history(Context context) {
        return new HistoryPanel(context, store, registry, live);
    }
}
