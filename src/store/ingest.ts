import type { Table } from 'dexie';
import type { Mark, Observation } from '../messages/schemas';
import { scoreSite } from '../radar/evaluate';
import { ValuePercentiles } from '../radar/rank';
import { sharedName } from '../messages/twin-key';
import { isShowing, reconcile } from '../radar/lifecycle';
import { rules, ruleTitle } from '../radar/registry';
import type { ChangeEvent, Day, Deal, Warning } from '../radar/model';
import type { RecentActivity } from '../radar/define-rule';
import { addDays } from '../radar/days';
import type { Settings } from '../settings/schema';
import type { SiteProfile } from '../sites/types';
import { deleteDeals, type RadarDB, rowsWithAny } from './db';
import { mergeDeal, normalize, openStageOrder } from './normalize';
import { siteById } from '../sites/registry';
import { SHARED_NAMES_MAX, type SiteRecord, type TabRecord } from './records';

/**
 * A deal read again unchanged is written again only when its last sighting is this old: a list
 * read again and again (every visit, every batch of a long one) would otherwise rewrite every
 * deal each time for the sake of `lastSeen` alone.
 */
const LAST_SEEN_STEP = 60 * 60 * 1000;

/** Whether two records of a deal say the same, but for `lastSeen`. */
export function sameRecord(a: Deal, b: Deal): boolean {
  const keys = Object.keys(a) as Array<keyof Deal>;
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (key === 'lastSeen') continue;
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

export interface IngestContext {
  tabId: number;
  profile: SiteProfile;
  settings: Settings;
  now: number;
  today: Day;
  timeZone?: string;
}

/** The CRM site a page belongs to: its host with port. */
export function siteOf(pageUrl: string): string {
  return new URL(pageUrl).host;
}

/**
 * Applies one observation batch in one transaction: upserts the deals, appends change
 * events, re-scores the site, reconciles warnings (keeping snoozes and dismissals),
 * updates the tab's record and today's count. Returns markers for the batch's deals.
 */
/**
 * A deal's link as stored: a URL of the page's own origin, or none. The readers keep no other,
 * and a report may not bring one (what opens from the popup and notifications comes from here).
 */
function ownUrl(url: string | undefined, pageOrigin: string): string | undefined {
  return url?.startsWith(`${pageOrigin}/`) ? url : undefined;
}

/**
 * The names rows without a record link share on this site, with those the observation brings
 * (src/messages/twin-key.ts). A name seen shared for the first time was, until now, the key of one
 * deal holding the values of either row: that deal is deleted with its warnings and changes, which
 * the rows' own deals (keyed apart) replace. Kept, it raised warnings of rows no longer read under
 * its key, and grew worse with time. Not deleted when a row of the observation is keyed by it.
 */
async function forgetSharedNames(
  db: RadarDB,
  site: string,
  siteRecord: SiteRecord | undefined,
  obs: Observation,
  ids: readonly string[],
): Promise<Set<string>> {
  const names = new Set(siteRecord?.sharedNames ?? []);
  const fresh = new Set<string>();
  for (const raw of obs.deals) {
    const name = sharedName(raw.key);
    if (name !== null && !names.has(name)) fresh.add(name);
  }
  if (fresh.size === 0) return names;
  const sent = new Set(ids);
  const gone = [...fresh].map((name) => `${site}|${name}`).filter((id) => !sent.has(id));
  await deleteDeals(db, gone);
  for (const name of fresh) names.add(name);
  return names;
}

export async function ingest(db: RadarDB, obs: Observation, ctx: IngestContext): Promise<Mark[]> {
  const site = siteOf(obs.pageUrl);
  const pageOrigin = new URL(obs.pageUrl).origin;
  const ids = obs.deals.map((raw) => `${site}|${raw.key}`);
  return db.transaction('rw', ['deals', 'events', 'warnings', 'sites', 'tabs', 'daily'], async () => {
    const siteRecord = await db.sites.get(site);
    const sharedNames = await forgetSharedNames(db, site, siteRecord, obs, ids);
    const previous = await db.deals.bulkGet(ids);
    const byId = new Map<string, Deal>();
    // The deals to write: those that changed, or whose last sighting is older than an hour.
    const toPut = new Map<string, Deal>();
    const newEvents: ChangeEvent[] = [];
    obs.deals.forEach((raw, i) => {
      const id = ids[i] as string;
      // The same deal twice in one batch (e.g. a list and an open record dialog): fold both. A row
      // keyed by a name rows have shared on this site may hold either deal: each sighting stands alone.
      const prev = sharedNames.has(raw.key) ? undefined : (byId.get(id) ?? previous[i]);
      const { deal, events } = mergeDeal(prev, normalize(raw, { locale: obs.locale, today: ctx.today }), {
        id,
        site,
        siteId: obs.siteId,
        key: raw.key,
        url: ownUrl(raw.url, pageOrigin),
        flags: raw.flags,
        now: ctx.now,
        profile: ctx.profile,
      });
      byId.set(id, deal);
      const stored = previous[i];
      if (toPut.has(id) || !stored || ctx.now - stored.lastSeen >= LAST_SEEN_STEP || !sameRecord(stored, deal)) toPut.set(id, deal);
      newEvents.push(...events);
    });
    // What a batch reads of its deals' warnings and events depends on it (see rescoreDeals).
    const storedBefore = new Set(ids.filter((_, i) => previous[i] !== undefined));
    if (toPut.size > 0) await db.deals.bulkPut([...toPut.values()]);
    if (newEvents.length > 0) await db.events.bulkAdd(newEvents);

    const stages = new Set(siteRecord?.stages ?? []);
    for (const deal of byId.values()) if (deal.stage) stages.add(deal.stage);
    const stageOrder = obs.stageOrder?.length ? obs.stageOrder : (siteRecord?.stageOrder ?? ctx.profile.stageOrder);
    await db.sites.put({
      ...siteRecord,
      site,
      siteId: obs.siteId,
      stageOrder,
      stages: [...stages].sort(),
      lastScan: ctx.now,
      ...(sharedNames.size > 0 ? { sharedNames: [...sharedNames].slice(-SHARED_NAMES_MAX) } : {}),
    });
    const openOrder = openStageOrder(stageOrder, ctx.profile);

    // The whole site (with pipeline rules and value ranking) once a full scan is complete;
    // the batch's deals alone while a scan is under way or for a few changed rows.
    const warnings =
      obs.scan.full !== false && obs.scan.done
        ? await rescoreSite(db, site, openOrder, ctx)
        : await rescoreDeals(db, site, openOrder, ctx, [...byId.values()], siteRecord, storedBefore);

    const tab = await db.tabs.get(ctx.tabId);
    const sameScan = tab && tab.scanId === obs.scan.id && tab.pageUrl === obs.pageUrl;
    const dealIds = sameScan ? [...new Set([...tab.dealIds, ...byId.keys()])] : [...byId.keys()];
    const record: TabRecord = {
      tabId: ctx.tabId,
      site,
      pageUrl: obs.pageUrl,
      view: obs.view,
      dealIds,
      scanId: obs.scan.id,
      done: obs.scan.done,
      seen: obs.scan.seen,
      unreadable: obs.scan.unreadable ?? (sameScan ? tab.unreadable : 0),
      updatedAt: ctx.now,
    };
    await db.tabs.put(record);
    return marksFor(warnings, byId, ctx.now);
  });
}

const DEAL_RULES = rules.filter((r) => r.scope === 'deal');

/** Scores only these deals with the deal rules (pipeline warnings are left as they are). */
async function rescoreDeals(
  db: RadarDB,
  site: string,
  stageOrder: string[],
  ctx: Pick<IngestContext, 'settings' | 'now' | 'today' | 'timeZone'>,
  deals: Deal[],
  /** The site as last scored whole: the batch's deals are ranked by value among its amounts. */
  siteRecord: Pick<SiteRecord, 'amounts' | 'amountsByCurrency'> | undefined,
  /** The deals that were stored before this batch. */
  storedBefore: ReadonlySet<string>,
): Promise<Warning[]> {
  const ids = deals.map((d) => d.id);
  // A deal stored before is read key by key (one getAll each, sent together). A deal seen for the
  // first time has, as a rule, nothing stored: anyOf() finds that in one short walk of the index,
  // where a getAll each costs a request each. In Chromium, for the twenty 500-deal batches of a
  // 10,000-row page: 0.6-0.75 s in all on a first visit (3.3 s key by key); on a visit again,
  // 2.5-2.6 s key by key (4.4-4.7 s with anyOf, which waits for each step of its walk in turn).
  const stored = ids.filter((id) => storedBefore.has(id));
  const unseen = ids.filter((id) => !storedBefore.has(id));
  const rowsOf = async <T, K, I>(table: Table<T, K, I>) => {
    const [byKey, walked] = await Promise.all([
      rowsWithAny(table, 'dealId', stored),
      unseen.length > 0 ? table.where('dealId').anyOf(unseen).toArray() : [],
    ]);
    return walked.length > 0 ? [...byKey, ...walked] : byKey;
  };
  const [events, existing] = await Promise.all([rowsOf(db.events), rowsOf(db.warnings)]);
  const history = groupEvents(events);
  const input = { site, stageOrder, deals: deals.map((deal) => ({ deal, history: history.get(deal.id) ?? [] })) };
  const fresh = scoreSite(input, ctx.settings.radar, ctx.now, {
    ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}),
    ...(siteRecord?.amountsByCurrency !== undefined || siteRecord?.amounts?.length
      ? { amounts: ValuePercentiles.fromTables(siteRecord.amountsByCurrency, siteRecord.amounts) }
      : {}),
    rules: DEAL_RULES,
  });
  const changed = reconcile(existing, fresh, ctx.now, { dealIds: new Set(ids), pipeline: false });
  if (changed.length > 0) await db.warnings.bulkPut(changed);
  return withChanges(existing, changed);
}

/** The stored warnings as they are after `changed` was put (the same list when nothing changed). */
function withChanges(existing: Warning[], changed: Warning[]): Warning[] {
  if (changed.length === 0) return existing;
  const byId = new Map(existing.map((w) => [w.id, w]));
  for (const w of changed) byId.set(w.id, w);
  return [...byId.values()];
}

function groupEvents(events: ChangeEvent[]): Map<string, ChangeEvent[]> {
  const history = new Map<string, ChangeEvent[]>();
  for (const e of events) {
    const list = history.get(e.dealId);
    if (list) list.push(e);
    else history.set(e.dealId, [e]);
  }
  for (const list of history.values()) list.sort((a, b) => a.at - b.at);
  return history;
}

/**
 * Scores a site's deals and stores the reconciled warnings. `only` limits the deal rules
 * to those deals (a batch); pipeline rules always see every open deal of the site.
 */
export async function rescoreSite(
  db: RadarDB,
  site: string,
  stageOrder: string[],
  ctx: Pick<IngestContext, 'settings' | 'now' | 'today' | 'timeZone'>,
  only?: Set<string>,
  /** The settings changed, not the deals: dismissals outlast what this ends (see ReconcileScope). */
  settingsChanged = false,
): Promise<Warning[]> {
  const [deals, events, existing, weekAgo] = await Promise.all([
    db.deals.where('site').equals(site).toArray(),
    db.events.where('site').equals(site).toArray(),
    db.warnings.where('site').equals(site).toArray(),
    recentWeekAgo(db, site, ctx.today),
  ]);
  const history = groupEvents(events);
  const input = {
    site,
    stageOrder,
    deals: deals.map((deal) => ({ deal, history: history.get(deal.id) ?? [] })),
    ...(weekAgo ? { weekAgo } : {}),
  };
  const fresh = scoreSite(input, ctx.settings.radar, ctx.now, { ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}), ...(only ? { only } : {}) });
  const evaluated = only ?? new Set(deals.map((d) => d.id));
  const changed = reconcile(existing, fresh, ctx.now, {
    dealIds: evaluated,
    pipeline: true,
    ...(settingsChanged ? { keepDismissals: true } : {}),
  });
  if (changed.length > 0) await db.warnings.bulkPut(changed);
  // Batches score their deals among these until the site is scored whole again.
  await db.sites.update(site, { amounts: undefined, amountsByCurrency: fresh.amounts.tables() });
  const all = withChanges(existing, changed);
  const active = all.filter((w) => isShowing(w, ctx.now)).length;
  await db.daily.put({ site, day: ctx.today, active, ...(fresh.recent ? { recent: fresh.recent } : {}) });
  return all;
}

/**
 * The site's recent activity as a scan recorded it a week before `today` (the day 7 days back,
 * else 8 or 6: a site not read every day), for pipeline-going-quiet.
 */
async function recentWeekAgo(db: RadarDB, site: string, today: Day): Promise<RecentActivity | undefined> {
  const days = [7, 8, 6].map((n) => addDays(today, -n));
  const records = await db.daily.where('[site+day]').anyOf(days.map((day) => [site, day])).toArray();
  for (const day of days) {
    const recent = records.find((r) => r.day === day)?.recent;
    if (recent !== undefined) return recent;
  }
  return undefined;
}

/** Up to this many deals, their warnings are always read deal by deal (see warningsOfDeals). */
const READ_BY_DEAL = 200;

/**
 * The warnings of these deals of one site. For most of a site's deals (a tab showing a long
 * list), all the site's warnings in one read, then those of the deals; otherwise deal by deal.
 * In Chromium, for 13,590 warnings of 10,000 deals: 395–425 ms in one read, 745–861 ms deal by
 * deal; for 694 warnings of 500 of those deals: 253–438 ms in one read, 69–79 ms deal by deal.
 */
export async function warningsOfDeals(db: RadarDB, site: string, dealIds: readonly string[]): Promise<Warning[]> {
  const byDeal = () => rowsWithAny(db.warnings, 'dealId', dealIds);
  if (dealIds.length <= READ_BY_DEAL) return byDeal();
  // Counting keys reads no record: a few milliseconds.
  if (2 * dealIds.length < (await db.deals.where('site').equals(site).count())) return byDeal();
  const wanted = new Set(dealIds);
  const all = await db.warnings.where('site').equals(site).toArray();
  return all.filter((w) => w.dealId !== null && wanted.has(w.dealId));
}

/** Markers for every deal a tab shows (after a snooze or dismiss, or a settings change). */
export async function marksForTab(db: RadarDB, tabId: number, now: number, only?: (dealId: string) => boolean): Promise<Mark[]> {
  const tab = await db.tabs.get(tabId);
  if (!tab) return [];
  const ids = only ? tab.dealIds.filter(only) : tab.dealIds;
  const [warnings, deals] = await Promise.all([warningsOfDeals(db, tab.site, ids), db.deals.bulkGet(ids)]);
  const map = new Map<string, Deal>();
  for (const d of deals) if (d) map.set(d.id, d);
  return marksFor(warnings, map, now);
}

function marksFor(warnings: Warning[], deals: Map<string, Deal>, now: number): Mark[] {
  const byDeal = new Map<string, Warning[]>();
  for (const w of warnings) {
    if (!w.dealId || !deals.has(w.dealId) || !isShowing(w, now)) continue;
    const list = byDeal.get(w.dealId);
    if (list) list.push(w);
    else byDeal.set(w.dealId, [w]);
  }
  const marks: Mark[] = [];
  for (const [dealId, list] of byDeal) {
    list.sort((a, b) => b.score - a.score);
    const top = list[0] as Warning;
    const deal = deals.get(dealId) as Deal;
    marks.push({ key: deal.key, severity: top.severity, title: ruleTitle(top.ruleId), facts: top.facts, count: list.length, warningId: top.id, fingerprint: top.fingerprint });
  }
  return marks;
}

/** Re-scores every site the radar knows (after a settings change, or an import). */
export async function rescoreAll(db: RadarDB, ctx: Pick<IngestContext, 'settings' | 'now' | 'today' | 'timeZone'>): Promise<void> {
  const sites = await db.sites.toArray();
  for (const site of sites) {
    await db.transaction('rw', ['deals', 'events', 'warnings', 'daily', 'sites'], () =>
      rescoreSite(db, site.site, openStageOrder(site.stageOrder, siteById(site.siteId) ?? siteById('generic')), ctx, undefined, true),
    );
  }
}
