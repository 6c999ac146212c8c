import { expect, test } from 'vitest';
import {
  badgeText,
  readStore,
  sendFromPage,
  serviceWorker,
  stopServiceWorker,
  tabIdOf,
  waitForBadge,
} from '../../scripts/browser';
import { asShown, useDemoBrowser } from './setup';
import type { Warning } from '../../src/radar/model';

/**
 * The service worker is stopped between every step (Chrome stops it whenever it is idle):
 * scan, snooze, dismiss, change settings, snooze expiry. Nothing is lost; the snooze still wakes.
 */

const env = useDemoBrowser();

const warning = async (id: string) => (await readStore<Warning>(env.browser, 'warnings')).find((w) => w.id === id);

test('stopping the service worker between every step loses nothing', { timeout: 150_000 }, async () => {
  const page = await env.browser.context.newPage();
  const url = `${env.server.url}/deals`;
  await page.goto(url);
  const tabId = await tabIdOf(env.browser, url);
  const start = Number(await waitForBadge(env.browser, tabId, (t) => /^\d+$/.test(t)));
  await stopServiceWorker(env.browser);

  // The stores survive; the badge survives.
  const site = new URL(env.server.url).host;
  const quiet = `${site}|/deals/1006|no-activity`;
  const slow = `${site}|/deals/1014|close-date-passed`;
  expect((await warning(quiet))?.status).toBe('active');
  expect(await badgeText(env.browser, tabId)).toBe(String(start));

  // Snooze (the message wakes the worker), then stop it again.
  // Long enough for the steps below on a slow machine; the last step waits for it to end.
  const until = Date.now() + 45_000;
  expect(await sendFromPage(env.browser, { type: 'ui:snooze', payload: { warnings: await asShown(env.browser, [quiet]), until, reason: 'waiting for legal' } })).toMatchObject({ ok: true });
  await stopServiceWorker(env.browser);
  expect(await warning(quiet)).toMatchObject({ status: 'snoozed', snoozeUntil: until, snoozeReason: 'waiting for legal' });

  // Dismiss.
  expect(await sendFromPage(env.browser, { type: 'ui:dismiss', payload: { warnings: await asShown(env.browser, [slow]) } })).toMatchObject({ ok: true });
  await stopServiceWorker(env.browser);
  expect((await warning(slow))?.status).toBe('dismissed');

  // Change a setting: markers off, then back on; both survive a stop.
  const got = await sendFromPage<{ ok: boolean; reply: { settings: { markers: boolean } } }>(env.browser, { type: 'options:get-settings', payload: {} });
  const settings = { ...got.reply.settings, markers: false };
  expect(await sendFromPage(env.browser, { type: 'options:save-settings', payload: { settings } })).toMatchObject({ ok: true });
  await stopServiceWorker(env.browser);
  const after = await sendFromPage<{ reply: { settings: { markers: boolean } } }>(env.browser, { type: 'options:get-settings', payload: {} });
  expect(after.reply.settings.markers).toBe(false);
  await stopServiceWorker(env.browser);

  // A rescan after the restart keeps the snooze and the dismissal.
  await page.reload();
  await waitForBadge(env.browser, tabId, (t) => /^\d+$/.test(t));
  expect(Date.now()).toBeLessThan(until);
  expect((await warning(quiet))?.status).toBe('snoozed');
  expect((await warning(slow))?.status).toBe('dismissed');
  await stopServiceWorker(env.browser);

  // Snooze expiry: the alarm wakes the stopped worker and the warning comes back.
  const deadline = until + 30_000;
  while (Date.now() < deadline && (await warning(quiet))?.status !== 'active') await new Promise((r) => setTimeout(r, 500));
  expect((await warning(quiet))?.status).toBe('active');
  expect((await warning(slow))?.status).toBe('dismissed');
  await page.close();
});

test('a worker that starts without its alarms (the browser may clear them when the extension is reloaded) sets the snooze alarm again', { timeout: 60_000 }, async () => {
  const page = await env.browser.context.newPage();
  const url = `${env.server.url}/deals`;
  await page.goto(url);
  const tabId = await tabIdOf(env.browser, url);
  await waitForBadge(env.browser, tabId, (t) => /^\d+$/.test(t));
  const id = (await readStore<Warning>(env.browser, 'warnings')).find((w) => w.status === 'active' && w.dealId !== null)?.id;
  if (!id) throw new Error('no active warning');
  const until = Date.now() + 6_000;
  expect(await sendFromPage(env.browser, { type: 'ui:snooze', payload: { warnings: await asShown(env.browser, [id]), until } })).toMatchObject({ ok: true });
  // The alarms go, and the worker with them; any message starts it again.
  const worker = await serviceWorker(env.browser);
  await worker.evaluate(() => chrome.alarms.clearAll());
  await stopServiceWorker(env.browser);
  expect(await sendFromPage(env.browser, { type: 'options:get-settings', payload: {} })).toMatchObject({ ok: true });

  const deadline = until + 20_000;
  while (Date.now() < deadline && (await warning(id))?.status !== 'active') await new Promise((r) => setTimeout(r, 500));
  expect((await warning(id))?.status).toBe('active');
  await page.close();
});
