// A small time chart (Chart.js) for flow monitoring. The server sends the chart as JSON text ("chart"):
// {"labels": [...], "series": [{"label", "color", "values": [...]}], "yTitle", "sparkline"}; a sparkline has
// no axes, legend or tooltips and fits a table row.
import { ReactAdapterElement, type RenderHooks } from 'Frontend/generated/flow/ReactAdapter';
import {
  Chart,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import React, { useEffect, useMemo, useRef } from 'react';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip, Filler);

type Series = { label: string; color: string; values: (number | null)[] };
type ChartModel = { labels: string[]; series: Series[]; yTitle?: string; sparkline?: boolean };

function TimeChart({ model }: { model: ChartModel }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const sparkline = !!model.sparkline;
    chart.current = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels: model.labels,
        datasets: model.series.map((s) => ({
          label: s.label,
          data: s.values,
          borderColor: s.color,
          backgroundColor: s.color + '33',
          fill: sparkline,
          borderWidth: sparkline ? 1.5 : 2,
          pointRadius: 0,
          tension: 0.25,
          spanGaps: false,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: !sparkline }, tooltip: { enabled: !sparkline } },
        scales: {
          x: { display: !sparkline, ticks: { maxTicksLimit: 6, maxRotation: 0 } },
          y: { display: !sparkline, beginAtZero: true, title: { display: !!model.yTitle, text: model.yTitle } },
        },
      },
    });
    return () => chart.current?.destroy();
  }, [model]);
  return <canvas ref={canvas} role="img" aria-label={model.series.map((s) => s.label).join(', ')} />;
}

class FlowChartElement extends ReactAdapterElement {
  protected override render(hooks: RenderHooks): React.ReactElement | null {
    const [chartJson] = hooks.useState<string>('chart');
    const model = useMemo(
      () => (typeof chartJson === 'string' && chartJson ? (JSON.parse(chartJson) as ChartModel) : null),
      [chartJson],
    );
    if (!model) return null;
    return <TimeChart model={model} />;
  }
}

customElements.define('sluice-flow-chart', FlowChartElement);
