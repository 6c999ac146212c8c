import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type DemoServer, startDemoServer } from '../../demo/server';
import { chromiumArgs, findChrome } from '../../scripts/browser';

/**
 * Installing and updating while a CRM tab is open: the open tab gets scanned at install;
 * after a reload of the extension the old content script stops quietly and the new one
 * takes over (no "Extension context invalidated" errors, no doubled markers).
 */
const DIST = resolve(import.meta.dirname, '../../dist/chrome-dev');
let server: DemoServer;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  profile = mkdtempSync(join(tmpdir(), 'deal-radar-install-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: findChrome() ?? '/usr/bin/chromium',
    headless: true,
    // Playwright turns extensions off by default; we install ours later, through CDP.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...chromiumArgs(), '--enable-unsafe-extension-debugging'],
  });
});
afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Every console message and exception of a page, from every JavaScript world in it (content scripts too). */
async function listen(page: Page): Promise<string[]> {
  const seen: string[] = [];
  const cdp = await context.newCDPSession(page);
  cdp.on('Runtime.consoleAPICalled', (e) => seen.push(e.args.map((a) => String(a.value ?? a.description ?? '')).join(' ')));
  cdp.on('Runtime.exceptionThrown', (e) => seen.push(`${e.exceptionDetails.text} ${e.exceptionDetails.exception?.description ?? ''}`));
  cdp.on('Log.entryAdded', (e) => seen.push(e.entry.text));
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');
  return seen;
}

const markers = (page: Page) => page.$$eval('deal-radar-marker', (hosts) => hosts.length);

test('a tab open at install is scanned; after a reload of the extension the new script takes over quietly', { timeout: 120_000 }, async () => {
  const page = await context.newPage();
  const log = await listen(page);
  await page.goto(`${server.url}/deals`);
  await page.waitForTimeout(500);
  expect(await markers(page)).toBe(0); // not installed yet

  const cdp = await context.browser()?.newBrowserCDPSession();
  if (!cdp) throw new Error('no browser CDP session');
  const { id } = (await cdp.send('Extensions.loadUnpacked' as never, { path: DIST } as never)) as unknown as { id: string };
  await page.waitForFunction(() => document.querySelectorAll('deal-radar-marker').length > 0, undefined, { timeout: 20_000 });
  await page.waitForTimeout(1000);
  const flagged = await markers(page);
  expect(flagged).toBeGreaterThan(3);

  // Load it again from the same folder (as an update does) with the CRM tab still open.
  const again = (await cdp.send('Extensions.loadUnpacked' as never, { path: DIST } as never)) as unknown as { id: string };
  expect(again.id).toBe(id);

  // The page changes after the reload: the old script cannot report it, the new one does.
  await page.waitForTimeout(3000);
  await page.waitForFunction((n) => document.querySelectorAll('deal-radar-marker').length === n, flagged);
  await page.evaluate(() => {
    const row = [...document.querySelectorAll('tr')].find((r) => r.textContent?.includes('Northwind'));
    const link = row?.querySelector('a');
    if (link) link.textContent = 'Northwind Logistics — renamed after the update';
  });
  // The reloaded extension's pages open once it is back (it is briefly unavailable while reloading).
  let check = await context.newPage();
  const deadline = Date.now() + 45_000;
  while (!(await check.goto(`chrome-extension://${id}/manifest.json`).then(() => true, () => false))) {
    if (Date.now() > deadline) throw new Error('the extension did not come back after its reload');
    await check.close();
    await new Promise((r) => setTimeout(r, 500));
    check = await context.newPage();
  }
  await expect
    .poll(
      () =>
        check.evaluate(
          () =>
            new Promise<string[]>((done) => {
              const open = indexedDB.open('deal-radar');
              open.onsuccess = () => {
                const all = open.result.transaction('deals').objectStore('deals').getAll();
                all.onsuccess = () => done((all.result as Array<{ name: string }>).map((d) => d.name));
              };
            }),
        ),
      { timeout: 15_000 },
    )
    .toContain('Northwind Logistics — renamed after the update');
  // The new script draws its markers once the background has answered its scan.
  await page.waitForFunction((n) => document.querySelectorAll('deal-radar-marker').length === n, flagged);
  expect(log.filter((line) => /context invalidated|Receiving end does not exist/i.test(line))).toEqual([]);
  await check.close();
  await page.close();
});
