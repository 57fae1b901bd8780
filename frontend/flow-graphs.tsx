// Flow graphs shown read-only, side by side, with nodes and edges marked by the server: a version comparison
// (added, removed, changed) or an import that was refused (invalid). The server sends them as JSON text
// ("graphs"): {"sides": [{"title", "nodes": [{id, kind, role, x, y, mark}], "edges": [{from, to, mark}]}, ...]}.
import { ReactAdapterElement, type RenderHooks } from 'Frontend/generated/flow/ReactAdapter';
import { ReactFlow, ReactFlowProvider, Background, type Edge, type Node } from '@xyflow/react';
import React, { useMemo } from 'react';
import { nodeTypes, type NodeData, type Role } from './flow-node';

type Side = {
  title: string;
  nodes: { id: string; kind: string; role: Role; x: number; y: number; mark?: string }[];
  edges: { from: string; to: string; mark?: string }[];
};
type Graphs = { sides: Side[] };

function Graph({ side }: { side: Side }) {
  const nodes = useMemo<Node<NodeData>[]>(
    () =>
      side.nodes.map((n) => ({
        id: n.id,
        type: 'sluice',
        position: { x: n.x, y: n.y },
        data: { kind: n.kind, role: n.role, mark: n.mark },
      })),
    [side],
  );
  const edges = useMemo<Edge[]>(
    () =>
      side.edges.map((e) => ({
        id: `${e.from}->${e.to}`,
        source: e.from,
        target: e.to,
        className: e.mark ? `mark-${e.mark}` : undefined,
      })),
    [side],
  );
  return (
    <figure className="flow-graphs-side">
      {side.title && <figcaption>{side.title}</figcaption>}
      <div className="flow-graphs-graph">
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

class FlowGraphsElement extends ReactAdapterElement {
  protected override render(hooks: RenderHooks): React.ReactElement | null {
    const [graphsJson] = hooks.useState<string>('graphs');
    const graphs = useMemo(
      () => (typeof graphsJson === 'string' && graphsJson ? (JSON.parse(graphsJson) as Graphs) : null),
      [graphsJson],
    );
    if (!graphs) return null;
    return (
      <div className="flow-graphs">
        {graphs.sides.map((side) => (
          <Graph key={side.title || 'graph'} side={side} />
        ))}
      </div>
    );
  }
}

customElements.define('sluice-flow-graphs', FlowGraphsElement);
