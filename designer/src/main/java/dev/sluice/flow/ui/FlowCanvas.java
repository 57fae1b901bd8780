package dev.sluice.flow.ui;

import java.time.Instant;
import java.util.function.Consumer;

import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.react.ReactAdapterComponent;

import dev.sluice.engine.FlowStatus;

/**
 * The node-graph canvas (React Flow in {@code frontend/flow-canvas.tsx}). State crosses as JSON text so the
 * two sides share no Jackson version: the server sends the model, the invalid nodes and edges, the leak routes and a node to focus;
 * the notes on each node (summary, problems, leaks) and, for a deployed flow, its live counts; the canvas answers with
 * the graph after each edit and the selected node. Nodes and the toolbar draw Vaadin icons ({@code <vaadin-icon>}).
 */
@Uses(Icon.class)
@NpmPackage(value = "@xyflow/react", version = "12.10.0")
@NpmPackage(value = "@dagrejs/dagre", version = "1.1.5")
@JsModule("./flow-canvas.tsx")
@CssImport("@xyflow/react/dist/style.css")
@Tag("sluice-flow-canvas")
class FlowCanvas extends ReactAdapterComponent implements HasSize {

    private int focusCount;
    private boolean readOnly;
    private String countsShown = "";

    FlowCanvas() {
        setId("flow-canvas");
        addClassName("flow-canvas");
    }

    /** Replaces what the canvas shows; {@code modelJson} carries a new revision. */
    void setModel(String modelJson) {
        setState("model", modelJson);
    }

    /** Marks invalid nodes and edges: {@code {"nodes": [ids], "edges": ["from->to"]}}. */
    void setInvalid(String marksJson) {
        setState("invalid", marksJson);
    }

    /** Marks the routes personal data leaks along: {@code {"nodes": [ids], "edges": ["from->to"]}}. */
    void setLeaks(String routesJson) {
        setState("leaks", routesJson);
    }

    /** What the server says of each node now: its summary, problems and leaks ({@link CanvasModel.NodeNotes}). */
    void setNotes(CanvasModel.NodeNotes notes) {
        setState("notes", FlowDraft.toJson(notes));
    }

    /**
     * Draws a deployed flow's counts on its nodes and edges, a health dot per node and the last failure's error on
     * its node; {@code status} null clears them. Cheap and idempotent: unchanged counts send nothing, so it may be
     * called every few seconds.
     */
    void showCounts(FlowStatus status) {
        String counts = FlowDraft.toJson(LiveCounts.of(status, Instant.now()));
        if (!counts.equals(countsShown)) {
            countsShown = counts;
            setState("counts", counts);
        }
    }

    /** What the canvas was last told under {@code name} ({@code model}, {@code notes}...), as JSON text. */
    String shown(String name) {
        return getState(name, String.class);
    }

    /** The counts last drawn, as JSON ({@link CanvasModel.CanvasCounts}). */
    String countsShown() {
        return countsShown;
    }

    /** Shows the flow without its palette and with nothing to drag, connect or delete: for those who only read. */
    void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
        setState("readOnly", readOnly);
    }

    boolean isReadOnly() {
        return readOnly;
    }

    void focus(String nodeId) {
        setState("focus", nodeId + "#" + (++focusCount));
    }

    void onGraph(Consumer<String> listener) {
        addStateChangeListener("graph", String.class, listener::accept);
    }

    void onSelected(Consumer<String> listener) {
        addStateChangeListener("selected", String.class, listener::accept);
    }
}
