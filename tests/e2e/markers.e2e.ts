import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { badgeText, readPopup, readStore, tabIdOf, waitForBadge, waitForTab } from '../../scripts/browser';
import type { Warning } from '../../src/radar/model';
import { addQuietDeals, useDemoBrowser } from './setup';


const env = useDemoBrowser();

/** The demo's deal list in a new tab, once the radar has read it: the tab and its badge count. */
async function openDealList(): Promise<{ page: Page; tabId: number; badge: number }> {
  const page = await env.browser.context.newPage();
  const url = `${env.server.url}/deals`;
  await page.goto(url);
  const tabId = await tabIdOf(env.browser, url);
  const badge = Number(await waitForBadge(env.browser, tabId, (t) => /^\d+$/.test(t)));
  return { page, tabId, badge };
}

test('markers: one dot per flagged deal, no layout shift, and dismiss from the marker card removes it', async () => {
  const { page, tabId, badge } = await openDealList();
  await page.waitForFunction((n) => document.querySelectorAll('deal-radar-marker').length === n, badge);

  // Markers sit in the rows of flagged deals only.
  const marked = await page.$$eval('deal-radar-marker', (hosts) => hosts.map((h) => h.closest('tr')?.querySelector('a')?.textContent ?? ''));
  expect(marked.some((n) => n.startsWith('Wide World Importers'))).toBe(true);
  expect(marked.some((n) => n.startsWith('Northwind'))).toBe(false);

  // The shadow root is closed: the page cannot reach into it.
  expect(await page.$eval('deal-radar-marker', (h) => h.shadowRoot)).toBeNull();

  // No layout shift: the table's cells are where they would be without markers.
  const rects = () => page.$$eval('td', (cells) => cells.map((c) => { const r = c.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].map(Math.round).join(','); }));
  const withMarkers = await rects();
  const parents = await page.$$eval('deal-radar-marker', (hs) => hs.map((h) => { const p = h.parentElement as HTMLElement; h.remove(); return p.tagName; }));
  expect(parents.length).toBe(badge);
  expect(await rects()).toEqual(withMarkers);

  // Reload to get the markers back, then dismiss Wide World's top warning from its card, by keyboard.
  await page.reload();
  await page.waitForFunction((n) => document.querySelectorAll('deal-radar-marker').length === n, badge);
  const row = page.locator('tr', { hasText: 'Wide World Importers' });
  const host = row.locator('deal-radar-marker');
  const box = await host.boundingBox();
  if (!box) throw new Error('marker has no box');
  await page.mouse.click(box.x - 9, box.y);
  await page.keyboard.press('Tab'); // Snooze 1 day
  await page.keyboard.press('Tab'); // Dismiss
  await page.keyboard.press('Enter');
  // The dismissal goes to the background as a message: wait until it is stored.
  await expect
    .poll(async () => (await readStore<Warning>(env.browser, 'warnings')).find((w) => w.ruleId === 'no-activity' && w.dealId?.endsWith('/deals/1006'))?.status)
    .toBe('dismissed');
  const popup = await readPopup(env.browser, tabId);
  const wide = popup.deals.find((d) => d.name.startsWith('Wide World Importers'));
  // Its other warnings stay; the dismissed one (the top one, no-activity) is gone.
  expect(wide?.warnings.map((w) => w.rule) ?? []).not.toContain('no-activity');
  await popup.page.close();

  // Dismissing every warning of a deal in the popup removes its marker from the page.
  const popup2 = await readPopup(env.browser, tabId);
  const litware = popup2.page.locator('.deal', { hasText: 'Litware' });
  for (const button of await litware.getByRole('button', { name: 'Dismiss' }).all()) await button.click();
  await page.waitForFunction(() => ![...document.querySelectorAll('deal-radar-marker')].some((h) => h.closest('tr')?.textContent?.includes('Litware')));
  await waitForBadge(env.browser, tabId, (t) => Number(t) < badge);
  expect(Number(await badgeText(env.browser, tabId))).toBeLessThan(badge);
  await popup2.page.close();
  await page.close();
});

test('markers on a long list: built as their rows come near the viewport, and gone with their warning', async () => {
  const page = await env.browser.context.newPage();
  await page.setViewportSize({ width: 1200, height: 700 });
  const url = `${env.server.url}/deals`;
  await page.goto(url);
  const tabId = await tabIdOf(env.browser, url);
  await waitForBadge(env.browser, tabId, (t) => /^\d+$/.test(t));
  const before = (await waitForTab(env.browser, tabId, (tab) => tab.dealIds.length > 0)).dealIds.length;

  // The list grows by 300 deals whose last activity was months ago: every one of them is flagged.
  const added = 300;
  await addQuietDeals(page, added, 'Lazy');
  await waitForTab(env.browser, tabId, (tab) => tab.dealIds.length >= before + added, 60_000);
  const markedLazy = () => page.$$eval('tr[data-added] deal-radar-marker', (hosts) => hosts.length);
  // Rows far below the viewport wait for it: only the ones near it (if any) have their marker yet.
  await page.waitForTimeout(500);
  expect(await markedLazy()).toBeLessThan(added / 2);
  const last = page.locator(`tr[data-added="${added - 1}"]`);
  expect(await last.locator('deal-radar-marker').count()).toBe(0);

  // Scrolled to the end, the last rows get theirs, and with them those of the flagged rows just
  // above, out of view yet (one layout of the list for all of them), but not those far above.
  await last.scrollIntoViewIfNeeded();
  await page.waitForFunction((i) => document.querySelector(`tr[data-added="${i}"] deal-radar-marker`) !== null, added - 1);
  const hasMarker = (i: number) => page.locator(`tr[data-added="${i}"] deal-radar-marker`).count();
  const above = page.locator(`tr[data-added="${added - 61}"]`);
  expect(await above.evaluate((row) => row.getBoundingClientRect().bottom < -300)).toBe(true);
  expect(await hasMarker(added - 61)).toBe(1);
  expect(await hasMarker(149)).toBe(0);

  // A deal whose warning ended loses its marker, built or still waiting: the last rows get a
  // recent activity (the marker on screen goes) and so does row 150 (its marker was never built).
  await page.evaluate((i) => {
    for (const n of [i, i - 1, 150]) {
      const cell = document.querySelector<HTMLTableRowElement>(`tr[data-added="${n}"]`)?.cells[4];
      if (cell) cell.textContent = 'Today';
    }
  }, added - 1);
  await page.waitForFunction((i) => document.querySelector(`tr[data-added="${i}"] deal-radar-marker`) === null, added - 1);
  const middle = page.locator('tr[data-added="150"]');
  await middle.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('tr[data-added="149"] deal-radar-marker') !== null);
  expect(await middle.locator('deal-radar-marker').count()).toBe(0);
  await page.close();
});

test('markers switched off in the options leave the open page at once and stay away after a reload; switched on, they come back', async () => {
  const { page, tabId, badge } = await openDealList();
  const markerCount = () => page.evaluate(() => document.querySelectorAll('deal-radar-marker').length);
  await expect.poll(markerCount).toBe(badge);

  const options = await env.browser.context.newPage();
  await options.goto(`chrome-extension://${env.browser.extensionId}/options/index.html`);
  const markersOn = options.locator('#markers-on');
  await markersOn.uncheck();
  await expect.poll(markerCount).toBe(0);
  // A reload reads the page again, and draws nothing; the badge still counts the deals.
  await page.reload();
  expect(Number(await waitForBadge(env.browser, tabId, (t) => /^\d+$/.test(t)))).toBe(badge);
  await waitForTab(env.browser, tabId, (tab) => tab.done);
  await page.waitForTimeout(1000);
  expect(await markerCount()).toBe(0);

  await markersOn.check();
  await expect.poll(markerCount).toBe(badge);
  await options.close();
  await page.close();
});

test('a tab that leaves its deal list forgets it: the popup and the badge do not show the last page', async () => {
  const { page, tabId } = await openDealList();
  expect((await waitForTab(env.browser, tabId, (tab) => tab.done)).dealIds.length).toBeGreaterThan(0);

  // A full navigation to a page of the same host that shows no deals.
  await page.goto(`${env.server.url}/blog`);
  await expect.poll(async () => (await readStore<{ tabId: number }>(env.browser, 'tabs')).some((t) => t.tabId === tabId)).toBe(false);
  expect(await badgeText(env.browser, tabId)).toBe('');
  const popup = await readPopup(env.browser, tabId);
  expect(popup.deals).toEqual([]);
  expect(popup.status).toMatch(/^No deals read on this page/);
  await popup.page.close();
  await page.close();
});
