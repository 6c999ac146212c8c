/**
 * The background worker: the only writer of the database. Wiring only: messages,
 * badge, alarms and tab bookkeeping. Chrome runs it as a service worker (stopped when
 * idle: no state lives in module globals), Firefox as an event page.
 */
import '../platform/zod-config';
import { dispatch } from '../messages/handle';
import { browser, type Runtime } from '../platform/browser';
import { radarDb } from '../store/db';
import { ensureSnoozeAlarm, SNOOZE_ALARM, scheduleSnoozeWake, wakeSnoozes } from './alarms';
import { updateAllBadges } from './badge';
import { createHandlers } from './handlers';
import { resumeUnfinished } from './settings-handlers';
import { keepSummaries } from './summaries';
import { injectIntoOpenTabs } from './inject';
import { pruneHistory } from '../store/retention';
// Options: settings migration, custom CRM sites, notifications (see the block at the end).
import { loadSettings, migrateStoredSettings } from '../settings/storage';
import { syncCustomSites } from './custom-sites';
import { DIGEST_ALARM, openFromNotification, sendDigest, syncDigestAlarm } from './notify';
import { forgetWithdrawnTabs } from './withdrawn';

const db = radarDb();
// The popup's page views, stored per tab after every write (and now, for writes made while stopped).
const summaries = keepSummaries(db);
summaries.schedule();
const handlers = createHandlers(db, { now: () => Date.now() }, summaries);
const opts = { extensionId: browser.runtime.id, extensionUrl: browser.runtime.getURL('') };

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => dispatch(message, sender, handlers, opts));

// A settings save or an import this worker was stopped in the middle of is finished now.
void resumeUnfinished(db, { now: () => Date.now() }).catch((error: unknown) => console.warn('[deal-radar] unfinished work', error));

/** Once a day, history older than the retention setting goes. */
const RETENTION_ALARM = 'retention';

browser.alarms.onAlarm.addListener(async (alarm) => {
  if (alarm.name === RETENTION_ALARM) {
    const settings = await loadSettings();
    await pruneHistory(db, Date.now(), settings.retentionDays);
    return;
  }
  if (alarm.name !== SNOOZE_ALARM) return;
  await wakeSnoozes(db, Date.now());
  await updateAllBadges(db);
  await scheduleSnoozeWake(db);
});

/**
 * Forgets what a tab showed. Most tabs never showed a CRM: for those nothing is written, so the
 * data's revision stays and the stored page summaries still hold (src/store/revision.ts).
 */
function forgetTab(tabId: number): void {
  void db.transaction('rw', db.tabs, async () => {
    if (await db.tabs.get(tabId)) await db.tabs.delete(tabId);
  });
}

browser.tabs.onRemoved.addListener(forgetTab);

// A tab that navigates starts a new scan; forget what it showed before.
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.url !== undefined) forgetTab(tabId);
});

// Tab ids do not survive a browser restart.
browser.runtime.onStartup.addListener(() => {
  void db.tabs.clear();
  void scheduleSnoozeWake(db);
});

/**
 * The daily retention run. Set on install and update, and again whenever the worker starts
 * without it: the browser does not promise to keep alarms across restarts.
 */
async function ensureRetentionAlarm(reset = false): Promise<void> {
  if (!reset && (await browser.alarms.get(RETENTION_ALARM))) return;
  await browser.alarms.create(RETENTION_ALARM, { delayInMinutes: 5, periodInMinutes: 24 * 60 });
}
void ensureRetentionAlarm().catch((error: unknown) => console.warn('[deal-radar] retention alarm', error));
void ensureSnoozeAlarm(db).catch((error: unknown) => console.warn('[deal-radar] snooze alarm', error));

browser.runtime.onInstalled.addListener((details) => {
  void scheduleSnoozeWake(db);
  void ensureRetentionAlarm(true);
  if (details.reason === 'install' || details.reason === 'update') void injectIntoOpenTabs();
});

// ---- Options: settings migration, custom CRM sites, notifications ---------------------------

/** Custom sites' content scripts and the digest alarm follow the settings and granted permissions. */
async function syncWithSettings(): Promise<void> {
  const settings = await loadSettings();
  await syncCustomSites(settings).catch((error: unknown) => console.warn('[deal-radar] custom sites', error));
  await syncDigestAlarm(settings);
}

// Settings migrate once, here, on install and update; then scripts and alarms are re-checked.
browser.runtime.onInstalled.addListener(() => {
  void migrateStoredSettings()
    .catch((error: unknown) => console.warn('[deal-radar] settings migration', error))
    .then(syncWithSettings);
});

// Registrations persist across sessions, but a permission may have been withdrawn meanwhile.
browser.runtime.onStartup.addListener(() => {
  void syncWithSettings();
});

const onNotificationClick = (id: string) => void openFromNotification(db, id);

/** The notifications API exists only while its optional permission is granted. */
function listenToNotifications(): void {
  const notifications = (browser as { notifications?: typeof browser.notifications }).notifications;
  if (notifications && !notifications.onClicked.hasListener(onNotificationClick)) notifications.onClicked.addListener(onNotificationClick);
}
listenToNotifications();

// The user can grant or withdraw a site (or notifications) in the browser's own settings too.
browser.permissions.onAdded.addListener(() => {
  listenToNotifications();
  void syncWithSettings();
});
browser.permissions.onRemoved.addListener(() => {
  void syncWithSettings();
  void forgetWithdrawnTabs(db).catch((error: unknown) => console.warn('[deal-radar] withdrawn sites', error));
});

browser.alarms.onAlarm.addListener(async (alarm) => {
  if (alarm.name !== DIGEST_ALARM) return;
  await sendDigest(db, await loadSettings(), Date.now());
});
