import { addDays } from '../radar/days';
import { isShowing } from '../radar/lifecycle';
import type { Day, Deal, Warning } from '../radar/model';
import type { RadarDB } from '../store/db';
import { type DealGroup, pipelineOf } from '../store/grouping';
import { firstGroups, inStates, isHidden, readDeals } from '../store/page-view';
import type { SiteRecord } from '../store/records';
import { dailyTotals, TREND_DAYS, type TrendPoint } from './trend';

export type { DealGroup };
export { loadPageView, type PageView } from '../store/page-view';

/*
 * What each view reads (src/ui/use-table-query.ts runs them again when their tables change).
 * Reads are whole index ranges (one getAll each) rather than cursors, and a view reads only the
 * deals of the groups it shows. The popup's first view, the page view, usually comes from the
 * summary the background stored (src/store/page-view.ts).
 */

export interface SiteView {
  site: SiteRecord;
  /** Deals the radar has seen on this site. */
  dealCount: number;
  groups: DealGroup[];
  total: number;
  pipeline: Warning[];
}

export interface HiddenItem {
  warning: Warning;
  deal: Deal | undefined;
}

/** Every CRM site the radar has seen, latest read first, each with its first `limits[site] ?? limit` deals. */
export async function loadAllView(
  db: RadarDB,
  limit: number,
  limits: Readonly<Record<string, number>> = {},
  now = Date.now(),
): Promise<SiteView[]> {
  const [sites, open] = await Promise.all([db.sites.toArray(), inStates(db, 'active', 'snoozed')]);
  const bySite = new Map<string, Warning[]>();
  for (const w of open) {
    if (!isShowing(w, now)) continue;
    const list = bySite.get(w.site);
    if (list) list.push(w);
    else bySite.set(w.site, [w]);
  }
  const views = await Promise.all(
    sites.map(async (site) => {
      const list = bySite.get(site.site) ?? [];
      const [first, dealCount] = await Promise.all([
        firstGroups(db, list, limits[site.site] ?? limit, site.site),
        db.deals.where('site').equals(site.site).count(),
      ]);
      return { site, dealCount, ...first, pipeline: pipelineOf(list) };
    }),
  );
  return views.sort((a, b) => b.site.lastScan - a.site.lastScan);
}

/** Snoozed (soonest back first) and dismissed (latest first) warnings. */
export async function loadHiddenView(db: RadarDB, now = Date.now()): Promise<HiddenItem[]> {
  const hidden = (await inStates(db, 'snoozed', 'dismissed')).filter((w) => isHidden(w, now));
  const deals = await readDeals(db, [...new Set(hidden.flatMap((w) => (w.dealId ? [w.dealId] : [])))]);
  const until = (w: Warning) => (w.status === 'snoozed' ? (w.snoozeUntil ?? 0) : Number.POSITIVE_INFINITY);
  return hidden
    .sort((a, b) => until(a) - until(b) || b.updatedAt - a.updatedAt)
    .map((warning) => ({ warning, deal: warning.dealId ? deals.get(warning.dealId) : undefined }));
}

/** Active warnings per day over the last 30 days, summed over sites. */
export async function loadTrend(db: RadarDB, today: Day): Promise<TrendPoint[]> {
  const records = await db.daily
    .where('day')
    .aboveOrEqual(addDays(today, -(TREND_DAYS - 1)))
    .toArray();
  return dailyTotals(records, today);
}
