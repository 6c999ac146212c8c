import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Launched, launchWithExtension, readStore, tabIdOf } from '../../scripts/browser';
import type { TabRecord } from '../../src/store/records';
import { startPages } from './static-server';

const DIST = resolve(import.meta.dirname, '../../dist/chrome-dev');
let pages: { url: string; close(): Promise<void> };
let browser: Launched;

beforeAll(async () => {
  pages = await startPages();
  browser = await launchWithExtension(DIST);
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

/** A new tab that notes every script the page's renderer compiles, the content scripts' included. */
async function watchedPage(): Promise<{ page: Page; scripts: string[] }> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const scripts: string[] = [];
  cdp.on('Debugger.scriptParsed', (e: { url: string }) => {
    if (e.url) scripts.push(e.url);
  });
  await cdp.send('Debugger.enable');
  return { page, scripts };
}

async function tabRecord(tabId: number, accept: (t: TabRecord) => boolean, timeoutMs = 10_000): Promise<TabRecord> {
  const deadline = Date.now() + timeoutMs;
  let last: TabRecord | undefined;
  while (Date.now() < deadline) {
    last = (await readStore<TabRecord>(browser, 'tabs')).find((t) => t.tabId === tabId);
    if (last && accept(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`tab record never matched: ${JSON.stringify(last)}`);
}

const ext = (file: string) => `chrome-extension://${browser.extensionId}/${file}`;
const names = (ids: string[]) => ids.map((id) => id.split('|')[1]).sort();

describe('the content-script loader', () => {
  test('a page that shows nothing like deals runs only the loader; navigating to deals loads the readers', async () => {
    const { page, scripts } = await watchedPage();
    const url = `${pages.url}/quiet`;
    await page.goto(url);
    const tabId = await tabIdOf(browser, url);
    await page.waitForTimeout(1500);
    expect(scripts).toContain(ext('content.js'));
    expect(scripts).not.toContain(ext('content-main.js'));
    expect((await readStore<TabRecord>(browser, 'tabs')).some((t) => t.tabId === tabId)).toBe(false);

    // The app navigates (pushState) and renders its deal list a moment later.
    await page.click('#go');
    const record = await tabRecord(tabId, (t) => t.done && t.dealIds.length === 2);
    expect(names(record.dealIds)).toEqual(['/quiet/deal/Kappa%20GmbH', '/quiet/deal/Lambda%20Ltd']);
    expect(scripts).toContain(ext('content-main.js'));
    // Asked once: the readers run once in the page.
    expect(scripts.filter((s) => s === ext('content-main.js'))).toHaveLength(1);
    await page.close();
  });

  test('a page with a table of something else, quiet for longer than the readers look for late content, is still read after the app navigates to deals', async () => {
    const { page, scripts } = await watchedPage();
    const url = `${pages.url}/quiet/settings`;
    await page.goto(url);
    const tabId = await tabIdOf(browser, url);
    // A table: the readers load, find no deals in it, and stop watching the page after 15 s.
    await expect.poll(() => scripts.includes(ext('content-main.js')), { timeout: 10_000 }).toBe(true);
    await page.waitForTimeout(16_000);
    expect((await readStore<TabRecord>(browser, 'tabs')).some((t) => t.tabId === tabId && t.dealIds.length > 0)).toBe(false);

    await page.click('#go');
    const record = await tabRecord(tabId, (t) => t.pageUrl.endsWith('/quiet/deals') && t.done && t.dealIds.length === 2);
    expect(names(record.dealIds)).toEqual(['/quiet/deal/Kappa%20GmbH', '/quiet/deal/Lambda%20Ltd']);
    await page.close();
  }, 60_000);
});
