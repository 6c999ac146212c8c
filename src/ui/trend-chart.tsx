import { useId } from 'preact/hooks';
import { formatCount, formatDay } from './format';
import { relativeDays, t } from './i18n';
import { summarize, type TrendPoint } from './trend';

const W = 300;
const GAP = 2;

/** The chart's words: also its accessible description. */
export function trendSummary(points: readonly TrendPoint[]): string {
  const s = summarize(points);
  if (s.known === 0 || s.today === null) return t('trendEmpty');
  const parts = [t('trendToday', [formatCount(s.today)])];
  if (s.weekAgo !== null) parts.push(t('trendWeekAgo', [formatCount(s.weekAgo)]));
  // The peak is news only when it is not today's count.
  const today = points.at(-1)?.day;
  if (s.peak && s.peak.active !== null && s.peak.day !== today)
    parts.push(t('trendPeak', [formatCount(s.peak.active), formatDay(s.peak.day)]));
  return parts.join(' ');
}

/** Active warnings per day over the last 30 days: inline SVG bars, a title, a description and the same in text. */
export function TrendChart({ points, height = 40 }: { points: readonly TrendPoint[]; height?: number }) {
  const id = useId();
  const max = Math.max(1, ...points.map((p) => p.active ?? 0));
  const bar = W / Math.max(1, points.length);
  const summary = trendSummary(points);
  return (
    <figure class="trend" data-testid="trend">
      <svg
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        viewBox={`0 0 ${W} ${height}`}
        preserveAspectRatio="none"
        width="100%"
        height={height}
      >
        <title id={`${id}-t`}>{t('trendTitle')}</title>
        <desc id={`${id}-d`}>{summary}</desc>
        <line class="trend-base" x1="0" x2={W} y1={height - 0.5} y2={height - 0.5} />
        {points.map((p, i) => {
          if (p.active === null || p.active === 0) return null;
          const h = Math.max(1, (p.active / max) * (height - 2));
          const last = i === points.length - 1;
          return (
            <rect
              key={p.day}
              class={last ? 'trend-bar today' : 'trend-bar'}
              x={i * bar + GAP / 2}
              y={height - h}
              width={bar - GAP}
              height={h}
            />
          );
        })}
      </svg>
      <div class="trend-axis" aria-hidden="true">
        <span>{relativeDays(1 - points.length)}</span>
        <span>{relativeDays(0)}</span>
      </div>
      <figcaption class="trend-summary">
        <span class="trend-label">{t('trendTitle')}:</span> {summary}
      </figcaption>
    </figure>
  );
}
