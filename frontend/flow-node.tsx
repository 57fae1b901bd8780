// How a flow node looks, on the editing canvas and in the version diff: its id, its kind, and the marks the
// server set on it (invalid, on a leak route, or added/removed/changed between two versions).
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { NodeRole } from './canvas/canvas-model';

export type Role = NodeRole;
export type NodeData = { kind: string; role: Role; invalid?: boolean; leak?: boolean; mark?: string };

export function SluiceNode({ id, data, selected }: NodeProps<Node<NodeData>>) {
  const classes = ['sluice-node', `role-${data.role.toLowerCase()}`];
  if (data.invalid) classes.push('invalid');
  if (data.leak) classes.push('leak');
  if (data.mark) classes.push(`mark-${data.mark}`);
  if (selected) classes.push('selected');
  return (
    <div className={classes.join(' ')} data-node-id={id} title={data.kind}>
      {data.role !== 'SOURCE' && <Handle type="target" position={Position.Left} />}
      <div className="sluice-node-id">{id}</div>
      <div className="sluice-node-kind">{data.kind}</div>
      {data.role !== 'TARGET' && <Handle type="source" position={Position.Right} />}
    </div>
  );
}

export const nodeTypes = { sluice: SluiceNode };
