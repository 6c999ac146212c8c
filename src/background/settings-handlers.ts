import type { Handlers, SenderInfo } from '../messages/handle';
import type { optionsProtocol } from '../messages/options-protocol';
import { browser } from '../platform/browser';
import { normalizeOrigin } from '../settings/origins';
import type { CustomSite, Settings } from '../settings/schema';
import { loadSettings, loadSettingsState, saveSettings } from '../settings/storage';
import { profileForUrl } from '../sites/registry';
import type { RadarDB } from '../store/db';
import { findImport } from '../store/import-receipts';
import { clearAllData, parseImport, replaceAllData } from '../store/transfer';
import { clearUnfinished, MAX_TRIES, noteUnfinished, readUnfinished } from '../store/unfinished';
import { scheduleSnoozeWake } from './alarms';
import { blankTabs } from './badge';
import { injectIntoSwitchedOn } from './inject';
import { forgetSwitchedOffTabs } from './withdrawn';
import { coveredByManifest, hasOriginPermission, registerSite, syncCustomSites, unregisterSite } from './custom-sites';
import { type Clock, CONTENT_MAIN, refreshEverything } from './handlers';
import { forgetNotified, markCriticalAsNotified, syncDigestAlarm } from './notify';

type OptionsHandlers = Pick<Handlers, keyof typeof optionsProtocol>;

const MAX_CUSTOM_SITES = 100;

/*
 * Settings writes run one after another: each reads the stored settings, changes its part and
 * saves, so two quick changes from the page cannot overwrite each other.
 */
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/** Import, clear and site changes only from the options page (not the popup or the dashboard). */
function requireOptionsPage(sender: SenderInfo): void {
  if (!sender.url?.startsWith(browser.runtime.getURL('options/'))) throw new Error('only the options page may do this');
}

/**
 * After settings changed: re-score everything, then badges, markers, alarms and notifications
 * follow. `resumed`: finishing a change a stopped worker left unfinished (resumeUnfinished), maybe
 * much later, when what turned critical since is news again.
 */
async function afterSettingsChange(db: RadarDB, before: Settings, after: Settings, now: number, resumed = false): Promise<void> {
  await forgetSwitchedOffTabs(db, after);
  await refreshEverything(db, now);
  // CRMs switched on again: their open tabs are read at once (their scripts stopped when switched off).
  await injectIntoSwitchedOn(before.disabledSites.filter((id) => !after.disabledSites.includes(id)), CONTENT_MAIN);
  await syncDigestAlarm(after, now);
  // What the user's own change made critical is in front of them already: only later changes are news.
  if (after.notifications.critical && !resumed) await markCriticalAsNotified(db, now);
  else if (!after.notifications.critical && before.notifications.critical) await forgetNotified();
}

/** The steps of an import after its data is in: the file's settings, then everything follows them. */
async function finishImport(db: RadarDB, before: Settings, settings: Settings, now: number, resumed = false): Promise<void> {
  const saved = await saveSettings(settings);
  await syncCustomSites(saved).catch((error: unknown) => console.warn('[deal-radar] custom sites', error));
  await scheduleSnoozeWake(db);
  await afterSettingsChange(db, before, saved, now, resumed);
  await clearUnfinished(db);
}

/**
 * Finishes a settings save or an import the worker was stopped in the middle of (see
 * src/store/unfinished.ts). Run when the worker starts; a job that keeps failing is given up
 * after a few tries rather than re-scoring every site on every start. True when one was finished.
 */
export function resumeUnfinished(db: RadarDB, clock: Clock): Promise<boolean> {
  return serial(async () => {
    const job = await readUnfinished(db);
    if (job === null) return false;
    if (job.tries >= MAX_TRIES) {
      console.warn('[deal-radar] gave up an unfinished', job.kind);
      await clearUnfinished(db);
      return false;
    }
    await noteUnfinished(db, { ...job, tries: job.tries + 1 });
    const current = await loadSettings();
    // The CRMs switched off before the change: those it switched on get read again.
    const before = { ...current, disabledSites: job.disabledBefore };
    if (job.kind === 'import') await finishImport(db, before, job.settings, clock.now(), true);
    else {
      await afterSettingsChange(db, before, current, clock.now(), true);
      await clearUnfinished(db);
    }
    return true;
  });
}

function replaceSite(sites: CustomSite[], site: CustomSite): CustomSite[] {
  return sites.some((s) => s.origin === site.origin) ? sites.map((s) => (s.origin === site.origin ? site : s)) : [...sites, site];
}

/** Handlers of the options page's messages (settings, import/export, custom sites). */
export function createOptionsHandlers(db: RadarDB, clock: Clock): OptionsHandlers {
  return {
    async 'options:get-settings'() {
      const state = await loadSettingsState();
      return { settings: state.settings, ...(state.newer ? { newer: state.newer.message } : {}) };
    },

    'options:save-settings': ({ settings }) =>
      serial(async () => {
        const before = await loadSettings();
        // Noted first: a worker stopped between the save and the end of the re-scoring finishes it.
        await noteUnfinished(db, { kind: 'rescore', tries: 0, disabledBefore: before.disabledSites });
        // Sites change only through their own messages, which also handle permissions and scripts.
        const saved = await saveSettings({ ...settings, customSites: before.customSites });
        await afterSettingsChange(db, before, saved, clock.now());
        await clearUnfinished(db);
        return { settings: saved };
      }),

    async 'options:import'({ text, importId }, sender) {
      requireOptionsPage(sender);
      // Checked completely before anything changes.
      const parsed = parseImport(text);
      if (!parsed.ok) return { refused: parsed.problem };
      return serial(async () => {
        const before = await loadSettings();
        // The data, and in the same transaction what is left to do: a worker stopped before the
        // settings are saved and everything re-scored finishes the import when it starts again.
        // And the import's receipt, for a page whose reply gets lost on the way.
        const job = { kind: 'import' as const, tries: 0, disabledBefore: before.disabledSites, settings: parsed.settings };
        const receipt = importId === undefined ? undefined : { id: importId, at: clock.now() };
        const imported = await replaceAllData(db, parsed.data, job, receipt);
        await finishImport(db, before, parsed.settings, clock.now());
        return { imported };
      });
    },

    async 'options:import-status'({ importId }, sender) {
      requireOptionsPage(sender);
      // In turn: after an import this worker may still be writing, and after the import a
      // restarted worker finishes first (resumeUnfinished runs when it starts).
      return serial(async () => {
        const receipt = await findImport(db, importId);
        if (receipt === null) return { landed: false as const };
        const left = await readUnfinished(db);
        return { landed: true as const, receipt, finished: left?.kind !== 'import' };
      });
    },

    async 'options:clear-data'(_request, sender) {
      requireOptionsPage(sender);
      return serial(async () => {
        const tabIds = (await db.tabs.toArray()).map((tab) => tab.tabId);
        await clearAllData(db);
        await forgetNotified();
        await scheduleSnoozeWake(db);
        await blankTabs(tabIds);
        return { ok: true as const };
      });
    },

    async 'options:add-site'({ origin: typed, aliases }, sender) {
      requireOptionsPage(sender);
      const normal = normalizeOrigin(typed);
      if ('problem' in normal) return { refused: 'invalid-origin' as const, detail: normal.problem };
      const { origin } = normal;
      const builtin = profileForUrl(new URL(`${origin}/`));
      if (builtin) return { refused: 'builtin' as const, detail: builtin.title };
      // The page asks for the permission (it needs the user's click); here we only check it was granted.
      if (!coveredByManifest(origin) && !(await hasOriginPermission(origin))) return { refused: 'no-permission' as const };
      return serial(async () => {
        const current = await loadSettings();
        const existing = current.customSites.find((s) => s.origin === origin);
        if (!existing && current.customSites.length >= MAX_CUSTOM_SITES) return { refused: 'too-many' as const };
        const site: CustomSite = { origin, aliases: aliases ?? existing?.aliases ?? {} };
        const saved = await saveSettings({ ...current, customSites: replaceSite(current.customSites, site) });
        const stored = saved.customSites.find((s) => s.origin === origin) ?? site;
        const registered = await registerSite(stored);
        return { site: stored, registered };
      });
    },

    async 'options:remove-site'({ origin }, sender) {
      requireOptionsPage(sender);
      return serial(async () => {
        const current = await loadSettings();
        await saveSettings({ ...current, customSites: current.customSites.filter((s) => s.origin !== origin) });
        await unregisterSite(origin);
        return { ok: true as const };
      });
    },

    async 'options:set-aliases'({ origin, aliases }, sender) {
      requireOptionsPage(sender);
      return serial(async () => {
        const current = await loadSettings();
        if (!current.customSites.some((s) => s.origin === origin)) throw new Error(`no custom site ${origin}`);
        const site: CustomSite = { origin, aliases };
        const saved = await saveSettings({ ...current, customSites: replaceSite(current.customSites, site) });
        return { site: saved.customSites.find((s) => s.origin === origin) ?? site };
      });
    },
  };
}
