import type { Handlers } from '../messages/handle';
import type { ShownWarning, SkippedWarning } from '../messages/schemas';
import { browser } from '../platform/browser';
import { dayOf } from '../radar/days';
import { dismiss, restore, sinceShown, snooze } from '../radar/lifecycle';
import type { Warning } from '../radar/model';
import { loadSettings } from '../settings/storage';
import { siteById } from '../sites/registry';
import type { RadarDB } from '../store/db';
import { ingest, marksForTab, rescoreAll } from '../store/ingest';
import { withRoomToWrite } from '../store/retention';
import { scheduleSnoozeWake } from './alarms';
import { updateAllBadges, updateBadge } from './badge';
import { safeDealUrl } from '../sites/deal-url';
import { mayReadPage } from '../sites/host-access';
import { notifyObserved } from './notify';
import { switchedOff } from './withdrawn';
import { createOptionsHandlers } from './settings-handlers';
import type { SummaryKeeper } from './summaries';

const DAY = 24 * 60 * 60 * 1000;
/** The readers, run by the loader's request (src/content/loader.ts). */
export const CONTENT_MAIN = 'content-main.js';

/** storage.local key of the notice shown in the popup after history was pruned to make room. */
export const STORAGE_NOTICE = 'storageNotice';

/** Tells each tab's content script its current markers (after a change made in the popup). */
export async function pushMarks(db: RadarDB, now: number): Promise<void> {
  const settings = await loadSettings();
  for (const tab of await db.tabs.toArray()) {
    const marks = settings.markers ? await marksForTab(db, tab.tabId, now) : [];
    // A tab without our content script (closed, navigated) just does not answer.
    await browser.tabs.sendMessage(tab.tabId, { type: 'bg:marks', marks }).catch(() => undefined);
  }
}

/** After a settings change (or an import): re-score every site, then badges and markers. */
export async function refreshEverything(db: RadarDB, now: number): Promise<void> {
  const settings = await loadSettings();
  await rescoreAll(db, { settings, now, today: dayOf(now) });
  await updateAllBadges(db, now);
  await pushMarks(db, now);
}

export interface Clock {
  now(): number;
}

/** Origin of a URL, or null when it is not a URL. */
function originOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

/** `summaries` refreshes the popup's page summaries (src/background/summaries.ts); none in tests that do not need it. */
export function createHandlers(db: RadarDB, clock: Clock, summaries?: Pick<SummaryKeeper, 'schedule'>): Handlers {
  const updateWarnings = async (ids: string[], change: (w: Warning, now: number) => Warning) => {
    const now = clock.now();
    await db.transaction('rw', db.warnings, async () => {
      const found = (await db.warnings.bulkGet(ids)).filter((w) => w !== undefined);
      await db.warnings.bulkPut(found.map((w) => change(w, now)));
    });
    await scheduleSnoozeWake(db);
    await updateAllBadges(db, now);
    await pushMarks(db, now);
    return { ok: true as const };
  };

  /**
   * The popup's snooze or dismissal: only of the warnings still as it showed them (sinceShown),
   * checked and written in one transaction, so a scan in another tab cannot come between. Says
   * which it left as they were, and why.
   */
  const actOnShown = async (shown: readonly ShownWarning[], change: (w: Warning, now: number) => Warning) => {
    const now = clock.now();
    const { acted, skipped } = await db.transaction('rw', db.warnings, async () => {
      const stored = await db.warnings.bulkGet(shown.map((s) => s.id));
      const acted: Warning[] = [];
      const skipped: SkippedWarning[] = [];
      for (const [i, s] of shown.entries()) {
        const w = stored[i];
        const why = sinceShown(w, s, now);
        if (w === undefined || why === 'gone') skipped.push({ id: s.id, why: 'gone' });
        else if (why === null) acted.push(change(w, now));
        else if (why === 'changed') skipped.push({ id: s.id, why, fingerprint: w.fingerprint, severity: w.severity });
        else skipped.push({ id: s.id, why });
      }
      await db.warnings.bulkPut(acted);
      return { acted, skipped };
    });
    if (acted.length > 0) {
      await scheduleSnoozeWake(db);
      await updateAllBadges(db, now);
      await pushMarks(db, now);
    }
    return { ok: true as const, skipped };
  };

  return {
    ...createOptionsHandlers(db, clock),
    async 'content:load'(_request, sender) {
      // Into the frame that asked, where our loader runs: the scripting API refuses pages we may not read.
      if (sender.tabId === undefined) throw new Error('no tab to load the readers into');
      await browser.scripting.executeScript({
        target: { tabId: sender.tabId, frameIds: [sender.frameId ?? 0] },
        files: [CONTENT_MAIN],
      });
      return { ok: true as const };
    },
    async 'content:observed'(obs, sender) {
      // A content script may only report the page of its own tab.
      if (sender.tabId === undefined || originOf(obs.pageUrl) !== originOf(sender.url)) {
        throw new Error('observation does not match the sending tab');
      }
      // Access withdrawn in the browser's settings: a script already running in such a tab (the
      // browser leaves it be) may not put back what Deal Radar forgot (withdrawn.ts). It is told to stop.
      if (!(await mayReadPage(sender.url, browser.permissions))) return { marks: [], stop: true as const };
      const settings = await loadSettings();
      // The same for a CRM the user switched off while the tab was open (the script read the switch at load).
      if (switchedOff(sender.url, settings)) return { marks: [], stop: true as const };
      const profile = siteById(obs.siteId) ?? siteById('generic');
      if (!profile) throw new Error('no generic site profile');
      const now = clock.now();
      const tabId = sender.tabId;
      // Storage full: the oldest history makes room, and the popup tells the user.
      const marks = await withRoomToWrite(
        db,
        () => ingest(db, obs, { tabId, profile, settings, now, today: dayOf(now) }),
        (dropped) => browser.storage.local.set({ [STORAGE_NOTICE]: { at: now, dropped } }),
      );
      await updateBadge(db, sender.tabId, now);
      // Options (notify.ts): a browser notification for deals that turned critical, when turned on.
      await notifyObserved(db, obs, settings, now);
      return { marks: settings.markers ? marks : [] };
    },
    async 'content:act'({ action, warningId, ...shown }, sender) {
      const now = clock.now();
      const tabId = sender.tabId;
      const tab = tabId === undefined ? undefined : await db.tabs.get(tabId);
      if (tabId === undefined || !tab) throw new Error('warning is not on the sending tab');
      // Checked and written in one transaction: a scan of the deal in another tab cannot come between.
      const acted = await db.transaction('rw', db.warnings, async () => {
        const warning = await db.warnings.get(warningId);
        // Gone since the card showed it (retention, or all data cleared): nothing to act on, and
        // the card goes. Nothing about other warnings is said.
        if (warning === undefined) return { dealId: null, changed: true };
        // Only warnings of deals shown on the sender's own tab.
        if (!warning.dealId || !tab.dealIds.includes(warning.dealId)) {
          throw new Error('warning is not on the sending tab');
        }
        // Not as the card showed it (see sinceShown): the card shows it as it is now.
        if (sinceShown(warning, shown, now) !== null) return { dealId: warning.dealId, changed: true };
        await db.warnings.put(action === 'snooze' ? snooze(warning, now + DAY, undefined, now) : dismiss(warning, now));
        return { dealId: warning.dealId, changed: false };
      });
      if (!acted.changed) {
        await scheduleSnoozeWake(db);
        await updateBadge(db, tabId, now);
      }
      const marks = await marksForTab(db, tabId, now, (id) => id === acted.dealId);
      return acted.changed ? { marks, changed: true } : { marks };
    },
    'ui:snooze': ({ warnings, until, reason }) => actOnShown(warnings, (w, now) => snooze(w, until, reason, now)),
    'ui:dismiss': ({ warnings }) => actOnShown(warnings, (w, now) => dismiss(w, now)),
    'ui:restore': ({ warningIds }) => updateWarnings(warningIds, (w, now) => restore(w, now)),
    async 'ui:summarize'() {
      summaries?.schedule();
      return { ok: true as const };
    },
    async 'ui:open-deal'({ dealId }) {
      const deal = await db.deals.get(dealId);
      // Only ever the CRM's own http(s) pages (see safeDealUrl).
      const url = deal === undefined ? undefined : safeDealUrl(deal.url, deal.site);
      if (url === undefined) return { opened: 'none' as const };
      const open = (await browser.tabs.query({})).find((t) => t.url === url);
      if (open?.id !== undefined) {
        await browser.tabs.update(open.id, { active: true });
        if (open.windowId !== undefined) await browser.windows.update(open.windowId, { focused: true });
        return { opened: 'focused' as const };
      }
      await browser.tabs.create({ url });
      return { opened: 'opened' as const };
    },
  };
}
