// What the canvas's colours, badges and dots mean: small, in a corner, and hidden at a click.
import type { NodeCategory } from './canvas-model';
import { Icon } from './icon';

const CATEGORIES: NodeCategory[] = ['SOURCE', 'FILTER', 'TRANSFORM', 'PRIVACY', 'CODE', 'TARGET'];

export function Legend({ labels, onHide }: { labels: Record<string, string>; onHide: () => void }) {
  return (
    <aside className="flow-legend" id="canvas-legend" aria-label={labels.legend}>
      <button type="button" className="flow-legend-hide" aria-label={labels.legendHide} title={labels.legendHide} onClick={onHide}>
        ×
      </button>
      <ul>
        {CATEGORIES.map((c) => (
          <li key={c}>
            <span className={`flow-legend-swatch cat-${c.toLowerCase()}`} />
            {labels[`category.${c}`] ?? c}
          </li>
        ))}
      </ul>
      <ul>
        <li>
          <span className="sluice-badge badge-problems"><Icon icon="vaadin:warning" /></span>
          {labels['badge.problems']}
        </li>
        <li>
          <span className="sluice-badge badge-leaks"><Icon icon="vaadin:drop" /></span>
          {labels['badge.leaks']}
        </li>
        {(['OK', 'FAILED', 'IDLE'] as const).map((h) => (
          <li key={h}>
            <span className={`sluice-node-health health-${h.toLowerCase()}`} />
            {labels[`health.${h}`]}
          </li>
        ))}
      </ul>
    </aside>
  );
}
