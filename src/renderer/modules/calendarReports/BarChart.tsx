import { Text } from '@mantine/core';

export interface Bar {
  key: string;
  label: string;
  /** 0…max; drawn as the bar's length. */
  value: number;
  /** What the bar says at its end (a count, a share, an amount). */
  text: string;
}

const ROW = 18;
const LABEL = 170;
const WIDTH = 520;

/**
 * A horizontal bar chart drawn as SVG: the reports need bars and a day's timeline only, which a few rectangles draw
 * better than a chart library would (none is in the bundle, and a new one would weigh more than every screen here).
 */
export function BarChart({ bars, title, max, testId }: { bars: readonly Bar[]; title: string; max?: number; testId: string }) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1e-9);
  if (!bars.length) return null;
  const area = WIDTH - LABEL - 70;
  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <svg role="img" aria-label={title} width={WIDTH} height={bars.length * ROW + 4} style={{ maxWidth: '100%', display: 'block' }}>
        <title>{title}</title>
        {bars.map((b, i) => (
          <g key={b.key} transform={`translate(0 ${i * ROW + 2})`}>
            <text x={LABEL - 6} y={ROW / 2 + 4} textAnchor="end" fontSize={11} fill="var(--mantine-color-text)">
              {b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label}
            </text>
            <rect x={LABEL} y={3} width={Math.max(1, (Math.min(b.value, top) / top) * area)} height={ROW - 6} rx={2} fill="var(--mantine-color-blue-7)" />
            <text x={LABEL + Math.max(1, (Math.min(b.value, top) / top) * area) + 4} y={ROW / 2 + 4} fontSize={11} fill="var(--mantine-color-text)">
              {b.text}
            </text>
          </g>
        ))}
      </svg>
      <Text component="figcaption" size="xs" c="dimmed">
        {title}
      </Text>
    </figure>
  );
}
