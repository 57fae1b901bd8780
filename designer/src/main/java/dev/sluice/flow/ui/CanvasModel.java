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

    /** A node as drawn: its id, its kind and where it stands. */
    record CanvasNode(String id, String kind, double x, double y) {
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
}
