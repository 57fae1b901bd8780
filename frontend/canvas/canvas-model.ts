// Generated from the Java records in designer/src/main/java/dev/sluice/flow/ui/CanvasModel.java by
// CanvasModelTypesTest; do not edit. Regenerate with
// ./mvnw -o -q -pl designer -am test -Dtest=CanvasModelTypesTest -Dcanvas.types.write=true -Dsurefire.failIfNoSpecifiedTests=false

export type CanvasModel = {
  revision: number;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  kinds: PaletteKind[];
  labels: Record<string, string>;
};

export type CanvasNode = {
  id: string;
  kind: string;
  x: number;
  y: number;
  summary: string;
};

export type CanvasEdge = {
  from: string;
  to: string;
};

export type PaletteKind = {
  id: string;
  role: NodeRole;
  category: NodeCategory;
  icon: string;
  title: string;
  summary: string;
};

export type NodeRole = 'SOURCE' | 'PROCESSOR' | 'TARGET';

export type NodeCategory = 'SOURCE' | 'FILTER' | 'TRANSFORM' | 'PRIVACY' | 'CODE' | 'TARGET';

export type CanvasGraph = {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
};

export type CanvasMarks = {
  nodes: string[];
  edges: string[];
};

export type NodeNotes = {
  summaries: Record<string, string>;
  problems: Record<string, string[]>;
  leaks: Record<string, string[]>;
};

export type CanvasCounts = {
  nodes: Record<string, NodeCount>;
};

export type NodeCount = {
  in: number;
  out: number;
  failed: number;
  health: NodeHealth;
  error: string;
};

export type NodeHealth = 'OK' | 'FAILED' | 'IDLE';
