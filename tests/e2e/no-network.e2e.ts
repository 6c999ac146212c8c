import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { startDemoServer } from '../../demo/server';
import { launchWithExtension, readPopup, sendFromPage, tabIdOf, waitForBadge } from '../../scripts/browser';
import { asShown } from './setup';

/**
 * A full demo session — list, board, record, a later visit, the popup, options, a snooze —
 * with Chromium's own network log on: every request the browser made went to the demo CRM
 * or stayed inside the extension. Deal Radar made no network request at all.
 */
const DIST = resolve(import.meta.dirname, '../../dist/chrome-dev');

test('a full demo session makes no network request beyond the CRM page itself', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'deal-radar-netlog-'));
  const netlog = join(dir, 'netlog.json');
  const server = await startDemoServer({ port: 0 });
  const browser = await launchWithExtension(DIST, { args: [`--log-net-log=${netlog}`, '--net-log-capture-mode=Default'] });
  try {
    const page = await browser.context.newPage();
    for (const path of ['/deals', '/board', '/deals/1006', '/deals?snapshot=2']) {
      const url = `${server.url}${path}`;
      await page.goto(url);
      const tabId = await tabIdOf(browser, url);
      await waitForBadge(browser, tabId);
      const popup = await readPopup(browser, tabId);
      const first = popup.deals[0]?.warnings[0];
      if (first && path === '/deals') {
        const id = `${new URL(server.url).host}|/deals/1006|no-activity`;
        await sendFromPage(browser, { type: 'ui:snooze', payload: { warnings: await asShown(browser, [id]), until: Date.now() + 86_400_000 } });
      }
      await popup.page.close();
    }
    // A request the page itself makes: proves the log sees page-initiated requests.
    await page.evaluate(() => fetch('/health').then((r) => r.text()));
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options/index.html`);
    await options.waitForTimeout(1000);
    await options.close();
  } finally {
    await browser.close();
    await server.close();
  }
  const log = JSON.parse(readFileSync(netlog, 'utf8')) as {
    events: Array<{ source?: { id?: number }; params?: { url?: string; initiator?: string } }>;
  };
  // One request per net-log source: its URL and who started it.
  const bySource = new Map<number, { url?: string; initiator?: string }>();
  for (const e of log.events) {
    const id = e.source?.id;
    if (id === undefined || !e.params) continue;
    const r = bySource.get(id) ?? {};
    if (e.params.url) r.url ??= e.params.url;
    if (e.params.initiator) r.initiator ??= e.params.initiator;
    bySource.set(id, r);
  }
  const requests = [...bySource.values()].filter((r): r is { url: string; initiator: string | undefined } => typeof r.url === 'string');
  const demo = new URL(server.url).origin;
  const extension = `chrome-extension://${browser.extensionId}`;
  // Requests started by the CRM page (where the content script runs) or by the extension's own
  // pages and worker. The browser's own housekeeping (its updater, sign-in) has no such initiator.
  const ours = requests.filter((r) => r.initiator === demo || r.initiator?.startsWith(extension));
  const outside = ours.filter((r) => !r.url.startsWith(`${demo}/`) && !r.url.startsWith(`${extension}/`) && !r.url.startsWith('data:'));
  // The log really recorded the session and who started each request (else an empty log would pass).
  expect(requests.some((r) => r.url.startsWith(`${demo}/deals`))).toBe(true);
  expect(ours.map((r) => r.url)).toContain(`${demo}/health`);
  expect(outside).toEqual([]);
  if (process.env.KEEP_NETLOG) console.log('NETLOG', netlog); else rmSync(dir, { recursive: true, force: true });
});
