import { describe, expect, it } from 'vitest';
import type { Edge } from '@xyflow/react';
import type { CanvasCounts } from '../../frontend/canvas/canvas-model';
import { NO_COUNTS, badgeTitle, countedEdges, newlyFailing, withCounts, withNotes } from '../../frontend/canvas/decorations';
import type { FlowNode } from '../../frontend/canvas/graph';

const node = (id: string, summary = ''): FlowNode => ({
  id,
  type: 'sluice',
  position: { x: 0, y: 0 },
  data: { kind: 'mask', role: 'PROCESSOR', summary },
});
const edge = (source: string, target: string): Edge => ({ id: `${source}->${target}`, source, target });
const counts: CanvasCounts = {
  nodes: {
    in: { in: 5, out: 5, failed: 0, health: 'OK', error: '' },
    hide: { in: 5, out: 4, failed: 1, health: 'FAILED', error: 'mask rule 1 failed' },
  },
};

describe('canvas decorations', () => {
  it('puts the server summary, problems and leaks on each node, keeping unchanged nodes as they were', () => {
    const nodes = [node('in', 'users'), node('hide')];
    const noted = withNotes(nodes, {
      summaries: { in: 'users', hide: 'bankAccount → last 4' },
      problems: { hide: ['config.rules is required'] },
      leaks: {},
    });

    expect(noted[1]!.data).toMatchObject({ summary: 'bankAccount → last 4', problems: ['config.rules is required'], leaks: [] });
    const again = withNotes(noted, { summaries: { in: 'users', hide: 'bankAccount → last 4' }, problems: { hide: ['config.rules is required'] }, leaks: {} });
    expect(again[1]).toBe(noted[1]);
  });

  it('keeps a node summary while the server has not described a node just added', () => {
    expect(withNotes([node('new', 'kept')], { summaries: {}, problems: {}, leaks: {} })[0]!.data.summary).toBe('kept');
  });

  it('draws counts on the nodes the running version has and clears them when the flow stops', () => {
    const counted = withCounts([node('in'), node('hide'), node('draft-only')], counts);

    expect(counted.map((n) => n.data.counts?.in)).toEqual([5, 5, undefined]);
    expect(counted[1]!.data.counts?.health).toBe('FAILED');
    expect(withCounts(counted, counts)[0]).toBe(counted[0]);
    expect(withCounts(counted, NO_COUNTS).every((n) => n.data.counts === undefined)).toBe(true);
  });

  it('labels each edge with what its source passed on', () => {
    const edges = countedEdges([edge('in', 'hide'), edge('hide', 'out'), edge('draft', 'out')], counts, 'events');

    expect(edges.map((e) => e.label)).toEqual(['5', '4', undefined]);
    expect(edges[0]!.ariaLabel).toBe('in → hide: 5 events');
    expect(countedEdges(edges, counts, 'events')[1]).toBe(edges[1]);
  });

  it('says in a badge tooltip what it counts and each line', () => {
    expect(badgeTitle('Problems', ['a', 'b'])).toBe('Problems\n• a\n• b');
  });

  it('names the nodes that started failing since the counts before', () => {
    expect(newlyFailing(NO_COUNTS, counts)).toEqual(['hide']);
    expect(newlyFailing(counts, counts)).toEqual([]);
  });
});
