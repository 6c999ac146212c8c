/**
 * The background worker: the only writer of the database. Wiring only: messages,
 * badge, alarms and tab bookkeeping. Chrome runs it as a service worker (stopped when
 * idle: no state lives in module globals), Firefox as an event page.
 */
import '../platform/zod-config';
import { dispatch } from '../messages/handle';
import { browser, type Runtime } from '../platform/browser';
import { radarDb } from '../store/db';
import { SNOOZE_ALARM, scheduleSnoozeWake, wakeSnoozes } from './alarms';
import { updateAllBadges } from './badge';
import { createHandlers } from './handlers';

const db = radarDb();
const handlers = createHandlers(db, { now: () => Date.now() });
const opts = { extensionId: browser.runtime.id, extensionUrl: browser.runtime.getURL('') };

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => dispatch(message, sender, handlers, opts));

browser.alarms.onAlarm.addListener(async (alarm) => {
  if (alarm.name !== SNOOZE_ALARM) return;
  await wakeSnoozes(db, Date.now());
  await updateAllBadges(db);
  await scheduleSnoozeWake(db);
});

browser.tabs.onRemoved.addListener((tabId) => {
  void db.tabs.delete(tabId);
});

// A tab that navigates starts a new scan; forget what it showed before.
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.url !== undefined) void db.tabs.delete(tabId);
});

// Tab ids do not survive a browser restart.
browser.runtime.onStartup.addListener(() => {
  void db.tabs.clear();
  void scheduleSnoozeWake(db);
});

browser.runtime.onInstalled.addListener(() => {
  void scheduleSnoozeWake(db);
});
