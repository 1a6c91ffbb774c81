// A small line chart of a topic's recent values: plain SVG drawn in the theme's colours, the last, lowest and
// highest value written beside it. Screen readers get the same numbers from the image's label.
import { useT } from '../../i18n/i18n.ts';
import { formatValue, linePoints, summarize, type ChartPoint } from './value-fields.ts';

/** The drawing's own units; the SVG stretches to the pane's width. */
const WIDTH = 300;
const HEIGHT = 60;

interface ValueChartProps {
  topic: string;
  /** Newest first, as inbox.values returns them. */
  points: readonly ChartPoint[];
}

export function ValueChart({ topic, points }: ValueChartProps) {
  const t = useT();
  const summary = summarize(points);
  if (summary === null) return null;
  const [last, min, max] = [summary.last, summary.min, summary.max].map(formatValue) as [string, string, string];
  const coordinates = linePoints(points, WIDTH, HEIGHT);
  // One point is a level line across the chart: a polyline of one point would draw nothing.
  const drawn =
    coordinates.length === 1 ? [[0, coordinates[0]![1]] as const, [WIDTH, coordinates[0]![1]] as const] : coordinates;
  return (
    <figure className="value-chart">
      <svg
        role="img"
        aria-label={t('inbox.chart.label', { topic, last, min, max, count: summary.count })}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        data-testid="value-chart"
      >
        <polyline className="value-chart-line" points={drawn.map(([x, y]) => `${x},${y}`).join(' ')} />
      </svg>
      {/* The label above already says this to screen readers. */}
      <figcaption className="value-chart-labels small" aria-hidden="true">
        <span className="value-chart-last">{t('inbox.chart.last', { value: last })}</span>
        <span>{t('inbox.chart.min', { value: min })}</span>
        <span>{t('inbox.chart.max', { value: max })}</span>
      </figcaption>
    </figure>
  );
}
