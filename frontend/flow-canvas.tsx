// The flow canvas: React Flow wrapped as a Vaadin React adapter element. The server sends the graph and the
// palette as JSON text ("model", with a revision that resets the canvas), the invalid nodes and edges, the route of each
// personal-data leak the guard found ("leaks": node ids and edge ids), the notes on each node ("notes": summaries,
// problems, leaks), a deployed flow's live counts ("counts") and a node to focus; the canvas sends back the graph after
// each edit ("graph") and the selected node id ("selected").
// Node configs live on the server: the canvas knows only ids, kinds, positions and edges. The JSON's types are
// generated from the server's records (canvas/canvas-model.ts); the logic without React lives beside it in canvas/.
import { ReactAdapterElement, type RenderHooks } from 'Frontend/generated/flow/ReactAdapter';
import {
  ReactFlow,
  ReactFlowProvider,
  Background,
  Panel,
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
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CanvasLabels, nodeTypes } from './flow-node';
import type { CanvasCounts, CanvasMarks, CanvasModel, NodeNotes } from './canvas/canvas-model';
import { NO_COUNTS, NO_NOTES, countedEdges, newlyFailing, withCounts, withNotes } from './canvas/decorations';
import {
  NO_MARKS,
  addition,
  edgeId,
  edgesOf,
  graphJson,
  kindsOf,
  linkedAddition,
  markedEdges,
  markedNodes,
  nodesOf,
  type FlowNode,
  type Position,
} from './canvas/graph';
import { focusOn, layoutOf } from './canvas/layout';
import { Legend } from './canvas/legend';
import { DRAG_TYPE, Palette } from './canvas/palette';
import { useStoredFlag } from './canvas/stored-flag';
import { Toolbar } from './canvas/toolbar';
import { useOpeningView } from './canvas/use-opening-view';
import { useShortcuts } from './canvas/use-shortcuts';
import { useUndoRedo } from './canvas/use-undo-redo';

type Snapshot = { nodes: FlowNode[]; edges: Edge[] };

function Canvas(props: {
  model: CanvasModel;
  invalid: CanvasMarks;
  leaks: CanvasMarks;
  notes: NodeNotes;
  counts: CanvasCounts;
  focus: string;
  readOnly: boolean;
  onGraph: (json: string) => void;
  onSelected: (id: string) => void;
}) {
  const { model, invalid, leaks, notes, counts, focus, readOnly, onGraph, onSelected } = props;
  const kinds = useMemo(() => kindsOf(model), [model]);
  const flow = useReactFlow();
  const graphArea = useRef<HTMLDivElement>(null);
  const { recentre, reveal } = useOpeningView(graphArea);
  const [paletteCollapsed, setPaletteCollapsed] = useStoredFlag('sluice.canvas.palette-collapsed', false);
  const [legendShown, setLegendShown] = useStoredFlag('sluice.canvas.legend-shown', true);
  const [nodes, setNodes] = useState<FlowNode[]>(() => nodesOf(model, kinds));
  const [edges, setEdges] = useState<Edge[]>(() => edgesOf(model));
  const revision = useRef(model.revision);
  const [opened] = useState(() => graphJson(nodes, edges));
  const sent = useRef(opened);
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
  const show = useCallback(
    (restored: Snapshot) => {
      setNodes(restored.nodes.map((n) => ({ ...n, selected: false })));
      setEdges(restored.edges.map((e) => ({ ...e, selected: false })));
      tell('');
    },
    [tell],
  );
  const { canUndo, canRedo, reset, settle, undo, redo } = useUndoRedo(show);

  useEffect(() => {
    if (model.revision !== revision.current) {
      revision.current = model.revision;
      reset();
      const reopened = nodesOf(model, kinds);
      const reopenedEdges = edgesOf(model);
      sent.current = graphJson(reopened, reopenedEdges);
      setNodes(reopened);
      setEdges(reopenedEdges);
      setTimeout(() => recentre(), 100);
    }
  }, [model, kinds, recentre, reset]);

  useEffect(() => {
    setNodes((current) => markedNodes(current, invalid, leaks));
    setEdges((current) => markedEdges(current, invalid, leaks));
  }, [invalid, leaks, nodes.length, edges.length, model.revision]);

  useEffect(() => {
    setNodes((current) => withNotes(current, notes));
  }, [notes, nodes.length, model.revision]);

  useEffect(() => {
    setNodes((current) => withCounts(current, counts));
    setEdges((current) => countedEdges(current, counts, model.labels['count.edge'] ?? ''));
  }, [counts, nodes.length, edges.length, model.revision, model.labels]);

  // a node that starts failing is what the steward needs to see: pan to it if it is out of sight
  const countsBefore = useRef(NO_COUNTS);
  useEffect(() => {
    const failing = newlyFailing(countsBefore.current, counts)[0];
    countsBefore.current = counts;
    if (failing) setTimeout(() => reveal(failing), 200);
  }, [counts, reveal]);

  useEffect(() => {
    const id = focus.split('#')[0];
    if (!id) return;
    setNodes((current) => current.map((n) => ({ ...n, selected: n.id === id })));
    selectedId.current = id;
    const node = flow.getNode(id);
    if (!node) return;
    const view = focusOn(node, flow.getZoom());
    void flow.setCenter(view.x, view.y, { zoom: view.zoom, duration: 200 });
  }, [focus, flow]);

  // Tell the server about the graph once an edit settles (not on every pixel of a drag); the graph it sent is
  // not echoed back, which spares a large flow a second validation as it opens.
  useEffect(() => {
    const timer = setTimeout(() => {
      const json = graphJson(nodes, edges);
      const edited = json !== sent.current;
      settle({ nodes, edges }, edited);
      if (edited) {
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
  }, [nodes, edges, onGraph, tell, settle]);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    setNodes((current) => applyNodeChanges(changes, current));
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange[]) => setEdges((current) => applyEdgeChanges(changes, current)), []);
  const onConnect = useCallback(
    (c: Connection) => setEdges((current) => addEdge({ ...c, id: edgeId(c.source, c.target) }, current)),
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
    (kindId: string, at?: Position) => {
      const kind = kinds.get(kindId);
      if (!kind) return;
      setNodes((current) => {
        const { node, linkFrom } = addition(current, selectedId.current, kind, at);
        if (linkFrom) {
          setEdges((es) => linkedAddition(es, linkFrom, node.id, kind.role));
        }
        pendingSelect.current = node.id;
        setTimeout(() => reveal(node.id), 60);
        return [...current.map((n) => ({ ...n, selected: false })), node];
      });
    },
    [kinds, reveal],
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
    void flow.deleteElements({ nodes: nodes.filter((n) => n.selected), edges: edges.filter((e) => e.selected) });
  }, [flow, nodes, edges]);

  const layout = useCallback(() => {
    setNodes((current) => layoutOf(current, edges));
    setTimeout(() => recentre(200), 60);
  }, [edges, recentre]);
  const zoomIn = useCallback(() => void flow.zoomIn({ duration: 150 }), [flow]);
  const zoomOut = useCallback(() => void flow.zoomOut({ duration: 150 }), [flow]);
  const fit = useCallback(() => void flow.fitView({ padding: 0.15, maxZoom: 1, duration: 200 }), [flow]);
  const ignore = useCallback(() => undefined, []);
  useShortcuts(readOnly ? { undo: ignore, redo: ignore, layout: ignore } : { undo, redo, layout });

  return (
    <CanvasLabels.Provider value={model.labels}>
      <div className={readOnly ? 'flow-canvas-frame read-only' : 'flow-canvas-frame'}>
        {readOnly ? null : <Palette model={model} collapsed={paletteCollapsed} onCollapse={setPaletteCollapsed} onAdd={add} />}
        <div className="flow-canvas-graph" onDrop={readOnly ? undefined : onDrop} onDragOver={readOnly ? undefined : onDragOver}>
          <Toolbar
            labels={model.labels}
            readOnly={readOnly}
            canUndo={canUndo}
            canRedo={canRedo}
            canDelete={nodes.some((n) => n.selected) || edges.some((e) => e.selected)}
            legendShown={legendShown}
            onUndo={undo}
            onRedo={redo}
            onLayout={layout}
            onDelete={removeSelected}
            onZoomIn={zoomIn}
            onZoomOut={zoomOut}
            onFit={fit}
            onLegend={() => setLegendShown(!legendShown)}
          />
          <div className="flow-canvas-flow" ref={graphArea}>
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
              nodesDraggable={!readOnly}
              nodesConnectable={!readOnly}
              edgesReconnectable={!readOnly}
              deleteKeyCode={readOnly ? null : ['Backspace', 'Delete']}
              minZoom={0.1}
              maxZoom={2}
            >
              <Background />
              {legendShown ? (
                <Panel position="bottom-left">
                  <Legend labels={model.labels} onHide={() => setLegendShown(false)} />
                </Panel>
              ) : null}
            </ReactFlow>
          </div>
        </div>
      </div>
    </CanvasLabels.Provider>
  );
}

/** JSON text from the server, or `empty` while a state name has not been set (it arrives undefined or null). */
function parsed<T>(json: unknown, empty: T): T {
  return typeof json === 'string' && json ? (JSON.parse(json) as T) : empty;
}

class FlowCanvasElement extends ReactAdapterElement {
  protected override render(hooks: RenderHooks): React.ReactElement | null {
    const [modelJson] = hooks.useState<string>('model');
    const [invalidJson] = hooks.useState<string>('invalid');
    const [leaksJson] = hooks.useState<string>('leaks');
    const [notesJson] = hooks.useState<string>('notes');
    const [countsJson] = hooks.useState<string>('counts');
    const [focus] = hooks.useState<string>('focus');
    const [readOnly] = hooks.useState<boolean>('readOnly');
    const [, setGraph] = hooks.useState<string>('graph');
    const [, setSelected] = hooks.useState<string>('selected');
    const model = useMemo(() => parsed<CanvasModel | null>(modelJson, null), [modelJson]);
    const invalid = useMemo(() => parsed(invalidJson, NO_MARKS), [invalidJson]);
    const leaks = useMemo(() => parsed(leaksJson, NO_MARKS), [leaksJson]);
    const notes = useMemo(() => parsed(notesJson, NO_NOTES), [notesJson]);
    const counts = useMemo(() => parsed(countsJson, NO_COUNTS), [countsJson]);
    if (!model) return null;
    return (
      <ReactFlowProvider>
        <Canvas
          model={model}
          invalid={invalid}
          leaks={leaks}
          notes={notes}
          counts={counts}
          focus={typeof focus === 'string' ? focus : ''}
          readOnly={readOnly === true}
          onGraph={setGraph}
          onSelected={setSelected}
        />
      </ReactFlowProvider>
    );
  }
}

customElements.define('sluice-flow-canvas', FlowCanvasElement);
