import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Launched, launchWithExtension, readStore, tabIdOf, waitForTab } from '../../scripts/browser';
import type { ChangeEvent, Deal, Warning } from '../../src/radar/model';
import { DEV_BUILD } from './setup';
import { startPages } from './static-server';

/**
 * Deals without record links that share a name (pages/namesakes.html): two "Renewal 2027" for two
 * companies, two "Expansion" nothing shown tells apart. Sorting the list and reading it again, in
 * place and after a reload, keeps every deal with its own values and raises no warning from the
 * values of another row: no "amount dropped", "close date slipped" or "moved back a stage".
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

/** Rules that fire on a deal's history: the ones two deals under one key set off. */
const HISTORY_RULES = ['amount-dropped', 'close-date-slipped', 'stage-regressed', 'too-good-to-be-true'];

/** What the store holds for the page's site, checked after every read of the page. */
async function expectEveryDealApart(site: string): Promise<void> {
  const deals = (await readStore<Deal>(browser, 'deals')).filter((d) => d.site === site);
  const of = (name: string) =>
    deals
      .filter((d) => d.name === name)
      .map((d) => [d.key, d.amount, d.stage])
      .sort((a, b) => Number(a[1]) - Number(b[1]));
  expect(of('Renewal 2027')).toEqual([
    ['Renewal 2027\nGlobex', 20000, 'Discovery'],
    ['Renewal 2027\nAcme', 50000, 'Proposal'],
  ]);
  expect(of('Expansion').map(([, amount, stage]) => [amount, stage])).toEqual([
    [8000, 'Qualified'],
    [30000, 'Demo'],
  ]);
  const events = (await readStore<ChangeEvent>(browser, 'events')).filter((e) => e.site === site);
  expect(events.map((e) => [e.dealId, e.field, e.from, e.to])).toEqual([]);
  const fired = (await readStore<Warning>(browser, 'warnings')).filter(
    (w) => w.site === site && w.status === 'active' && HISTORY_RULES.includes(w.ruleId),
  );
  expect(fired.map((w) => [w.dealId, w.ruleId, w.facts[0]])).toEqual([]);
}

/** Acme's quiet deal has its marker in its own row, wherever that row is; Globex's row has none. */
async function expectMarkerOnAcme(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('tr[data-company="Acme"] deal-radar-marker') !== null,
  );
  expect(await page.locator('tr[data-company="Globex"] deal-radar-marker').count()).toBe(0);
}

test('two deals of one name stay two through sorting and rescans, and no warning comes from the other row', async () => {
  const page = await browser.context.newPage();
  const url = `${pages.url}/namesakes`;
  await page.goto(url);
  const site = new URL(url).host;
  const tabId = await tabIdOf(browser, url);
  let tab = await waitForTab(browser, tabId, (t) => t.done && t.dealIds.length > 0);
  await expectEveryDealApart(site);
  await expectMarkerOnAcme(page);

  // Sorted by amount one way, then the other: every row drawn anew, read again in its new place.
  // (The "Expansion" rows are numbered again as they are drawn anew, so each sort sends a batch.)
  for (const order of ['ascending', 'descending']) {
    const before = tab.updatedAt;
    await page.click('#sort');
    tab = await waitForTab(browser, tabId, (t) => t.updatedAt > before);
    const shown = await page.$$eval('tbody tr', (rows) =>
      rows.map((r) => Number((r as HTMLElement).dataset.amount)),
    );
    expect(shown).toEqual([...shown].sort((a, b) => (order === 'ascending' ? a - b : b - a)));
    await expectEveryDealApart(site);
  }

  // A reload reads the sorted list as a new scan.
  await page.reload();
  await waitForTab(browser, tabId, (t) => t.done && t.scanId !== tab.scanId);
  await expectEveryDealApart(site);
  await expectMarkerOnAcme(page);
  await page.close();
});
