import { addDays } from '../radar/days';
import { isShowing } from '../radar/lifecycle';
import type { Day, Deal, Warning } from '../radar/model';
import type { RadarDB } from '../store/db';
import type { SiteRecord, TabRecord } from '../store/records';
import { type DealGroup, groupWarnings, pipelineOf, rankGroups, topCandidates } from './grouping';
import { dailyTotals, TREND_DAYS, type TrendPoint } from './trend';

export type { DealGroup } from './grouping';

/*
 * What each view reads (src/ui/use-table-query.ts runs them again when their tables change).
 * Reads are whole index ranges (one getAll each) rather than cursors, and a view reads only the
 * deals of the groups it shows: with 5,000 warnings the popup must be interactive within 150 ms
 * (tests/bench/popup.bench.ts).
 */

/** Above this many deals, reading the site's deals at once beats key-by-key lookups. */
const BULK_READ = 200;

export interface PageView {
  tab: TabRecord | undefined;
  /** The best-ranked groups, at most the limit asked for. */
  groups: DealGroup[];
  /** Deals on the page that need attention (all groups, not only those shown). */
  total: number;
  /** Pipeline warnings of the tab's site (causes across deals). */
  pipeline: Warning[];
  /** Warnings of this page's deals that are snoozed or dismissed. */
  hidden: number;
}

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

/**
 * Warnings in some states, one getAll per state (Dexie's anyOf walks a cursor, far slower for
 * thousands). Never the resolved ones: they pile up over months and no view lists them.
 */
async function inStates(db: RadarDB, ...states: Array<Warning['status']>): Promise<Warning[]> {
  const lists = await Promise.all(states.map((s) => db.warnings.where('status').equals(s).toArray()));
  return lists.flat();
}

function isHidden(w: Warning, now: number): boolean {
  return (w.status === 'snoozed' || w.status === 'dismissed') && !isShowing(w, now);
}

async function readDeals(db: RadarDB, ids: readonly string[], site?: string): Promise<Map<string, Deal>> {
  const found =
    site !== undefined && ids.length > BULK_READ
      ? await db.deals.where('site').equals(site).toArray()
      : await db.deals.bulkGet([...ids]);
  const map = new Map<string, Deal>();
  for (const d of found) if (d) map.set(d.id, d);
  return map;
}

/** The first `limit` ranked groups of some showing warnings, reading only the deals that can be among them. */
async function firstGroups(
  db: RadarDB,
  showing: readonly Warning[],
  limit: number,
  site?: string,
): Promise<{ groups: DealGroup[]; total: number }> {
  const all = groupWarnings(showing);
  const candidates = topCandidates(all, limit);
  const deals = await readDeals(
    db,
    candidates.map((g) => g.dealId),
    site,
  );
  return { groups: rankGroups(candidates, deals, limit), total: all.length };
}

/** What the popup shows for one tab: the warnings of the deals on that page, the first `limit` deals. */
export function loadPageView(db: RadarDB, tabId: number, limit: number, now = Date.now()): Promise<PageView> {
  // One transaction: its requests go out together instead of one round trip after another.
  return db.transaction('r', [db.tabs, db.warnings, db.deals], async () => {
    const tab = await db.tabs.get(tabId);
    if (!tab) return { tab, groups: [], total: 0, pipeline: [], hidden: 0 };
    const onPage = new Set(tab.dealIds);
    const [dealWarnings, siteWarnings] = await Promise.all([
      tab.dealIds.length > BULK_READ
        ? inStates(db, 'active', 'snoozed', 'dismissed')
        : // Not anyOf(): it walks a cursor, one round trip per deal.
          Promise.all(tab.dealIds.map((id) => db.warnings.where('dealId').equals(id).toArray())).then(
            (lists) => lists.flat(),
          ),
      // Pipeline warnings have no dealId (so no entry in that index); their ids start with the site.
      db.warnings.where('id').startsWith(`${tab.site}|pipeline|`).toArray(),
    ]);
    const showing: Warning[] = [];
    let hidden = 0;
    for (const w of dealWarnings) {
      if (w.dealId === null || w.site !== tab.site || !onPage.has(w.dealId)) continue;
      if (isShowing(w, now)) showing.push(w);
      else if (isHidden(w, now)) hidden++;
    }
    const { groups, total } = await firstGroups(db, showing, limit, tab.site);
    return {
      tab,
      groups,
      total,
      pipeline: pipelineOf(siteWarnings.filter((w) => w.site === tab.site && isShowing(w, now))),
      hidden,
    };
  });
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
