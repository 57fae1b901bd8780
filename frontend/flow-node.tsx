// How a flow node looks, on the editing canvas and in the version diff: an icon in its category's colour, its id,
// its kind's title and the server's one-line summary of its settings; badges for its problems and the personal data
// reaching it; for a deployed flow its counts and a health dot; and the marks the server set on it (invalid, on a
// leak route, or added/removed/changed between two versions).
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { createContext, useContext } from 'react';
import type { NodeCategory, NodeCount, NodeRole } from './canvas/canvas-model';
import { badgeTitle } from './canvas/decorations';
import { Icon } from './canvas/icon';

export type Role = NodeRole;
export type NodeData = {
  kind: string;
  role: Role;
  category?: NodeCategory;
  icon?: string;
  title?: string;
  summary?: string;
  invalid?: boolean;
  leak?: boolean;
  mark?: string;
  problems?: string[];
  leaks?: string[];
  counts?: NodeCount;
};

/** The canvas's labels in the user's language; the diff view has none and shows no counts or badges text. */
export const CanvasLabels = createContext<Record<string, string>>({});

const FALLBACK_CATEGORY: Record<Role, NodeCategory> = { SOURCE: 'SOURCE', PROCESSOR: 'TRANSFORM', TARGET: 'TARGET' };

function Badge({ kind, icon, what, lines }: { kind: string; icon: string; what: string; lines: string[] }) {
  const title = badgeTitle(what, lines);
  return (
    <span className={`sluice-badge badge-${kind}`} role="img" title={title} aria-label={title} data-count={lines.length}>
      <Icon icon={icon} />
      {lines.length}
    </span>
  );
}

function Counts({ counts, labels }: { counts: NodeCount; labels: Record<string, string> }) {
  return (
    <div className="sluice-node-counts">
      <span data-count="in">{labels['count.in'] ?? 'in'} {counts.in}</span>
      <span data-count="out">{labels['count.out'] ?? 'out'} {counts.out}</span>
      <span data-count="failed" className={counts.failed > 0 ? 'has-failed' : undefined}>
        {labels['count.failed'] ?? 'failed'} {counts.failed}
      </span>
    </div>
  );
}

export function SluiceNode({ id, data, selected }: NodeProps<Node<NodeData>>) {
  const labels = useContext(CanvasLabels);
  const category = data.category ?? FALLBACK_CATEGORY[data.role];
  const classes = ['sluice-node', `role-${data.role.toLowerCase()}`, `cat-${category.toLowerCase()}`];
  if (data.invalid) classes.push('invalid');
  if (data.leak) classes.push('leak');
  if (data.mark) classes.push(`mark-${data.mark}`);
  if (selected) classes.push('selected');
  const counts = data.counts;
  if (counts) classes.push(`health-${counts.health.toLowerCase()}`);
  const problems = data.problems ?? [];
  const leaks = data.leaks ?? [];
  const health = counts ? [labels[`health.${counts.health}`] ?? counts.health, counts.error].filter(Boolean).join('\n') : '';
  return (
    <div className={classes.join(' ')} data-node-id={id} title={[data.title ?? data.kind, data.summary, counts?.error].filter(Boolean).join('\n')}>
      {data.role !== 'SOURCE' && <Handle type="target" position={Position.Left} />}
      <div className="sluice-node-icon">
        <Icon icon={data.icon ?? 'vaadin:cog'} />
      </div>
      <div className="sluice-node-body">
        <div className="sluice-node-head">
          <span className="sluice-node-id">{id}</span>
          {counts && <span className={`sluice-node-health health-${counts.health.toLowerCase()}`} role="img" title={health} aria-label={health} />}
        </div>
        <div className="sluice-node-kind">{data.title ?? data.kind}</div>
        {data.summary ? <div className="sluice-node-summary">{data.summary}</div> : null}
        {counts && <Counts counts={counts} labels={labels} />}
      </div>
      {problems.length + leaks.length > 0 && (
        <div className="sluice-node-badges">
          {problems.length > 0 && <Badge kind="problems" icon="vaadin:warning" what={labels['badge.problems'] ?? ''} lines={problems} />}
          {leaks.length > 0 && <Badge kind="leaks" icon="vaadin:drop" what={labels['badge.leaks'] ?? ''} lines={leaks} />}
        </div>
      )}
      {data.role !== 'TARGET' && <Handle type="source" position={Position.Right} />}
    </div>
  );
}

export const nodeTypes = { sluice: SluiceNode };
