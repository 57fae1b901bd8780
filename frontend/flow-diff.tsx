// Two versions of a flow side by side, read-only: nodes and edges the newer version added are marked on its
// side, those it removed on the older side, nodes whose config changed on both. The server sends the whole
// comparison as JSON text ("diff"): {"sides": [{"title", "nodes": [{id, kind, role, x, y, change}],
// "edges": [{from, to, change}]}, ...]}.
import { ReactAdapterElement, type RenderHooks } from 'Frontend/generated/flow/ReactAdapter';
import { ReactFlow, ReactFlowProvider, Background, type Edge, type Node } from '@xyflow/react';
import React, { useMemo } from 'react';
import { nodeTypes, type NodeData, type Role } from './flow-node';

type Side = {
  title: string;
  nodes: { id: string; kind: string; role: Role; x: number; y: number; change?: string }[];
  edges: { from: string; to: string; change?: string }[];
};
type Diff = { sides: Side[] };

function Graph({ side }: { side: Side }) {
  const nodes = useMemo<Node<NodeData>[]>(
    () =>
      side.nodes.map((n) => ({
        id: n.id,
        type: 'sluice',
        position: { x: n.x, y: n.y },
        data: { kind: n.kind, role: n.role, change: n.change },
      })),
    [side],
  );
  const edges = useMemo<Edge[]>(
    () =>
      side.edges.map((e) => ({
        id: `${e.from}->${e.to}`,
        source: e.from,
        target: e.to,
        className: e.change ? `change-${e.change}` : undefined,
      })),
    [side],
  );
  return (
    <figure className="flow-diff-side">
      <figcaption>{side.title}</figcaption>
      <div className="flow-diff-graph">
        <ReactFlowProvider>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            fitView
            fitViewOptions={{ padding: 0.15 }}
          >
            <Background />
          </ReactFlow>
        </ReactFlowProvider>
      </div>
    </figure>
  );
}

class FlowDiffElement extends ReactAdapterElement {
  protected override render(hooks: RenderHooks): React.ReactElement | null {
    const [diffJson] = hooks.useState<string>('diff');
    const diff = useMemo(
      () => (typeof diffJson === 'string' && diffJson ? (JSON.parse(diffJson) as Diff) : null),
      [diffJson],
    );
    if (!diff) return null;
    return (
      <div className="flow-diff">
        {diff.sides.map((side) => (
          <Graph key={side.title} side={side} />
        ))}
      </div>
    );
  }
}

customElements.define('sluice-flow-diff', FlowDiffElement);
