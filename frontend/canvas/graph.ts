// The canvas's graph as React Flow holds it, and the edits on it that need no React: reading the server's model,
// what the server is told back, marks, and where a node added from the palette goes.
import type { Edge, Node } from '@xyflow/react';
import type { NodeData } from '../flow-node';
import type { CanvasGraph, CanvasMarks, CanvasModel, NodeRole, PaletteKind } from './canvas-model';

export type FlowNode = Node<NodeData>;
export type Position = { x: number; y: number };

export const NO_MARKS: CanvasMarks = { nodes: [], edges: [] };

/** How far right of the selected node a new one goes, and how far down when that place is taken. */
const COLUMN = 240;
const ROW = 110;
/** A node's room: a new node never goes closer than this to another. */
const ROOM = { width: 200, height: 90 };

export function edgeId(from: string, to: string): string {
  return `${from}->${to}`;
}

/** The palette's kinds by id. */
export function kindsOf(model: CanvasModel): Map<string, PaletteKind> {
  return new Map(model.kinds.map((k) => [k.id, k]));
}

/** How a node of `kind` looks: role, category colour, icon and title; an unknown kind as a plain processor. */
function lookOf(kind: string, kinds: Map<string, PaletteKind>): NodeData {
  const known = kinds.get(kind);
  return {
    kind,
    role: known?.role ?? 'PROCESSOR',
    category: known?.category,
    icon: known?.icon,
    title: known?.title ?? kind,
    invalid: false,
    leak: false,
  };
}

export function nodesOf(model: CanvasModel, kinds: Map<string, PaletteKind>): FlowNode[] {
  return model.nodes.map((n) => ({
    id: n.id,
    type: 'sluice',
    position: { x: n.x, y: n.y },
    data: { ...lookOf(n.kind, kinds), summary: n.summary ?? '' },
  }));
}

export function edgesOf(model: CanvasModel): Edge[] {
  return model.edges.map((e) => ({ id: edgeId(e.from, e.to), source: e.from, target: e.to }));
}

/** The graph as the server is told it: ids, kinds, rounded positions and edges. */
export function graphJson(nodes: FlowNode[], edges: Edge[]): string {
  const graph: CanvasGraph = {
    // the summary is the server's to say: sent back empty, so a new one never counts as an edit
    nodes: nodes.map((n) => ({
      id: n.id,
      kind: n.data.kind,
      x: Math.round(n.position.x),
      y: Math.round(n.position.y),
      summary: '',
    })),
    edges: edges.map((e) => ({ from: e.source, to: e.target })),
  };
  return JSON.stringify(graph);
}

/** An id for a new node of `kind`: the kind's last word, numbered from 2 when taken. */
export function freshId(kind: string, taken: Set<string>): string {
  const base = kind.replace(/^target\./, '').replace(/[^A-Za-z0-9_-]/g, '-');
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}

/** Nodes marked invalid or on a leak route; unchanged nodes stay the same objects. */
export function markedNodes(nodes: FlowNode[], invalid: CanvasMarks, leaks: CanvasMarks): FlowNode[] {
  const badNodes = new Set(invalid.nodes);
  const leakNodes = new Set(leaks.nodes);
  return nodes.map((n) => {
    const bad = badNodes.has(n.id);
    const leak = leakNodes.has(n.id);
    return n.data.invalid === bad && n.data.leak === leak ? n : { ...n, data: { ...n.data, invalid: bad, leak } };
  });
}

/** Edges classed invalid or leak (a leak's edges animated); unchanged edges stay the same objects. */
export function markedEdges(edges: Edge[], invalid: CanvasMarks, leaks: CanvasMarks): Edge[] {
  const badEdges = new Set(invalid.edges);
  const leakEdges = new Set(leaks.edges);
  return edges.map((e) => {
    const classes = [badEdges.has(e.id) ? 'invalid' : '', leakEdges.has(e.id) ? 'leak' : ''].filter(Boolean);
    const className = classes.length ? classes.join(' ') : undefined;
    return e.className === className ? e : { ...e, className, animated: leakEdges.has(e.id) };
  });
}

/** A node added from the palette: its id, where it goes, and the node it follows when it should be linked. */
export type Addition = { node: FlowNode; linkFrom?: string };

/**
 * A clicked kind goes right of the selected node (or at the end of the row) and is linked from it, unless that
 * node is a target or the new one a source; a dropped kind goes where it was dropped, unlinked. Never on top of
 * another node: a node under the new one could no longer be clicked.
 */
export function addition(current: FlowNode[], selectedId: string, kind: PaletteKind, at?: Position): Addition {
  const role = kind.role;
  const id = freshId(kind.id, new Set(current.map((n) => n.id)));
  const after = current.find((n) => n.id === selectedId);
  let position = at;
  if (!position) {
    position = after ? { x: after.position.x + COLUMN, y: after.position.y } : { x: 40 + COLUMN * current.length, y: 80 };
    const free = (p: Position) =>
      !current.some((n) => Math.abs(n.position.x - p.x) < ROOM.width && Math.abs(n.position.y - p.y) < ROOM.height);
    while (!free(position)) {
      position = { x: position.x, y: position.y + ROW };
    }
  }
  const node: FlowNode = { id, type: 'sluice', position, selected: true, data: lookOf(kind.id, new Map([[kind.id, kind]])) };
  const linked = !at && after && after.data.role !== 'TARGET' && role !== 'SOURCE';
  return linked ? { node, linkFrom: after.id } : { node };
}

/**
 * The edges once a node added after {@code from} is linked: a processor goes between {@code from} and what it led
 * to (it takes over {@code from}'s outgoing edges), a target is one more branch. Without it, a processor pressed
 * after a linked node hung off it as a branch that led nowhere.
 */
export function linkedAddition(edges: Edge[], from: string, added: string, role: NodeRole): Edge[] {
  const rerouted = role === 'PROCESSOR'
    ? edges.map((e) => (e.source === from ? { ...e, id: edgeId(added, e.target), source: added } : e))
    : edges;
  return [...rerouted, { id: edgeId(from, added), source: from, target: added }];
}
