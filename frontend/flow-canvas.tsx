// The flow canvas: React Flow wrapped as a Vaadin React adapter element. The server sends the graph and the
// palette as JSON text ("model", with a revision that resets the canvas), the invalid nodes and edges, the route of each
// personal-data leak the guard found ("leaks": node ids and edge ids) and a node to focus; the canvas sends back the graph after each edit ("graph") and the selected node id ("selected").
// Node configs live on the server: the canvas knows only ids, kinds, positions and edges.
import { ReactAdapterElement, type RenderHooks } from 'Frontend/generated/flow/ReactAdapter';
import {
  ReactFlow,
  ReactFlowProvider,
  Background,
  Controls,
  addEdge,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import dagre from '@dagrejs/dagre';
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { nodeTypes, type NodeData, type Role } from './flow-node';

type Kind = { id: string; summary: string; role: Role };
type Model = {
  revision: number;
  nodes: { id: string; kind: string; x: number; y: number }[];
  edges: { from: string; to: string }[];
  kinds: Kind[];
  labels: Record<string, string>;
};
type Marks = { nodes: string[]; edges: string[] };
const NO_MARKS: Marks = { nodes: [], edges: [] };

const DRAG_TYPE = 'application/x-sluice-kind';
const HISTORY_LIMIT = 100;

type Snapshot = { nodes: Node<NodeData>[]; edges: Edge[] };

/** Left to right, sources first: each node in the column of its longest path from a source. */
function layoutOf(nodes: Node<NodeData>[], edges: Edge[]): Node<NodeData>[] {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  nodes.forEach((n) => graph.setNode(n.id, { width: n.measured?.width ?? 160, height: n.measured?.height ?? 60 }));
  edges.forEach((e) => graph.setEdge(e.source, e.target));
  dagre.layout(graph);
  return nodes.map((n) => {
    const at = graph.node(n.id);
    const width = n.measured?.width ?? 160;
    const height = n.measured?.height ?? 60;
    return { ...n, position: { x: Math.round(at.x - width / 2), y: Math.round(at.y - height / 2) } };
  });
}


/** The graph as the server is told it: ids, kinds, rounded positions and edges. */
function graphJson(nodes: Node<NodeData>[], edges: Edge[]): string {
  return JSON.stringify({
    nodes: nodes.map((n) => ({ id: n.id, kind: n.data.kind, x: Math.round(n.position.x), y: Math.round(n.position.y) })),
    edges: edges.map((e) => ({ from: e.source, to: e.target })),
  });
}

function freshId(kind: string, taken: Set<string>): string {
  const base = kind.replace(/^target\./, '').replace(/[^A-Za-z0-9_-]/g, '-');
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}

function Canvas(props: {
  model: Model;
  invalid: Marks;
  leaks: Marks;
  focus: string;
  onGraph: (json: string) => void;
  onSelected: (id: string) => void;
}) {
  const { model, invalid, leaks, focus, onGraph, onSelected } = props;
  const roles = useMemo(() => new Map(model.kinds.map((k) => [k.id, k.role])), [model.kinds]);
  const flow = useReactFlow();
  const toNodes = useCallback(
    (m: Model): Node<NodeData>[] =>
      m.nodes.map((n) => ({
        id: n.id,
        type: 'sluice',
        position: { x: n.x, y: n.y },
        data: { kind: n.kind, role: roles.get(n.kind) ?? 'PROCESSOR', invalid: false, leak: false },
      })),
    [roles],
  );
  const [nodes, setNodes] = useState<Node<NodeData>[]>(() => toNodes(model));
  const [edges, setEdges] = useState<Edge[]>(() =>
    model.edges.map((e) => ({ id: `${e.from}->${e.to}`, source: e.from, target: e.to })),
  );
  const revision = useRef(model.revision);
  const [opened] = useState(() => graphJson(nodes, edges));
  const sent = useRef(opened);
  // Undo and redo work on settled graphs: an edit counts once it has settled, like what the server is told.
  const past = useRef<Snapshot[]>([]);
  const future = useRef<Snapshot[]>([]);
  const settled = useRef<Snapshot | null>(null);
  const restoring = useRef(false);
  const [historySize, setHistorySize] = useState<[number, number]>([0, 0]);
  const selectedId = useRef('');
  const pendingSelect = useRef<string | null>(null);
  const tell = useCallback(
    (id: string) => {
      if (id !== selectedId.current) {
        selectedId.current = id;
        onSelected(id);
      }
    },
    [onSelected],
  );

  useEffect(() => {
    if (model.revision !== revision.current) {
      revision.current = model.revision;
      past.current = [];
      future.current = [];
      settled.current = null;
      setHistorySize([0, 0]);
      const reopened = toNodes(model);
      const reopenedEdges = model.edges.map((e) => ({ id: `${e.from}->${e.to}`, source: e.from, target: e.to }));
      sent.current = graphJson(reopened, reopenedEdges);
      setNodes(reopened);
      setEdges(reopenedEdges);
      setTimeout(() => flow.fitView({ padding: 0.2 }), 50);
    }
  }, [model, toNodes, flow]);

  useEffect(() => {
    const badNodes = new Set(invalid.nodes);
    const leakNodes = new Set(leaks.nodes);
    setNodes((current) =>
      current.map((n) => {
        const bad = badNodes.has(n.id);
        const leak = leakNodes.has(n.id);
        return n.data.invalid === bad && n.data.leak === leak ? n : { ...n, data: { ...n.data, invalid: bad, leak } };
      }),
    );
    const badEdges = new Set(invalid.edges);
    const leakEdges = new Set(leaks.edges);
    setEdges((current) =>
      current.map((e) => {
        const classes = [badEdges.has(e.id) ? 'invalid' : '', leakEdges.has(e.id) ? 'leak' : ''].filter(Boolean);
        const className = classes.length ? classes.join(' ') : undefined;
        return e.className === className ? e : { ...e, className, animated: leakEdges.has(e.id) };
      }),
    );
  }, [invalid, leaks, nodes.length, edges.length, model.revision]);

  useEffect(() => {
    const id = focus.split('#')[0];
    if (!id) return;
    setNodes((current) => current.map((n) => ({ ...n, selected: n.id === id })));
    selectedId.current = id;
    flow.fitView({ nodes: [{ id }], padding: 1.5, duration: 200 });
  }, [focus, flow]);

  // Tell the server about the graph once an edit settles (not on every pixel of a drag); the graph it sent is
  // not echoed back, which spares a large flow a second validation as it opens.
  useEffect(() => {
    const timer = setTimeout(() => {
      const json = graphJson(nodes, edges);
      if (json === sent.current && !settled.current) {
        settled.current = { nodes, edges };
      } else if (json !== sent.current) {
        if (settled.current && !restoring.current) {
          past.current = [...past.current.slice(1 - HISTORY_LIMIT), settled.current];
          future.current = [];
        }
        restoring.current = false;
        settled.current = { nodes, edges };
        setHistorySize([past.current.length, future.current.length]);
        sent.current = json;
        onGraph(json);
      }
      if (pendingSelect.current !== null) {
        const id = pendingSelect.current;
        pendingSelect.current = null;
        selectedId.current = '';
        tell(id);
      }
    }, 200);
    return () => clearTimeout(timer);
  }, [nodes, edges, onGraph, tell]);

  const onNodesChange = useCallback((changes: NodeChange<Node<NodeData>>[]) => {
    setNodes((current) => applyNodeChanges(changes, current));
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange[]) => setEdges((current) => applyEdgeChanges(changes, current)), []);
  const onConnect = useCallback(
    (c: Connection) => setEdges((current) => addEdge({ ...c, id: `${c.source}->${c.target}` }, current)),
    [],
  );
  const onNodeClick = useCallback((_: React.MouseEvent, node: Node) => tell(node.id), [tell]);
  const onPaneClick = useCallback(() => tell(''), [tell]);
  const onNodesDelete = useCallback(
    (deleted: Node[]) => {
      if (deleted.some((n) => n.id === selectedId.current)) tell('');
    },
    [tell],
  );

  const add = useCallback(
    (kind: string, at?: { x: number; y: number }) => {
      const role = roles.get(kind) ?? 'PROCESSOR';
      setNodes((current) => {
        const id = freshId(kind, new Set(current.map((n) => n.id)));
        const after = current.find((n) => n.id === selectedId.current);
        let position = at;
        if (!position) {
          position = after
            ? { x: after.position.x + 220, y: after.position.y }
            : { x: 40 + 220 * current.length, y: 80 };
        }
        // Never on top of another node: a node under the new one could no longer be clicked.
        const free = (p: { x: number; y: number }) =>
          !current.some((n) => Math.abs(n.position.x - p.x) < 160 && Math.abs(n.position.y - p.y) < 70);
        while (!at && !free(position)) {
          position = { x: position.x, y: position.y + 110 };
        }
        if (!at && after && after.data.role !== 'TARGET' && role !== 'SOURCE') {
          setEdges((es) => addEdge({ id: `${after.id}->${id}`, source: after.id, target: id }, es));
        }
        const created: Node<NodeData> = {
          id,
          type: 'sluice',
          position,
          selected: true,
          data: { kind, role, invalid: false, leak: false },
        };
        pendingSelect.current = id;
        // keep the whole flow in view as it grows
        setTimeout(() => flow.fitView({ padding: 0.2, duration: 150 }), 60);
        return [...current.map((n) => ({ ...n, selected: false })), created];
      });
    },
    [roles, flow],
  );

  const onDrop = useCallback(
    (event: React.DragEvent) => {
      const kind = event.dataTransfer.getData(DRAG_TYPE);
      if (!kind) return;
      event.preventDefault();
      add(kind, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [add, flow],
  );
  const onDragOver = useCallback((event: React.DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const removeSelected = useCallback(() => {
    flow.deleteElements({ nodes: nodes.filter((n) => n.selected), edges: edges.filter((e) => e.selected) });
  }, [flow, nodes, edges]);

  const restore = useCallback(
    (from: React.MutableRefObject<Snapshot[]>, to: React.MutableRefObject<Snapshot[]>) => {
      const target = from.current[from.current.length - 1];
      if (!target || !settled.current) return;
      from.current = from.current.slice(0, -1);
      to.current = [...to.current, settled.current];
      restoring.current = true;
      setNodes(target.nodes.map((n) => ({ ...n, selected: false })));
      setEdges(target.edges.map((e) => ({ ...e, selected: false })));
      setHistorySize([past.current.length, future.current.length]);
      tell('');
    },
    [tell],
  );
  const undo = useCallback(() => restore(past, future), [restore]);
  const redo = useCallback(() => restore(future, past), [restore]);
  const tidy = useCallback(() => {
    setNodes((current) => layoutOf(current, edges));
    setTimeout(() => flow.fitView({ padding: 0.2, duration: 200 }), 60);
  }, [edges, flow]);
  // Shortcuts anywhere on the page except while typing in a field (Vaadin's inputs sit in shadow roots).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const typing = event.composedPath().some((el) => el instanceof HTMLElement
          && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable));
      if (typing) return;
      const command = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (command && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) redo();
        else undo();
      } else if (command && key === 'y') {
        event.preventDefault();
        redo();
      } else if (event.altKey && event.shiftKey && key === 'l') {
        event.preventDefault();
        tidy();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [undo, redo, tidy]);

  const groups: Role[] = ['SOURCE', 'PROCESSOR', 'TARGET'];
  return (
    <div className="flow-canvas-frame">
      <nav className="flow-palette" aria-label={model.labels.palette}>
        <div className="flow-palette-hint">{model.labels.paletteHint}</div>
        {groups.map((role) => (
          <div key={role} className="flow-palette-group">
            <div className="flow-palette-title">{model.labels[`role.${role}`] ?? role}</div>
            {model.kinds
              .filter((k) => k.role === role)
              .map((k) => (
                <button
                  key={k.id}
                  type="button"
                  className="flow-palette-item"
                  data-kind={k.id}
                  title={k.summary}
                  draggable
                  onDragStart={(e) => {
                    e.dataTransfer.setData(DRAG_TYPE, k.id);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => add(k.id)}
                >
                  {k.id}
                </button>
              ))}
          </div>
        ))}
        <button type="button" className="flow-palette-delete" onClick={removeSelected}>
          {model.labels.deleteSelected}
        </button>
        <div className="flow-palette-tools">
          <button type="button" id="canvas-undo" title={model.labels.undoHint} disabled={historySize[0] === 0}
                  onClick={undo}>
            {model.labels.undo}
          </button>
          <button type="button" id="canvas-redo" title={model.labels.redoHint} disabled={historySize[1] === 0}
                  onClick={redo}>
            {model.labels.redo}
          </button>
          <button type="button" id="canvas-layout" title={model.labels.layoutHint} onClick={tidy}>
            {model.labels.layout}
          </button>
        </div>
      </nav>
      <div className="flow-canvas-graph" onDrop={onDrop} onDragOver={onDragOver}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onNodeClick={onNodeClick}
          onPaneClick={onPaneClick}
          onNodesDelete={onNodesDelete}
          deleteKeyCode={['Backspace', 'Delete']}
          fitView
          fitViewOptions={{ padding: 0.2 }}
        >
          <Background />
          <Controls />
        </ReactFlow>
      </div>
    </div>
  );
}

class FlowCanvasElement extends ReactAdapterElement {
  protected override render(hooks: RenderHooks): React.ReactElement | null {
    const [modelJson] = hooks.useState<string>('model');
    const [invalidJson] = hooks.useState<string>('invalid');
    const [leaksJson] = hooks.useState<string>('leaks');
    const [focus] = hooks.useState<string>('focus');
    const [, setGraph] = hooks.useState<string>('graph');
    const [, setSelected] = hooks.useState<string>('selected');
    // State names the server has not set yet arrive as undefined or null; only strings are ours.
    const model = useMemo(
      () => (typeof modelJson === 'string' && modelJson ? (JSON.parse(modelJson) as Model) : null),
      [modelJson],
    );
    const invalid = useMemo(
      () => (typeof invalidJson === 'string' && invalidJson ? (JSON.parse(invalidJson) as Marks) : NO_MARKS),
      [invalidJson],
    );
    const leaks = useMemo(
      () => (typeof leaksJson === 'string' && leaksJson ? (JSON.parse(leaksJson) as Marks) : NO_MARKS),
      [leaksJson],
    );
    if (!model) return null;
    return (
      <ReactFlowProvider>
        <Canvas model={model} invalid={invalid} leaks={leaks} focus={typeof focus === 'string' ? focus : ''} onGraph={setGraph} onSelected={setSelected} />
      </ReactFlowProvider>
    );
  }
}

customElements.define('sluice-flow-canvas', FlowCanvasElement);
