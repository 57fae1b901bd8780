import dagre from '@dagrejs/dagre';
import type { Node } from '@xyflow/react';

/** Where a node not yet measured is assumed to take room. */
const UNMEASURED = { width: 160, height: 60 };

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
