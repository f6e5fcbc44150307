import { useId } from 'react';
import { useLocale } from '../i18n/localize';

export interface BalancePoint {
  /** Shown under the first and last points (a month or a day). */
  label: string;
  value: number;
}

const W = 320;
const H = 120;
const PAD_L = 44;
const PAD_B = 18;

/**
 * A balance over time as a line with a light area (公积金月末余额, 医保个人账户余额): people see growth, a
 * withdrawal or a payment at a glance. The numbers are in the table under it; the SVG has a text label.
 */
export function BalanceChart({
  points,
  label,
  caption,
  testId,
}: {
  points: BalancePoint[];
  label: string;
  caption: string;
  testId?: string;
}) {
  const gradient = useId();
  const { lang } = useLocale();
  const short = (v: number) => new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(v);
  if (points.length === 0) return null;
  const values = points.map((p) => p.value);
  const max = Math.max(...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const step = points.length > 1 ? (W - PAD_L - 4) / (points.length - 1) : 0;
  const x = (i: number) => PAD_L + (points.length > 1 ? i * step : (W - PAD_L) / 2);
  const y = (v: number) => 6 + (H - 12) * (1 - (v - min) / span);
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const area = `${x(0).toFixed(1)},${y(min).toFixed(1)} ${line} ${x(points.length - 1).toFixed(1)},${y(min).toFixed(1)}`;
  const first = points[0] as BalancePoint;
  const last = points.at(-1) as BalancePoint;
  return (
    <figure className="chart mf-chart" data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${H + PAD_B}`} role="img" aria-label={label} className="chart-svg">
        <defs>
          <linearGradient id={gradient} x1="0" x2="0" y1="0" y2="1">
            <stop offset="0%" className="mf-chart-fill-top" />
            <stop offset="100%" className="mf-chart-fill-bottom" />
          </linearGradient>
        </defs>
        <line x1={PAD_L} x2={W} y1={y(max)} y2={y(max)} className="mf-chart-grid" />
        <line x1={PAD_L} x2={W} y1={y(min)} y2={y(min)} className="mf-chart-grid" />
        <text x={PAD_L - 4} y={y(max) + 3} textAnchor="end" className="chart-label">
          {short(max)}
        </text>
        <text x={PAD_L - 4} y={y(min) + 3} textAnchor="end" className="chart-label">
          {short(min)}
        </text>
        <polygon points={area} fill={`url(#${gradient})`} />
        <polyline points={line} className="mf-chart-line" />
        <circle cx={x(points.length - 1)} cy={y(last.value)} r={3} className="mf-chart-dot" />
        <text x={PAD_L} y={H + 14} textAnchor="start" className="chart-label">
          {first.label}
        </text>
        {points.length > 1 && (
          <text x={W - 2} y={H + 14} textAnchor="end" className="chart-label">
            {last.label}
          </text>
        )}
      </svg>
      <figcaption className="field-help">{caption}</figcaption>
    </figure>
  );
}
