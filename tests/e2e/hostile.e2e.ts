import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { type Launched, launchWithExtension, readStore, tabIdOf, waitForBadge } from '../../scripts/browser';
import type { Deal } from '../../src/radar/model';
import { DEV_BUILD } from './setup';
import { startPages } from './static-server';

/**
 * Deal names, stages and owners that carry markup, script, `javascript:` links, bidi controls
 * and a megabyte of text: they show as plain text in the popup, the dashboard, the options page
 * and the in-page markers; no script runs; links only ever point to the CRM's own origin.
 */
let pages: { url: string; close(): Promise<void> };
let browser: Launched;

beforeAll(async () => {
  pages = await startPages();
  browser = await launchWithExtension(DEV_BUILD);
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

/** Nothing on this page was turned into markup from deal text, and no planted script ran. */
async function expectNoMarkupFromText(page: Page, origin: string): Promise<void> {
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
    imgs: [...document.querySelectorAll('img')].map((i) => i.getAttribute('src')),
    scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__pwned')).length,
    links: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
    text: document.body.textContent ?? '',
  }));
  expect(found.pwned).toBeNull();
  expect(found.imgs.filter((src) => src === 'x' || src === 'y')).toEqual([]);
  expect(found.scripts).toBe(0);
  for (const href of found.links) expect(href.startsWith(`${origin}/`) || href.startsWith('chrome-extension://')).toBe(true);
}

test('hostile deal text stays text everywhere and links stay on the CRM origin', { timeout: 120_000 }, async () => {
  const crm = await browser.context.newPage();
  const url = `${pages.url}/hostile`;
  await crm.goto(url);
  const tabId = await tabIdOf(browser, url);
  await waitForBadge(browser, tabId, (t) => /^\d+$/.test(t));

  // What was stored: raw strings, cut to size; the javascript: and foreign links were not kept.
  const deals = (await readStore<Deal>(browser, 'deals')).filter((d) => d.site === new URL(pages.url).host);
  expect(deals.length).toBe(4);
  expect(deals.every((d) => d.name.length <= 2000)).toBe(true);
  expect(deals.some((d) => d.name.includes('<img src=x onerror="window.__pwned=1">'))).toBe(true);
  for (const d of deals) if (d.url) expect(d.url.startsWith(`${pages.url}/`)).toBe(true);

  // The CRM page with our markers: open every marker card; nothing planted runs.
  const imgsBefore = await crm.$$eval('img', (i) => i.length);
  await crm.waitForSelector('deal-radar-marker', { state: 'attached' });
  for (const host of await crm.$$('deal-radar-marker')) {
    const box = await host.boundingBox();
    if (box) await crm.mouse.click(box.x - 7, box.y);
  }
  expect(await crm.$$eval('img', (i) => i.length)).toBe(imgsBefore);
  expect(await crm.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull();

  // The popup, the dashboard and the options page.
  const ext = `chrome-extension://${browser.extensionId}`;
  for (const path of [`popup/index.html?tab=${tabId}`, `popup/index.html?mode=dashboard&tab=${tabId}`, 'options/index.html']) {
    const page = await browser.context.newPage();
    await page.goto(`${ext}/${path}`);
    await page.waitForTimeout(1500);
    await expectNoMarkupFromText(page, pages.url);
    if (path.startsWith('popup')) {
      const text = await page.evaluate(() => document.body.textContent ?? '');
      expect(text).toContain('<img src=x onerror="window.__pwned=1">Acme pilot');
    }
    if (path.startsWith('options')) {
      // Stages seen on the hostile site are offered for per-stage thresholds, as text.
      const text = await page.evaluate(() => document.body.innerHTML);
      expect(text).not.toContain('<script>window.__pwned=3</script>');
    }
    await page.close();
  }
  await crm.close();
});
