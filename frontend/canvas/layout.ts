import dagre from '@dagrejs/dagre';
import type { Node } from '@xyflow/react';

/** Where a node not yet measured is assumed to take room. */
const UNMEASURED = { width: 200, height: 76 };

/** Left to right, sources first: each node in the column of its longest path from a source. */
export function layoutOf<N extends Node>(nodes: N[], edges: { source: string; target: string }[]): N[] {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  nodes.forEach((n) => graph.setNode(n.id, sizeOf(n)));
  edges.forEach((e) => graph.setEdge(e.source, e.target));
  dagre.layout(graph);
  return nodes.map((n) => {
    const at = graph.node(n.id);
    const { width, height } = sizeOf(n);
    return { ...n, position: { x: Math.round(at.x - width / 2), y: Math.round(at.y - height / 2) } };
  });
}

function sizeOf(node: Node): { width: number; height: number } {
  return {
    width: node.measured?.width ?? UNMEASURED.width,
    height: node.measured?.height ?? UNMEASURED.height,
  };
}

/**
 * Where the view goes to show one node: centred on it, at 100 % when the view is smaller so its label can be read,
 * else at the user's own closer zoom (fitting one node would zoom to the maximum).
 */
export function focusOn(node: Node, zoom: number): { x: number; y: number; zoom: number } {
  const { width, height } = sizeOf(node);
  return { x: node.position.x + width / 2, y: node.position.y + height / 2, zoom: Math.max(zoom, 1) };
}

/** Whether a node is wholly on screen in a view `width` × `height` showing the flow at `view`. */
export function inView(node: Node, view: { x: number; y: number; zoom: number }, width: number, height: number): boolean {
  const { width: w, height: h } = sizeOf(node);
  const left = node.position.x * view.zoom + view.x;
  const top = node.position.y * view.zoom + view.y;
  return left >= 0 && top >= 0 && left + w * view.zoom <= width && top + h * view.zoom <= height;
}

/** The flow's extent on the canvas, in flow coordinates. */
export type Bounds = { x: number; y: number; width: number; height: number };

/** The smallest zoom the opening view fits a flow at: below it labels get too small to read. */
const READABLE_ZOOM = 0.75;

/**
 * Where the canvas opens, never above 100 %: a flow that fits at 100 % centred at 100 %; one that fits at 75 % or
 * more, fitted; a larger one at 100 %, its sources at the left edge and centred in height (as Node-RED and NiFi
 * open: readable, and Fit is a click away), since fitting it would shrink labels past reading.
 */
export function openingView(flow: Bounds, width: number, height: number, padding = 40): { x: number; y: number; zoom: number } {
  const fit = Math.min((width - 2 * padding) / Math.max(flow.width, 1), (height - 2 * padding) / Math.max(flow.height, 1));
  const zoom = fit >= READABLE_ZOOM ? Math.min(1, fit) : 1;
  const centredX = width / 2 - (flow.x + flow.width / 2) * zoom;
  const fromLeft = padding - flow.x * zoom;
  return {
    x: Math.round(fit >= READABLE_ZOOM ? centredX : fromLeft),
    y: Math.round(Math.max(height / 2 - (flow.y + flow.height / 2) * zoom, padding - flow.y * zoom)),
    zoom,
  };
}
