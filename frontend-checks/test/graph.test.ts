import { describe, expect, it } from 'vitest';
import type { CanvasModel, PaletteKind } from '../../frontend/canvas/canvas-model';
import {
  addition,
  edgesOf,
  freshId,
  graphJson,
  kindsOf,
  linkedAddition,
  markedEdges,
  markedNodes,
  nodesOf,
  type FlowNode,
} from '../../frontend/canvas/graph';

const model: CanvasModel = {
  revision: 1,
  nodes: [
    { id: 'in', kind: 'source', x: 40, y: 80, summary: 'users' },
    { id: 'mask', kind: 'mask', x: 260.4, y: 80, summary: 'bankAccount → last 4' },
  ],
  edges: [{ from: 'in', to: 'mask' }],
  kinds: [
    { id: 'source', role: 'SOURCE', category: 'SOURCE', icon: '', title: 'Source', summary: '' },
    { id: 'mask', role: 'PROCESSOR', category: 'PRIVACY', icon: '', title: 'Mask', summary: '' },
    { id: 'target.log', role: 'TARGET', category: 'TARGET', icon: '', title: 'Log', summary: '' },
  ],
  labels: {},
};
const roles = kindsOf(model);
const kind = (id: string): PaletteKind => roles.get(id)!;
const at = (n: FlowNode) => n.position;

describe('canvas graph', () => {
  it('reads the server model into nodes with roles and edges with ids', () => {
    const nodes = nodesOf(model, roles);

    expect(nodes.map((n) => [n.id, n.data.role])).toEqual([['in', 'SOURCE'], ['mask', 'PROCESSOR']]);
    expect(nodes[1]!.data).toMatchObject({ category: 'PRIVACY', title: 'Mask', summary: 'bankAccount → last 4' });
    expect(edgesOf(model)).toEqual([{ id: 'in->mask', source: 'in', target: 'mask' }]);
  });

  it('tells the server ids, kinds, rounded positions and edges, and leaves summaries to the server', () => {
    expect(JSON.parse(graphJson(nodesOf(model, roles), edgesOf(model)))).toEqual({
      nodes: [
        { id: 'in', kind: 'source', x: 40, y: 80, summary: '' },
        { id: 'mask', kind: 'mask', x: 260, y: 80, summary: '' },
      ],
      edges: [{ from: 'in', to: 'mask' }],
    });
  });

  it('names a new node after its kind, numbered when taken', () => {
    expect(freshId('mask', new Set())).toBe('mask');
    expect(freshId('mask', new Set(['mask', 'mask-2']))).toBe('mask-3');
    expect(freshId('target.http', new Set())).toBe('http');
    expect(freshId('a.b', new Set())).toBe('a-b');
  });

  it('adds a clicked kind right of the selected node and links it', () => {
    const { node, linkFrom } = addition(nodesOf(model, roles), 'mask', kind('target.log'));

    expect(node.id).toBe('log');
    expect(at(node)).toEqual({ x: 500.4, y: 80 });
    expect(node.selected).toBe(true);
    expect(linkFrom).toBe('mask');
  });

  it('puts a processor added after a linked node between it and what it led to', () => {
    const edges = linkedAddition(edgesOf(model), 'in', 'filter', 'PROCESSOR');

    expect(edges.map((e) => `${e.source}->${e.target}`)).toEqual(['filter->mask', 'in->filter']);
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
  });

  it('adds a target after a linked node as one more branch', () => {
    const edges = linkedAddition(edgesOf(model), 'in', 'log', 'TARGET');

    expect(edges.map((e) => `${e.source}->${e.target}`)).toEqual(['in->mask', 'in->log']);
  });

  it('never links from a target nor to a source', () => {
    const nodes = [...nodesOf(model, roles), addition(nodesOf(model, roles), 'mask', kind('target.log')).node];

    expect(addition(nodes, 'log', kind('mask')).linkFrom).toBeUndefined();
    expect(addition(nodes, 'mask', kind('source')).linkFrom).toBeUndefined();
  });

  it('moves a clicked kind down until it covers no other node', () => {
    const nodes = nodesOf(model, roles);
    const taken: FlowNode = { ...nodes[1]!, id: 'other', position: { x: 500, y: 100 } };

    expect(at(addition([...nodes, taken], 'mask', kind('mask')).node)).toEqual({ x: 500.4, y: 190 });
  });

  it('puts a node at the end of the row when none is selected', () => {
    const { node, linkFrom } = addition(nodesOf(model, roles), '', kind('mask'));

    expect(node.id).toBe('mask-2');
    expect(at(node)).toEqual({ x: 520, y: 80 });
    expect(linkFrom).toBeUndefined();
  });

  it('puts a dropped kind where it was dropped, unlinked, even on another node', () => {
    const { node, linkFrom } = addition(nodesOf(model, roles), 'mask', kind('mask'), { x: 40, y: 80 });

    expect(at(node)).toEqual({ x: 40, y: 80 });
    expect(linkFrom).toBeUndefined();
  });

  it('marks invalid and leaking nodes and edges, keeping unchanged ones as they were', () => {
    const nodes = nodesOf(model, roles);
    const edges = edgesOf(model);

    const marked = markedNodes(nodes, { nodes: ['mask'], edges: [] }, { nodes: ['mask'], edges: [] });
    expect(marked[0]).toBe(nodes[0]);
    expect(marked[1]!.data).toMatchObject({ invalid: true, leak: true });

    const markedEdge = markedEdges(edges, { nodes: [], edges: [] }, { nodes: [], edges: ['in->mask'] })[0]!;
    expect(markedEdge).toMatchObject({ className: 'leak', animated: true });
    expect(markedEdges([markedEdge], { nodes: [], edges: ['in->mask'] }, { nodes: [], edges: [] })[0])
      .toMatchObject({ className: 'invalid', animated: false });
  });
});
