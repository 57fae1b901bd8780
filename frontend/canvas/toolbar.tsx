// The tools along the top of the canvas: undo, redo, tidy up and delete (for those who may edit), zoom and fit,
// and the legend's switch. Icon buttons, each with its label as tooltip and for screen readers.
import { Icon } from './icon';

type Labels = Record<string, string>;

function Tool(props: { id: string; icon: string; label: string; hint?: string; disabled?: boolean; onClick: () => void }) {
  const { id, icon, label, hint, disabled, onClick } = props;
  return (
    <button type="button" id={id} className="flow-tool" aria-label={label} title={hint ?? label} disabled={disabled} onClick={onClick}>
      <Icon icon={icon} />
    </button>
  );
}

export type ToolbarProps = {
  labels: Labels;
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  canDelete: boolean;
  legendShown: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onDelete: () => void;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
  onLegend: () => void;
};

export function Toolbar(props: ToolbarProps) {
  const { labels, readOnly } = props;
  return (
    <div className="flow-toolbar" role="toolbar" aria-label={labels.toolbar}>
      {readOnly ? null : (
        <>
          <Tool id="canvas-undo" icon="vaadin:reply" label={labels.undo ?? 'Undo'} hint={labels.undoHint} disabled={!props.canUndo} onClick={props.onUndo} />
          <Tool id="canvas-redo" icon="vaadin:reply" label={labels.redo ?? 'Redo'} hint={labels.redoHint} disabled={!props.canRedo} onClick={props.onRedo} />
          <Tool id="canvas-layout" icon="vaadin:sitemap" label={labels.layout ?? 'Tidy up'} hint={labels.layoutHint} onClick={props.onLayout} />
          <Tool id="canvas-delete" icon="vaadin:trash" label={labels.deleteSelected ?? 'Delete'} hint={labels.deleteHint} disabled={!props.canDelete} onClick={props.onDelete} />
          <span className="flow-toolbar-gap" />
        </>
      )}
      <Tool id="canvas-zoom-in" icon="vaadin:search-plus" label={labels.zoomIn ?? 'Zoom in'} onClick={props.onZoomIn} />
      <Tool id="canvas-zoom-out" icon="vaadin:search-minus" label={labels.zoomOut ?? 'Zoom out'} onClick={props.onZoomOut} />
      <Tool id="canvas-fit" icon="vaadin:expand-square" label={labels.fit ?? 'Fit'} onClick={props.onFit} />
      <span className="flow-toolbar-fill" />
      <button
        type="button"
        id="canvas-legend-toggle"
        className="flow-tool flow-tool-text"
        aria-pressed={props.legendShown}
        aria-label={labels.legend}
        title={labels.legend}
        onClick={props.onLegend}
      >
        <Icon icon="vaadin:info-circle-o" />
        <span>{labels.legend}</span>
      </button>
    </div>
  );
}
