import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { badgeText, type Launched, launchWithExtension, readStore, sendFromPage, serviceWorker, tabIdOf, waitForBadge, waitForTab } from '../../scripts/browser';
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

const tabRecord = (tabId: number, accept: (t: TabRecord) => boolean) => waitForTab(browser, tabId, accept);

const names = (ids: string[]) => ids.map((id) => id.split('|')[1]).sort();
const ext = (file: string) => `chrome-extension://${browser.extensionId}/${file}`;

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

describe('live pages', () => {
  test('single-page navigation: a pushState to another list starts a new scan of that list', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${pages.url}/spa/list`);
    const tabId = await tabIdOf(browser, `${pages.url}/spa/list`);
    const first = await tabRecord(tabId, (t) => t.done && t.dealIds.length === 2);
    expect(names(first.dealIds)).toEqual(['/spa/deal/Alpha%20Corp', '/spa/deal/Beta%20LLC']);
    expect(await waitForBadge(browser, tabId, (t) => t === '1')).toBe('1'); // Alpha: 40 days quiet

    await page.click('text=Other list');
    const second = await tabRecord(tabId, (t) => t.pageUrl.endsWith('/spa/other') && t.done && t.dealIds.length === 3);
    expect(names(second.dealIds)).toEqual(['/spa/deal/Delta%20plc', '/spa/deal/Epsilon%20AG', '/spa/deal/Gamma%20Inc']);
    expect(await waitForBadge(browser, tabId, (t) => t === '2')).toBe('2'); // Gamma 20 days, Epsilon 35 days

    // Back (popstate) to the first list.
    await page.goBack();
    const back = await tabRecord(tabId, (t) => t.pageUrl.endsWith('/spa/list') && t.done);
    expect(names(back.dealIds)).toEqual(['/spa/deal/Alpha%20Corp', '/spa/deal/Beta%20LLC']);
    await page.close();
  });

  test('leaving a long list while it is being read: the read stops, and none of it is filed under the next page', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      const url = `${pages.url}/spa/big`;
      await page.goto(url);
      const tabId = await tabIdOf(browser, url);
      // The first batches are stored: the read is under way.
      await tabRecord(tabId, (t) => !t.done && t.dealIds.length > 0);
      await page.click('a[href="/spa/settings"]');
      await page.waitForURL(/\/spa\/settings$/);
      // The settings page shows no deals: the tab holds none, now or a moment later.
      await page.waitForTimeout(2500);
      const record = (await readStore<TabRecord>(browser, 'tabs')).find((t) => t.tabId === tabId);
      expect(record === undefined || !record.pageUrl.endsWith('/spa/settings') || record.dealIds.length === 0).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test('content that loads late is read when it arrives', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${pages.url}/late`);
    const tabId = await tabIdOf(browser, `${pages.url}/late`);
    const record = await tabRecord(tabId, (t) => t.done && t.dealIds.length === 2);
    expect(record.view).toBe('list');
    expect(await waitForBadge(browser, tabId, (t) => t === '2')).toBe('2');
    await page.close();
  });

  test('virtual scrolling: rows accumulate as the user scrolls; rows that leave the DOM are not deleted', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${pages.url}/virtual`);
    const tabId = await tabIdOf(browser, `${pages.url}/virtual`);
    await tabRecord(tabId, (t) => t.done && t.dealIds.length === 30);
    for (const top of [600, 1200, 1800]) {
      await page.$eval('#scroller', (el, y) => {
        el.scrollTop = y;
      }, top);
      // A reader's pace: each window stays on screen longer than the debounce.
      await page.waitForTimeout(500);
    }
    // 0–29 first, then windows starting at rows 30, 60 and 90.
    const record = await tabRecord(tabId, (t) => t.dealIds.length >= 120);
    expect(record.dealIds.length).toBe(120);
    const deals = await readStore<{ key: string }>(browser, 'deals');
    expect(deals.filter((d) => d.key.startsWith('/virtual/deal/')).length).toBe(120);

    // Scrolling without pause: changes keep coming, yet the page is read at least once a second.
    const before = record.dealIds.length;
    for (let i = 0; i < 30; i++) {
      await page.$eval('#scroller', (el) => {
        el.scrollTop += 100;
      });
      await page.waitForTimeout(100);
    }
    const during = await tabRecord(tabId, (t) => t.dealIds.length > before + 30);
    expect(during.dealIds.length).toBeGreaterThan(before + 30);
    await page.close();
  });

  test('open shadow roots are read (Lightning-style nested components)', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${pages.url}/shadow`);
    const tabId = await tabIdOf(browser, `${pages.url}/shadow`);
    const record = await tabRecord(tabId, (t) => t.done && t.dealIds.length === 2);
    expect(names(record.dealIds)).toEqual(['/shadow/r/A', '/shadow/r/B']);
    expect(await waitForBadge(browser, tabId, (t) => t === '2')).toBe('2');
    await page.close();
  });

  test('a CRM switched off in the options is not read: no scan, no badge, no markers; switched on, it is', async () => {
    // The options page's CRM switches write the site's profile id into disabledSites; the loopback
    // pages are read with the generic profile, which the page has no switch for, so it is written here.
    const worker = await serviceWorker(browser);
    const switchOff = (ids: string[]) =>
      worker.evaluate(async (disabledSites) => {
        const { settings } = await chrome.storage.local.get('settings');
        await chrome.storage.local.set({ settings: { ...(settings ?? {}), disabledSites } });
      }, ids);
    await switchOff(['generic']);
    const { page, scripts } = await watchedPage();
    try {
      const url = `${pages.url}/shadow`;
      await page.goto(url);
      const tabId = await tabIdOf(browser, url);
      // The readers run (the page shows deals) and stop once they read the switch.
      await expect.poll(() => scripts.includes(ext('content-main.js'))).toBe(true);
      await page.waitForTimeout(2000);
      expect((await readStore<TabRecord>(browser, 'tabs')).some((t) => t.tabId === tabId)).toBe(false);
      expect(await badgeText(browser, tabId)).toBe('');
      expect(await page.locator('deal-radar-marker').count()).toBe(0);

      await switchOff([]);
      await page.reload();
      const record = await tabRecord(tabId, (t) => t.done && t.dealIds.length === 2);
      expect(names(record.dealIds)).toEqual(['/shadow/r/A', '/shadow/r/B']);
    } finally {
      await switchOff([]);
      await page.close();
    }
  });

  test('a CRM switched off while its page is open: forgotten at once, a change on the page is not read; switched on, read again at once', async () => {
    const save = async (disabledSites: string[]) => {
      const got = await sendFromPage<{ ok: true; reply: { settings: Record<string, unknown> } }>(browser, { type: 'options:get-settings', payload: {} });
      const saved = await sendFromPage<{ ok: boolean }>(browser, {
        type: 'options:save-settings',
        payload: { settings: { ...got.reply.settings, disabledSites } },
      });
      expect(saved.ok).toBe(true);
    };
    const page = await browser.context.newPage();
    try {
      const url = `${pages.url}/quiet/deals`;
      await page.goto(url);
      const tabId = await tabIdOf(browser, url);
      await tabRecord(tabId, (t) => t.done && t.dealIds.length === 2);
      await expect.poll(() => page.locator('deal-radar-marker').count()).toBeGreaterThan(0);

      // Switched off in the options (the generic profile reads the loopback pages).
      await save(['generic']);
      await expect.poll(async () => (await readStore<TabRecord>(browser, 'tabs')).some((t) => t.tabId === tabId)).toBe(false);
      await expect.poll(() => badgeText(browser, tabId)).toBe('');
      await expect.poll(() => page.locator('deal-radar-marker').count()).toBe(0);

      // The page changes a deal: the script that read it has stopped, so the change is not stored.
      const storedNames = async () => (await readStore<{ name: string }>(browser, 'deals')).map((d) => d.name);
      const before = await storedNames();
      await page.evaluate(() => {
        const link = document.querySelector('tbody a');
        if (!link) throw new Error('no deal link');
        link.textContent = 'Renamed while off';
      });
      await page.waitForTimeout(2000);
      expect(await storedNames()).toEqual(before);
      expect((await readStore<TabRecord>(browser, 'tabs')).some((t) => t.tabId === tabId)).toBe(false);

      // Switched on again: the open page is read at once, without a reload, change and markers too.
      await save([]);
      await tabRecord(tabId, (t) => t.done && t.dealIds.length === 2);
      await expect.poll(storedNames).toContain('Renamed while off');
      // One script reads it: one marker per flagged deal, as many as the badge counts.
      const flagged = Number(await waitForBadge(browser, tabId, (t) => /^[1-9]\d*$/.test(t)));
      await expect.poll(() => page.locator('deal-radar-marker').count()).toBe(flagged);
    } finally {
      await save([]);
      await page.close();
    }
  });
});

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
