import { isShowing } from '../radar/lifecycle';
import type { Deal, Warning } from '../radar/model';
import { type RadarDB, rowsWithAny } from './db';
import { type DealGroup, groupWarnings, pipelineOf, rankGroups, topCandidates } from './grouping';
import type { PageSummary, TabRecord } from './records';
import { REVISION_KEY } from './revision';

/*
 * What the popup shows for one tab: the warnings of the deals on that page, the best-ranked
 * deals first. Computed in full it reads every open warning (5,000 of them take hundreds of
 * milliseconds to read and clone); the background keeps the result per tab in `summaries`
 * (refreshSummaries), so the popup's first view reads three records (src/popup/boot.ts reads
 * them before the popup's modules have loaded; tests/bench/popup.bench.ts). A summary is used
 * only while the database's revision is the one it was computed from (src/store/revision.ts)
 * and no snooze in it has run out: what the popup shows is always what a full read would show.
 */

/** Groups kept in a summary: the dashboard's page; "Show more" past it reads in full. */
export const SUMMARY_GROUPS = 60;
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
  /** Where it came from: the tab's stored summary, or a read of the warnings themselves. */
  source: 'summary' | 'read';
}

export function summaryKey(tabId: number): string {
  return `tab:${tabId}`;
}

/**
 * Warnings in some states, one getAll per state (Dexie's anyOf walks a cursor, far slower for
 * thousands). Never the resolved ones: they pile up over months and no view lists them.
 */
export async function inStates(db: RadarDB, ...states: Array<Warning['status']>): Promise<Warning[]> {
  const lists = await Promise.all(states.map((s) => db.warnings.where('status').equals(s).toArray()));
  return lists.flat();
}

export function isHidden(w: Warning, now: number): boolean {
  return (w.status === 'snoozed' || w.status === 'dismissed') && !isShowing(w, now);
}

export async function readDeals(db: RadarDB, ids: readonly string[], site?: string): Promise<Map<string, Deal>> {
  const found =
    site !== undefined && ids.length > BULK_READ
      ? await db.deals.where('site').equals(site).toArray()
      : await db.deals.bulkGet([...ids]);
  const map = new Map<string, Deal>();
  for (const d of found) if (d) map.set(d.id, d);
  return map;
}

type DealReader = (ids: readonly string[], site?: string) => Promise<Map<string, Deal>>;

/** The first `limit` ranked groups of some showing warnings, reading only the deals that can be among them. */
export async function firstGroups(
  db: RadarDB,
  showing: readonly Warning[],
  limit: number,
  site?: string,
  read: DealReader = (ids, s) => readDeals(db, ids, s),
): Promise<{ groups: DealGroup[]; total: number }> {
  const all = groupWarnings(showing);
  const candidates = topCandidates(all, limit);
  const deals = await read(
    candidates.map((g) => g.dealId),
    site,
  );
  return { groups: rankGroups(candidates, deals, limit), total: all.length };
}

/** The database's current revision ('' before the first write). */
export async function currentRevision(db: RadarDB): Promise<string> {
  return (await db.meta.get(REVISION_KEY))?.value ?? '';
}

interface Computed {
  groups: DealGroup[];
  total: number;
  pipeline: Warning[];
  hidden: number;
  /** The first snooze end after `now` among the warnings looked at (+∞ when none). */
  validUntil: number;
}

/**
 * The page view of `tab` from warnings that include those of its deals (`dealWarnings`, others are
 * skipped) and its site's pipeline warnings (`siteWarnings`). The one computation behind both the
 * popup's full read and the stored summaries.
 */
async function computePage(
  db: RadarDB,
  tab: TabRecord,
  dealWarnings: readonly Warning[],
  siteWarnings: readonly Warning[],
  limit: number,
  now: number,
  read?: DealReader,
): Promise<Computed> {
  const onPage = new Set(tab.dealIds);
  let validUntil = Number.POSITIVE_INFINITY;
  const watch = (w: Warning) => {
    if (w.status === 'snoozed' && w.snoozeUntil !== undefined && w.snoozeUntil > now) {
      validUntil = Math.min(validUntil, w.snoozeUntil);
    }
  };
  const showing: Warning[] = [];
  let hidden = 0;
  for (const w of dealWarnings) {
    if (w.dealId === null || w.site !== tab.site || !onPage.has(w.dealId)) continue;
    watch(w);
    if (isShowing(w, now)) showing.push(w);
    else if (isHidden(w, now)) hidden++;
  }
  const pipelineShowing: Warning[] = [];
  for (const w of siteWarnings) {
    if (w.site !== tab.site) continue;
    watch(w);
    if (isShowing(w, now)) pipelineShowing.push(w);
  }
  const { groups, total } = await firstGroups(db, showing, limit, tab.site, read);
  return { groups, total, pipeline: pipelineOf(pipelineShowing), hidden, validUntil };
}

/** Pipeline warnings have no dealId (so no entry in that index); their ids start with the site. */
function pipelinePrefix(site: string): string {
  return `${site}|pipeline|`;
}

/** The page view read in full: every warning of the page's deals. */
async function readPage(db: RadarDB, tab: TabRecord, limit: number, now: number): Promise<Computed> {
  const [dealWarnings, siteWarnings] = await Promise.all([
    tab.dealIds.length > BULK_READ
      ? inStates(db, 'active', 'snoozed', 'dismissed')
      : rowsWithAny(db.warnings, 'dealId', tab.dealIds),
    db.warnings.where('id').startsWith(pipelinePrefix(tab.site)).toArray(),
  ]);
  return computePage(db, tab, dealWarnings, siteWarnings, limit, now);
}

/** Whether a stored summary still says what a full read would, for the first `limit` groups. */
export function summaryHolds(summary: PageSummary, revision: string, limit: number, now: number): boolean {
  return (
    summary.revision === revision &&
    now < summary.validUntil &&
    (limit <= summary.groups.length || summary.groups.length >= summary.total)
  );
}

/** The page view a stored summary gives, when it holds (else null: read in full). */
export function summaryView(
  tab: TabRecord,
  summary: PageSummary | undefined,
  revision: string,
  limit: number,
  now: number,
): PageView | null {
  if (!summary || summary.tabId !== tab.tabId || !summaryHolds(summary, revision, limit, now)) return null;
  const { total, pipeline, hidden } = summary;
  const groups = summary.groups.length > limit ? summary.groups.slice(0, limit) : summary.groups;
  return { tab, groups, total, pipeline, hidden, source: 'summary' };
}

/** What the popup shows for one tab: the warnings of the deals on that page, the first `limit` deals. */
export function loadPageView(db: RadarDB, tabId: number, limit: number, now = Date.now()): Promise<PageView> {
  // One transaction: its requests go out together, and the summary, the revision and the data agree.
  return db.transaction('r', [db.tabs, db.meta, db.summaries, db.warnings, db.deals], async () => {
    const [tab, summary, revision] = await Promise.all([
      db.tabs.get(tabId),
      db.summaries.get(summaryKey(tabId)),
      currentRevision(db),
    ]);
    if (!tab) return { tab, groups: [], total: 0, pipeline: [], hidden: 0, source: 'read' as const };
    const stored = summaryView(tab, summary, revision, limit, now);
    if (stored) return stored;
    const { groups, total, pipeline, hidden } = await readPage(db, tab, limit, now);
    return { tab, groups, total, pipeline, hidden, source: 'read' as const };
  });
}

/**
 * Brings every tab's summary up to the current revision (the background calls it after writes,
 * and when a popup found none that holds): one read of the open warnings for all tabs, then one
 * write. Summaries that still hold are left alone, and so are tabs still being read (they change
 * with every batch; the popup reads those in full); those of tabs that are gone are deleted.
 * Returns how many were written.
 */
export async function refreshSummaries(db: RadarDB, now = Date.now()): Promise<number> {
  const { fresh, gone } = await db.transaction('r', [db.tabs, db.meta, db.summaries, db.warnings, db.deals], async () => {
    const [tabs, revision, stored] = await Promise.all([
      db.tabs.toArray(),
      currentRevision(db),
      db.summaries.toCollection().primaryKeys(),
    ]);
    // The summaries that still hold, by key alone (a summary is a page of deals: not read for this).
    const holding = new Set(
      await db.summaries
        .where('[revision+validUntil]')
        .between([revision, now], [revision, Number.POSITIVE_INFINITY], false, true)
        .primaryKeys(),
    );
    const stale = tabs.filter((tab) => tab.done && !holding.has(summaryKey(tab.tabId)));
    const keep = new Set(tabs.map((t) => summaryKey(t.tabId)));
    const gone = stored.filter((key) => !keep.has(key));
    if (stale.length === 0) return { fresh: [], gone };
    const open = await inStates(db, 'active', 'snoozed', 'dismissed');
    // Tabs of one site share its deals and pipeline warnings; tabs showing the same page, the page.
    const sites = new Map<string, { pipeline: Warning[]; deals: Map<string, Deal> | undefined }>();
    const pages = new Map<string, Computed>();
    const fresh: PageSummary[] = [];
    for (const tab of stale) {
      let site = sites.get(tab.site);
      if (!site) {
        const prefix = pipelinePrefix(tab.site);
        site = { pipeline: open.filter((w) => w.id.startsWith(prefix)), deals: undefined };
        sites.set(tab.site, site);
      }
      const shared = site;
      const read: DealReader = async (ids, s) => {
        if (ids.length <= BULK_READ) return readDeals(db, ids);
        shared.deals ??= await readDeals(db, ids, s);
        return shared.deals;
      };
      const pageKey = `${tab.site}\n${tab.dealIds.join('\n')}`;
      let page = pages.get(pageKey);
      if (!page) {
        page = await computePage(db, tab, open, site.pipeline, SUMMARY_GROUPS, now, read);
        pages.set(pageKey, page);
      }
      fresh.push({ key: summaryKey(tab.tabId), tabId: tab.tabId, revision, computedAt: now, ...page });
    }
    return { fresh, gone };
  });
  if (fresh.length > 0 || gone.length > 0) {
    await db.transaction('rw', db.summaries, async () => {
      await db.summaries.bulkPut(fresh);
      await db.summaries.bulkDelete(gone);
    });
  }
  return fresh.length;
}
