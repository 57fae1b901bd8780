package dev.sluice.flow.ui;

import java.util.List;
import java.util.Map;

import dev.sluice.pipeline.NodeCategory;
import dev.sluice.pipeline.NodeRole;

/**
 * What the canvas shows, sent as JSON: the graph with positions, the palette and the labels. These records are the
 * one source of the canvas's TypeScript types ({@code frontend/canvas/canvas-model.ts}, generated from them by
 * {@code CanvasModelTypesTest}); a change here is a change of that file.
 */
record CanvasModel(int revision, List<CanvasNode> nodes, List<CanvasEdge> edges, List<PaletteKind> kinds,
                   Map<String, String> labels) {

    /**
     * A node as drawn: its id, its kind, where it stands and, from the server, one line on its settings (empty when
     * its kind has none; the canvas sends it back unread).
     */
    record CanvasNode(String id, String kind, double x, double y, String summary) {
    }

    record CanvasEdge(String from, String to) {
    }

    /** A kind the palette offers, as its registration describes it. */
    record PaletteKind(String id, NodeRole role, NodeCategory category, String icon, String title, String summary) {
    }

    /** The graph the canvas sends back after each edit: node configs stay on the server. */
    record CanvasGraph(List<CanvasNode> nodes, List<CanvasEdge> edges) {
    }

    /** Nodes and edges the canvas marks (invalid, or on a leak route); an edge as {@code from->to}. */
    record CanvasMarks(List<String> nodes, List<String> edges) {
    }

    /**
     * What the server says of each node as the draft changes, by node id: the line on its settings, its problems and
     * the personal data that reaches it unmasked (a badge each, with a count and the lines as tooltip).
     */
    record NodeNotes(Map<String, String> summaries, Map<String, List<String>> problems,
                     Map<String, List<String>> leaks) {
    }

    /** A deployed flow's counts by node id, as the engine on this instance has them; empty while it does not run. */
    record CanvasCounts(Map<String, NodeCount> nodes) {
    }

    /** @param error why the node last failed, while that is recent; else null */
    record NodeCount(long in, long out, long failed, NodeHealth health, String error) {
    }

    /** The dot on a counted node: failed recently, passed events, or none yet. */
    enum NodeHealth { OK, FAILED, IDLE }
}
