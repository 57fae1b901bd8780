// The palette beside the canvas: the kinds by role (click to add after the selected node, or drag onto the
// canvas), delete, and the undo, redo and layout tools.
import type { CanvasModel, NodeRole } from './canvas-model';

/** The drag data type a palette item carries: the kind's id. */
export const DRAG_TYPE = 'application/x-sluice-kind';

const GROUPS: NodeRole[] = ['SOURCE', 'PROCESSOR', 'TARGET'];

export type PaletteProps = {
  model: CanvasModel;
  canUndo: boolean;
  canRedo: boolean;
  onAdd: (kind: string) => void;
  onDelete: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
};

export function Palette({ model, canUndo, canRedo, onAdd, onDelete, onUndo, onRedo, onLayout }: PaletteProps) {
  const labels = model.labels;
  return (
    <nav className="flow-palette" aria-label={labels.palette}>
      <div className="flow-palette-hint">{labels.paletteHint}</div>
      {GROUPS.map((role) => (
        <div key={role} className="flow-palette-group">
          <div className="flow-palette-title">{labels[`role.${role}`] ?? role}</div>
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
                onClick={() => onAdd(k.id)}
              >
                {k.title}
              </button>
            ))}
        </div>
      ))}
      <button type="button" className="flow-palette-delete" onClick={onDelete}>
        {labels.deleteSelected}
      </button>
      <div className="flow-palette-tools">
        <button type="button" id="canvas-undo" title={labels.undoHint} disabled={!canUndo} onClick={onUndo}>
          {labels.undo}
        </button>
        <button type="button" id="canvas-redo" title={labels.redoHint} disabled={!canRedo} onClick={onRedo}>
          {labels.redo}
        </button>
        <button type="button" id="canvas-layout" title={labels.layoutHint} onClick={onLayout}>
          {labels.layout}
        </button>
      </div>
    </nav>
  );
}
