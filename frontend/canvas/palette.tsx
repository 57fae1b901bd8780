// The palette beside the canvas: the kinds by role, each with its icon in its category's colour (click to add
// after the selected node, or drag onto the canvas). It folds to a narrow strip so the canvas can take the width.
import type { CanvasModel, NodeRole } from './canvas-model';
import { Icon } from './icon';

/** The drag data type a palette item carries: the kind's id. */
export const DRAG_TYPE = 'application/x-sluice-kind';

const GROUPS: NodeRole[] = ['SOURCE', 'PROCESSOR', 'TARGET'];

export type PaletteProps = {
  model: CanvasModel;
  collapsed: boolean;
  onCollapse: (collapsed: boolean) => void;
  onAdd: (kind: string) => void;
};

export function Palette({ model, collapsed, onCollapse, onAdd }: PaletteProps) {
  const labels = model.labels;
  const toggle = collapsed ? labels.paletteShow : labels.paletteHide;
  return (
    <nav className={collapsed ? 'flow-palette collapsed' : 'flow-palette'} aria-label={labels.palette}>
      <button
        type="button"
        id="palette-toggle"
        className="flow-palette-toggle"
        aria-expanded={!collapsed}
        aria-label={toggle}
        title={toggle}
        onClick={() => onCollapse(!collapsed)}
      >
        <Icon icon={collapsed ? 'vaadin:angle-double-right' : 'vaadin:angle-double-left'} />
      </button>
      {collapsed ? null : (
        <>
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
                    className={`flow-palette-item cat-${k.category.toLowerCase()}`}
                    data-kind={k.id}
                    title={k.summary}
                    draggable
                    onDragStart={(e) => {
                      e.dataTransfer.setData(DRAG_TYPE, k.id);
                      e.dataTransfer.effectAllowed = 'copy';
                    }}
                    onClick={() => onAdd(k.id)}
                  >
                    <span className="flow-palette-icon">
                      <Icon icon={k.icon} />
                    </span>
                    {k.title}
                  </button>
                ))}
            </div>
          ))}
        </>
      )}
    </nav>
  );
}
