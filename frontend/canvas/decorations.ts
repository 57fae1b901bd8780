// What the server says of each node, drawn on it: its summary, problem and leak badges and, for a deployed flow,
// its live counts and health; and each edge's count. Pure: unchanged nodes and edges stay the same objects, so
// counts arriving every few seconds re-render only what changed.
import type { Edge } from '@xyflow/react';
import type { CanvasCounts, NodeCount, NodeNotes } from './canvas-model';
import type { FlowNode } from './graph';

export const NO_NOTES: NodeNotes = { summaries: {}, problems: {}, leaks: {} };
export const NO_COUNTS: CanvasCounts = { nodes: {} };

const NONE: string[] = [];

function sameList(a: string[] | undefined, b: string[]): boolean {
  const left = a ?? NONE;
  return left.length === b.length && left.every((line, i) => line === b[i]);
}

/** Nodes with the server's summary (kept while the server has none yet, as for a node just added), problems and leaks. */
export function withNotes(nodes: FlowNode[], notes: NodeNotes): FlowNode[] {
  return nodes.map((n) => {
    const summary = notes.summaries[n.id] ?? n.data.summary ?? '';
    const problems = notes.problems[n.id] ?? NONE;
    const leaks = notes.leaks[n.id] ?? NONE;
    if (n.data.summary === summary && sameList(n.data.problems, problems) && sameList(n.data.leaks, leaks)) return n;
    return { ...n, data: { ...n.data, summary, problems, leaks } };
  });
}

function sameCount(a: NodeCount | undefined, b: NodeCount | undefined): boolean {
  if (!a || !b) return a === b;
  return a.in === b.in && a.out === b.out && a.failed === b.failed && a.health === b.health && a.error === b.error;
}

/** Nodes with their live counts; a node the running version does not have shows none. */
export function withCounts(nodes: FlowNode[], counts: CanvasCounts): FlowNode[] {
  return nodes.map((n) => {
    const count = counts.nodes[n.id];
    return sameCount(n.data.counts, count) ? n : { ...n, data: { ...n.data, counts: count } };
  });
}

/** Each edge labelled with the events its source passed on (every out-edge carries each of them), when counted. */
export function countedEdges(edges: Edge[], counts: CanvasCounts, title: string): Edge[] {
  return edges.map((e) => {
    const count = counts.nodes[e.source];
    const label = count ? String(count.out) : undefined;
    if (e.label === label) return e;
    return {
      ...e,
      label,
      labelBgPadding: [4, 2] as [number, number],
      labelBgBorderRadius: 4,
      labelShowBg: label !== undefined,
      ariaLabel: label === undefined ? undefined : `${e.source} → ${e.target}: ${label} ${title}`,
    };
  });
}

/** A badge's tooltip: what it counts, then each line. */
export function badgeTitle(what: string, lines: string[]): string {
  return [what, ...lines.map((line) => `• ${line}`)].join('\n');
}

/** The nodes failing in `counts` that were not in `before`: the canvas brings the first into view. */
export function newlyFailing(before: CanvasCounts, counts: CanvasCounts): string[] {
  return Object.entries(counts.nodes)
    .filter(([id, count]) => count.health === 'FAILED' && before.nodes[id]?.health !== 'FAILED')
    .map(([id]) => id);
}
