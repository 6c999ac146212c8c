import { expect, test } from 'vitest';
import { badgeText, readPopup, tabIdOf, waitForBadge } from '../../scripts/browser';
import { useDemoBrowser } from './setup';


const env = useDemoBrowser();

test('markers: one dot per flagged deal, no layout shift, and dismiss from the marker card removes it', async () => {
  const page = await env.browser.context.newPage();
  const url = `${env.server.url}/deals`;
  await page.goto(url);
  const tabId = await tabIdOf(env.browser, url);
  const badge = Number(await waitForBadge(env.browser, tabId, (t) => /^\d+$/.test(t)));
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
