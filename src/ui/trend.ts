import { addDays, dayNumber } from '../radar/days';
import type { Day } from '../radar/model';
import type { DailyCount } from '../store/records';

/** One day of the trend: the active warnings summed over sites; null before any site was read. */
export interface TrendPoint {
  day: Day;
  active: number | null;
}

export interface TrendSummary {
  today: number | null;
  weekAgo: number | null;
  peak: TrendPoint | null;
  /** Days with a known count. */
  known: number;
}

export const TREND_DAYS = 30;

/**
 * Active warnings per day over the last `days` days (today last), summed over sites. A site's
 * count is recorded when the radar reads it; on days it was not read its last count still
 * holds (nothing re-scored it), so each site's value carries forward until its next reading.
 */
export function dailyTotals(records: readonly DailyCount[], today: Day, days = TREND_DAYS): TrendPoint[] {
  const first = dayNumber(today) - (days - 1);
  const perSite = new Map<string, Array<number | undefined>>();
  for (const r of records) {
    const i = dayNumber(r.day) - first;
    if (i < 0 || i >= days) continue;
    let row = perSite.get(r.site);
    if (!row) {
      row = new Array<number | undefined>(days).fill(undefined);
      perSite.set(r.site, row);
    }
    row[i] = r.active;
  }
  const totals: Array<number | null> = new Array<number | null>(days).fill(null);
  for (const row of perSite.values()) {
    let last: number | undefined;
    for (let i = 0; i < days; i++) {
      last = row[i] ?? last;
      if (last !== undefined) totals[i] = (totals[i] ?? 0) + last;
    }
  }
  return totals.map((active, i) => ({ day: addDays(today, i - (days - 1)), active }));
}

/** Today, a week ago and the highest day (the latest of equal peaks). */
export function summarize(points: readonly TrendPoint[]): TrendSummary {
  let peak: TrendPoint | null = null;
  let known = 0;
  for (const p of points) {
    if (p.active === null) continue;
    known++;
    if (!peak || p.active >= (peak.active ?? 0)) peak = p;
  }
  return {
    today: points.at(-1)?.active ?? null,
    weekAgo: points.at(-8)?.active ?? null,
    peak,
    known,
  };
}
