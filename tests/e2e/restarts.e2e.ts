import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type DemoServer, startDemoServer } from '../../demo/server';
import {
  badgeText,
  type Launched,
  launchWithExtension,
  readStore,
  sendFromPage,
  stopServiceWorker,
  tabIdOf,
  waitForBadge,
} from '../../scripts/browser';
import type { Warning } from '../../src/radar/model';

/**
 * The service worker is stopped between every step (Chrome stops it whenever it is idle):
 * scan, snooze, dismiss, change settings, snooze expiry. Nothing is lost; the snooze still wakes.
 */
const DIST = resolve(import.meta.dirname, '../../dist/chrome-dev');
let server: DemoServer;
let browser: Launched;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  browser = await launchWithExtension(DIST);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const warning = async (id: string) => (await readStore<Warning>(browser, 'warnings')).find((w) => w.id === id);

test('stopping the service worker between every step loses nothing', { timeout: 150_000 }, async () => {
  const page = await browser.context.newPage();
  const url = `${server.url}/deals`;
  await page.goto(url);
  const tabId = await tabIdOf(browser, url);
  const start = Number(await waitForBadge(browser, tabId, (t) => /^\d+$/.test(t)));
  await stopServiceWorker(browser);

  // The stores survive; the badge survives.
  const site = new URL(server.url).host;
  const quiet = `${site}|/deals/1006|no-activity`;
  const slow = `${site}|/deals/1014|close-date-passed`;
  expect((await warning(quiet))?.status).toBe('active');
  expect(await badgeText(browser, tabId)).toBe(String(start));

  // Snooze (the message wakes the worker), then stop it again.
  // Long enough for the steps below on a slow machine; the last step waits for it to end.
  const until = Date.now() + 45_000;
  expect(await sendFromPage(browser, { type: 'ui:snooze', payload: { warningIds: [quiet], until, reason: 'waiting for legal' } })).toMatchObject({ ok: true });
  await stopServiceWorker(browser);
  expect(await warning(quiet)).toMatchObject({ status: 'snoozed', snoozeUntil: until, snoozeReason: 'waiting for legal' });

  // Dismiss.
  expect(await sendFromPage(browser, { type: 'ui:dismiss', payload: { warningIds: [slow] } })).toMatchObject({ ok: true });
  await stopServiceWorker(browser);
  expect((await warning(slow))?.status).toBe('dismissed');

  // Change a setting: markers off, then back on; both survive a stop.
  const got = await sendFromPage<{ ok: boolean; reply: { settings: { markers: boolean } } }>(browser, { type: 'options:get-settings', payload: {} });
  const settings = { ...got.reply.settings, markers: false };
  expect(await sendFromPage(browser, { type: 'options:save-settings', payload: { settings } })).toMatchObject({ ok: true });
  await stopServiceWorker(browser);
  const after = await sendFromPage<{ reply: { settings: { markers: boolean } } }>(browser, { type: 'options:get-settings', payload: {} });
  expect(after.reply.settings.markers).toBe(false);
  await stopServiceWorker(browser);

  // A rescan after the restart keeps the snooze and the dismissal.
  await page.reload();
  await waitForBadge(browser, tabId, (t) => /^\d+$/.test(t));
  expect(Date.now()).toBeLessThan(until);
  expect((await warning(quiet))?.status).toBe('snoozed');
  expect((await warning(slow))?.status).toBe('dismissed');
  await stopServiceWorker(browser);

  // Snooze expiry: the alarm wakes the stopped worker and the warning comes back.
  const deadline = until + 30_000;
  while (Date.now() < deadline && (await warning(quiet))?.status !== 'active') await new Promise((r) => setTimeout(r, 500));
  expect((await warning(quiet))?.status).toBe('active');
  expect((await warning(slow))?.status).toBe('dismissed');
  await page.close();
});
