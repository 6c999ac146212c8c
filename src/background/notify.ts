import { browser } from '../platform/browser';
import { isShowing } from '../radar/lifecycle';
import { ruleTitle } from '../radar/registry';
import type { Warning } from '../radar/model';
import type { Observation } from '../messages/schemas';
import type { Settings } from '../settings/schema';
import { type RadarDB, rowsWithAny } from '../store/db';
import { siteOf } from '../store/ingest';
import { safeDealUrl } from '../sites/deal-url';

/*
 * Browser notifications, off by default (the `notifications` permission is optional and asked
 * for in options when the user turns one on):
 * - at most one notification per deal turning critical. Which warnings (deal + rule) were
 *   already told is kept in storage.local, so a worker restart or a rescan does not repeat it;
 *   a warning that stops being critical is forgotten, so turning critical again is news again;
 * - an optional daily digest, woken by `browser.alarms` (the worker sleeps).
 */

const NOTIFIED_KEY = 'notifiedCritical';
/** Bound on the remembered warning ids. */
const MAX_REMEMBERED = 10_000;
/** More deals than this turning critical at once get one summary instead of one each. */
const MAX_SEPARATE = 3;

export const DIGEST_ALARM = 'daily-digest';
/** Local hour of the digest. */
const DIGEST_HOUR = 9;
const DAY_MINUTES = 24 * 60;

const PREFIX = 'deal-radar:';
const DEAL_PREFIX = `${PREFIX}deal:`;

function msg(key: string, substitutions?: string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** The notifications API, or undefined while its optional permission is not granted. */
function notificationsApi(): typeof browser.notifications | undefined {
  return (browser as { notifications?: typeof browser.notifications }).notifications;
}

export async function loadNotified(): Promise<Set<string>> {
  const stored = (await browser.storage.local.get(NOTIFIED_KEY))[NOTIFIED_KEY];
  return new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
}

async function saveNotified(ids: Set<string>): Promise<void> {
  await browser.storage.local.set({ [NOTIFIED_KEY]: [...ids].slice(-MAX_REMEMBERED) });
}

export async function forgetNotified(): Promise<void> {
  await browser.storage.local.remove(NOTIFIED_KEY);
}

function isCritical(w: Warning, now: number): boolean {
  return w.severity === 'critical' && w.dealId !== null && isShowing(w, now);
}

/**
 * Remembers every deal that is critical now as already told. After the user changes thresholds
 * or imports a file they are looking at the result: only later changes are news.
 */
export async function markCriticalAsNotified(db: RadarDB, now: number): Promise<void> {
  const critical = await db.warnings.where('status').anyOf('active', 'snoozed').filter((w) => isCritical(w, now)).primaryKeys();
  await saveNotified(new Set(critical));
}

async function create(id: string, title: string, message: string): Promise<void> {
  const api = notificationsApi();
  if (!api) return;
  await api.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('icons/icon-128.png'), title, message });
}

/**
 * After a page was read: a notification for each of these deals that turned critical since the
 * last look (or one summary when many did). Returns how many deals were news.
 */
export async function notifyCritical(db: RadarDB, dealIds: readonly string[], settings: Settings, now: number): Promise<number> {
  if (!settings.notifications.critical || dealIds.length === 0 || !notificationsApi()) return 0;
  const warnings = await rowsWithAny(db.warnings, 'dealId', dealIds);
  const notified = await loadNotified();
  const fresh = new Map<string, Warning[]>();
  let forgot = false;
  for (const w of warnings) {
    if (w.severity !== 'critical' || w.status === 'resolved') {
      forgot = notified.delete(w.id) || forgot;
    } else if (isCritical(w, now) && !notified.has(w.id) && w.dealId) {
      notified.add(w.id);
      const list = fresh.get(w.dealId) ?? [];
      list.push(w);
      fresh.set(w.dealId, list);
    }
  }
  if (fresh.size === 0) {
    if (forgot) await saveNotified(notified);
    return 0;
  }
  // Remember first: a second batch of the same scan must not tell the same deal again.
  await saveNotified(notified);
  if (fresh.size > MAX_SEPARATE) {
    await create(`${PREFIX}critical-summary:${now}`, msg('notifyCriticalManyTitle', [String(fresh.size)]), msg('notifyCriticalManyMessage'));
    return fresh.size;
  }
  const deals = await db.deals.bulkGet([...fresh.keys()]);
  for (const deal of deals) {
    if (!deal) continue;
    const list = (fresh.get(deal.id) ?? []).sort((a, b) => b.score - a.score);
    const top = list[0];
    if (!top) continue;
    const more = list.length > 1 ? ` ${msg('notifyCriticalMore', [String(list.length - 1)])}` : '';
    const message = `${ruleTitle(top.ruleId)}: ${top.facts[0] ?? ''}${more}`.slice(0, 300);
    await create(`${DEAL_PREFIX}${deal.id}`, msg('notifyCriticalTitle', [deal.name]), message);
  }
  return fresh.size;
}

/** After `content:observed` stored a batch: notifies for its deals; never fails the observation. */
export async function notifyObserved(db: RadarDB, obs: Observation, settings: Settings, now: number): Promise<void> {
  if (!settings.notifications.critical) return;
  try {
    const site = siteOf(obs.pageUrl);
    await notifyCritical(db, obs.deals.map((raw) => `${site}|${raw.key}`), settings, now);
  } catch (error) {
    console.warn('[deal-radar] critical notification failed', error);
  }
}

/** The next local `DIGEST_HOUR`:00 after `now`. */
export function nextDigestTime(now: number, hour = DIGEST_HOUR): number {
  const next = new Date(now);
  next.setHours(hour, 0, 0, 0);
  if (next.getTime() <= now) next.setDate(next.getDate() + 1);
  return next.getTime();
}

/** Keeps the digest alarm in step with the setting. */
export async function syncDigestAlarm(settings: Settings, now = Date.now()): Promise<void> {
  if (!settings.notifications.digest) {
    await browser.alarms.clear(DIGEST_ALARM);
    return;
  }
  if (await browser.alarms.get(DIGEST_ALARM)) return;
  await browser.alarms.create(DIGEST_ALARM, { when: nextDigestTime(now), periodInMinutes: DAY_MINUTES });
}

/** The daily digest: how many deals need attention across every CRM, how many are critical. */
export async function sendDigest(db: RadarDB, settings: Settings, now: number): Promise<boolean> {
  if (!settings.notifications.digest || !notificationsApi()) return false;
  const showing = await db.warnings.where('status').anyOf('active', 'snoozed').filter((w) => isShowing(w, now) && w.dealId !== null).toArray();
  const deals = new Set(showing.map((w) => w.dealId));
  if (deals.size === 0) return false;
  const critical = new Set(showing.filter((w) => w.severity === 'critical').map((w) => w.dealId));
  await create(`${PREFIX}digest`, msg('notifyDigestTitle', [String(deals.size)]), msg('notifyDigestMessage', [String(deals.size), String(critical.size)]));
  return true;
}

/** A click on a deal's notification opens the deal's record in the CRM (its own http(s) page only). */
export async function openFromNotification(db: RadarDB, notificationId: string): Promise<void> {
  await notificationsApi()?.clear(notificationId);
  if (!notificationId.startsWith(DEAL_PREFIX)) return;
  const deal = await db.deals.get(notificationId.slice(DEAL_PREFIX.length));
  const url = deal === undefined ? undefined : safeDealUrl(deal.url, deal.site);
  if (url !== undefined) await browser.tabs.create({ url });
}
