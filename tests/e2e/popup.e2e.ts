import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type DemoServer, startDemoServer } from '../../demo/server';
import {
  badgeText,
  type Launched,
  launchWithExtension,
  patchStore,
  readStore,
  serviceWorker,
  tabIdOf,
  waitForBadge,
  waitForTab,
} from '../../scripts/browser';
import type { Deal, Warning } from '../../src/radar/model';
import { addQuietDeals, focusOnArrival } from './setup';

const DIST = resolve(import.meta.dirname, '../../dist/chrome-dev');
let server: DemoServer;
let browser: Launched;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});
afterAll(async () => {
  await server?.close();
});
// A fresh profile per test: each flow starts from an empty database.
beforeEach(async () => {
  browser = await launchWithExtension(DIST);
});
afterEach(async () => {
  await browser?.close();
});

/** Opens a CRM page in a tab and waits until the radar has read it; returns the tab and its badge count. */
async function visit(url: string): Promise<{ page: Page; tabId: number; badge: number }> {
  const page = await browser.context.newPage();
  await page.goto(url);
  const tabId = await tabIdOf(browser, url);
  const badge = Number(await waitForBadge(browser, tabId, (t) => /^\d+$/.test(t)));
  return { page, tabId, badge };
}

/** The popup for a tab, opened in a tab of its own at popup size. */
async function openPopup(tabId: number, view?: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 420, height: 600 });
  await page.goto(
    `chrome-extension://${browser.extensionId}/popup/index.html?tab=${tabId}${view ? `&view=${view}` : ''}`,
  );
  await page.waitForSelector('.panel .status:not(.loading)');
  return page;
}

/** A locator's text, trimmed (for polling). */
const text = async (locator: Locator) => ((await locator.first().textContent()) ?? '').trim();
const deal = (popup: Page, name: string) => popup.locator('.deal', { hasText: name });

/** The id of a tab record the tests store themselves (no such tab is open). */
const READING_TAB = 999_999;

/**
 * Stores the record of a page being read, as the background does after each batch the page sends,
 * and tells the extension's pages about it the way Dexie does for its own writes (a raw IndexedDB
 * write alone would not reach a popup already open).
 */
async function putReadingTab(fields: { done: boolean; seen: number; unreadable?: number }): Promise<void> {
  const worker = await serviceWorker(browser);
  await worker.evaluate(
    async ({ site, fields, tabId }) => {
      const db = await new Promise<IDBDatabase>((ok) => {
        const open = indexedDB.open('deal-radar');
        open.onsuccess = () => ok(open.result);
      });
      const tx = db.transaction('tabs', 'readwrite');
      tx.objectStore('tabs').put({
        tabId,
        site,
        pageUrl: `http://${site}/deals`,
        view: 'list',
        dealIds: [],
        scanId: 's',
        unreadable: 0,
        ...fields,
        updatedAt: Date.now(),
      });
      await new Promise((ok) => (tx.oncomplete = ok));
      db.close();
      // Dexie's channel between pages (dexie: STORAGE_MUTATED_DOM_EVENT_NAME); `all` has every live query re-read.
      const channel = new BroadcastChannel('x-storagemutated-1');
      channel.postMessage({ all: true, 'idb://deal-radar/tabs/': true });
      channel.close();
    },
    { site: new URL(server.url).host, fields, tabId: READING_TAB },
  );
}

/** Ends one warning's snooze now (the test's hand on the clock) and wakes the snoozes. */
async function expireSnooze(warningId: string): Promise<void> {
  expect(await patchStore(browser, 'warnings', warningId, { snoozeUntil: Date.now() - 1000 })).toBe(true);
  const worker = await serviceWorker(browser);
  // Unpacked extensions may set alarms sooner than the 30 s packed ones get.
  await worker.evaluate(() => chrome.alarms.create('snooze-wake', { when: Date.now() + 50 }));
}

describe('the popup', () => {
  test('snooze with a reason: the warning leaves the list and the badge drops; when the snooze ends it comes back', async () => {
    const crm = await visit(`${server.url}/deals`);
    const popup = await openPopup(crm.tabId);
    const litware = deal(popup, 'Litware');
    await expect.poll(() => litware.locator('.warning').count()).toBe(1);

    await litware.getByRole('button', { name: 'Snooze…' }).click();
    // The panel opens with focus in the reason field.
    await popup.keyboard.type('Security review until Friday');
    await litware.getByRole('button', { name: '3 days' }).click();
    await litware.waitFor({ state: 'detached' });
    await expect.poll(() => text(popup.locator('.toast'))).toContain('Snoozed until');
    await waitForBadge(browser, crm.tabId, (t) => t === String(crm.badge - 1));

    await popup.getByRole('tab', { name: 'Snoozed & dismissed' }).click();
    const item = popup.locator('.hidden-item', { hasText: 'Litware' });
    await expect
      .poll(() => text(item.locator('.hidden-reason')))
      .toBe('Reason: Security review until Friday');
    await expect.poll(() => text(item.locator('.hidden-until'))).toContain('(in 3 days)');
    const warningId = (await item.getAttribute('data-warning-id')) ?? '';
    expect(warningId).toMatch(/stalled-in-stage$/);

    // Time passes: the snooze ends and the alarm wakes the background.
    await expireSnooze(warningId);
    await item.waitFor({ state: 'detached' });
    await popup.getByRole('tab', { name: 'This page' }).click();
    await expect
      .poll(() => deal(popup, 'Litware').locator('.warning[data-rule=stalled-in-stage]').count())
      .toBe(1);
    await waitForBadge(browser, crm.tabId, (t) => t === String(crm.badge));
  });

  test('dismiss, then undo brings the warning back (by keyboard only)', async () => {
    const crm = await visit(`${server.url}/deals`);
    const popup = await openPopup(crm.tabId);
    const city = deal(popup, 'City Power & Light');
    await city.getByRole('button', { name: 'Dismiss' }).first().focus();
    // Focus moves to Undo the moment it appears, so a key pressed right after the dismissal cannot get lost.
    const focused = await focusOnArrival(popup, '.toast button');
    await popup.keyboard.press('Enter');
    expect(await focused()).toBe(true);
    await city.waitFor({ state: 'detached' });
    // Focus is still on Undo (the dismissed warning's buttons are gone).
    const undo = popup.locator('.toast').getByRole('button', { name: 'Undo' });
    await expect.poll(() => undo.evaluate((b) => b === document.activeElement)).toBe(true);
    await expect.poll(() => text(popup.locator('.toast'))).toContain('Dismissed until the deal changes.');
    await waitForBadge(browser, crm.tabId, (t) => t === String(crm.badge - 1));
    await popup.keyboard.press('Enter');
    await expect.poll(() => deal(popup, 'City Power & Light').locator('.warning').count()).not.toBe(0);
    // Undo went away with its toast: focus stays in the view, not lost to the page.
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('view-panel');
    await waitForBadge(browser, crm.tabId, (t) => t === String(crm.badge));
    await popup.getByRole('tab', { name: 'This page' }).focus();
    await popup.keyboard.press('End');
    await expect
      .poll(() => popup.getByRole('tab', { name: 'Snoozed & dismissed' }).getAttribute('aria-selected'))
      .toBe('true');
    await expect
      .poll(() => text(popup.getByTestId('hidden-status')))
      .toBe('Nothing is snoozed or dismissed.');
  });

  test('bulk snooze of two selected warnings, then restore one from Snoozed & dismissed', async () => {
    const crm = await visit(`${server.url}/deals`);
    const popup = await openPopup(crm.tabId);
    const bulk = popup.getByTestId('bulk');
    // Clear selection, by keyboard: the bar goes, and the focus stays in the view.
    await popup.getByLabel('Select “Stalled in stage” on Litware', { exact: false }).check();
    await bulk.getByRole('button', { name: 'Clear selection' }).focus();
    await popup.keyboard.press('Enter');
    await expect.poll(() => bulk.count()).toBe(0);
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('view-panel');

    await popup.getByLabel('Select “Stalled in stage” on Litware', { exact: false }).check();
    await popup.getByLabel('Select “Close date passed” on City Power', { exact: false }).check();
    await expect.poll(() => text(bulk)).toContain('2 selected');
    await bulk.getByRole('button', { name: 'Snooze selected…' }).click();
    // Until a date: ten days from now, by the date field.
    const later = new Date(Date.now() + 10 * 86_400_000);
    const day = `${later.getFullYear()}-${String(later.getMonth() + 1).padStart(2, '0')}-${String(later.getDate()).padStart(2, '0')}`;
    await bulk.getByLabel('Until').fill(day);
    await bulk.getByRole('button', { name: 'Snooze until then' }).click();
    await deal(popup, 'Litware').waitFor({ state: 'detached' });
    await expect
      .poll(() => deal(popup, 'City Power & Light').locator('.warning[data-rule=close-date-passed]').count())
      .toBe(0);
    await expect.poll(() => text(popup.locator('.toast'))).toContain('Snoozed 2 warnings until');
    await expect.poll(() => bulk.count()).toBe(0);

    // This page says what it hides, with the way to it (by keyboard): the focus stays in the panel.
    const note = popup.getByRole('button', { name: '2 warnings on this page are snoozed or dismissed.' });
    await note.focus();
    await popup.keyboard.press('Enter');
    await expect
      .poll(() => popup.getByRole('tab', { name: 'Snoozed & dismissed' }).getAttribute('aria-selected'))
      .toBe('true');
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('view-panel');
    await expect.poll(() => popup.locator('.hidden-item').count()).toBe(2);
    await expect
      .poll(() => text(popup.getByTestId('hidden-status')))
      .toBe('2 warnings are snoozed or dismissed.');
    await expect
      .poll(() => text(popup.locator('.hidden-item .hidden-until')))
      .toMatch(/^Snoozed until .+ \(in 10 days\)\.$/);
    await popup
      .locator('.hidden-item', { hasText: 'Litware' })
      .getByRole('button', { name: /^Bring back/ })
      .click();
    await expect.poll(() => popup.locator('.hidden-item').count()).toBe(1);
    await popup.getByRole('tab', { name: 'This page' }).click();
    await expect.poll(() => deal(popup, 'Litware').count()).toBe(1);
    expect(Number(await badgeText(browser, crm.tabId))).toBeLessThanOrEqual(crm.badge);
  });

  test('dismiss selected: two warnings of two deals at once, the badge drops, and Undo brings both back', async () => {
    const crm = await visit(`${server.url}/deals`);
    const popup = await openPopup(crm.tabId);
    const litware = deal(popup, 'Litware');
    const city = deal(popup, 'City Power & Light');
    // A deal whose only warning goes leaves the badge's count.
    const leaving = (await litware.locator('.warning').count()) === 1 ? 1 : 0;
    const cityLeaving = (await city.locator('.warning').count()) === 1 ? 1 : 0;
    await popup.getByLabel('Select “Stalled in stage” on Litware', { exact: false }).check();
    await popup.getByLabel('Select “Close date passed” on City Power', { exact: false }).check();
    const bulk = popup.getByTestId('bulk');
    await expect.poll(() => text(bulk)).toContain('2 selected');
    await bulk.getByRole('button', { name: 'Dismiss selected' }).click();
    await expect.poll(() => text(popup.locator('.toast span'))).toBe('Dismissed 2 warnings until their deals change.');
    await expect.poll(() => city.locator('.warning[data-rule=close-date-passed]').count()).toBe(0);
    await expect.poll(() => litware.locator('.warning[data-rule=stalled-in-stage]').count()).toBe(0);
    await expect.poll(() => bulk.count()).toBe(0);
    expect(leaving + cityLeaving).toBeGreaterThan(0);
    await waitForBadge(browser, crm.tabId, (t) => t === String(crm.badge - leaving - cityLeaving));

    await popup.locator('.toast').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => city.locator('.warning[data-rule=close-date-passed]').count()).toBe(1);
    await expect.poll(() => litware.locator('.warning[data-rule=stalled-in-stage]').count()).toBe(1);
    await waitForBadge(browser, crm.tabId, (t) => t === String(crm.badge));
  });

  test('dismiss selected, after one of the picked warnings got worse: that one is left as it is, still selected, and the popup says so; Undo covers only the other', async () => {
    const crm = await visit(`${server.url}/deals`);
    const popup = await openPopup(crm.tabId);
    const litware = deal(popup, 'Litware');
    const city = deal(popup, 'City Power & Light');
    const stalled = litware.locator('.warning[data-rule=stalled-in-stage]');
    await expect.poll(() => stalled.count()).toBe(1);
    await popup.getByLabel('Select “Stalled in stage” on Litware', { exact: false }).check();
    await popup.getByLabel('Select “Close date passed” on City Power', { exact: false }).check();
    const bulk = popup.getByTestId('bulk');
    await expect.poll(() => text(bulk)).toContain('2 selected');

    // Meanwhile Litware's warning got worse (as a scan in another tab would find it). Written
    // straight to the database, so the open popup still shows it as it was picked.
    const deals = await readStore<Deal>(browser, 'deals');
    const litwareId = deals.find((d) => d.name.startsWith('Litware'))?.id;
    const cityId = deals.find((d) => d.name.startsWith('City Power & Light'))?.id;
    if (!litwareId || !cityId) throw new Error('no such deal');
    const worse = `${litwareId}|stalled-in-stage`;
    const picked = (await readStore<Warning>(browser, 'warnings')).find((w) => w.id === worse);
    expect(picked).toMatchObject({ status: 'active', severity: 'warn' });
    expect(await patchStore(browser, 'warnings', worse, { severity: 'critical', fingerprint: 'got-worse' })).toBe(true);
    expect(await stalled.getAttribute('class')).toContain('sev-warn');

    await bulk.getByRole('button', { name: 'Dismiss selected' }).click();
    // Said in the undo offer's live region: what was done, and what was not.
    const toast = popup.locator('.toast[role=status]');
    await expect
      .poll(() => text(toast.locator('span')))
      .toBe('Dismissed until the deal changes. 1 warning changed since you chose it and was left as it is. Look at it again.');
    await expect.poll(() => city.locator('.warning[data-rule=close-date-passed]').count()).toBe(0);
    // Litware's warning is still there, shown as it is now, and still selected.
    await expect.poll(() => stalled.getAttribute('class')).toContain('sev-critical');
    expect(await text(bulk)).toContain('1 selected');
    expect(await popup.getByLabel('Select “Stalled in stage” on Litware', { exact: false }).isChecked()).toBe(true);
    const stored = async (id: string) => (await readStore<Warning>(browser, 'warnings')).find((w) => w.id === id);
    expect(await stored(worse)).toMatchObject({ status: 'active', severity: 'critical', fingerprint: 'got-worse' });
    expect((await stored(`${cityId}|close-date-passed`))?.status).toBe('dismissed');

    // Undo brings back what was dismissed; Litware's warning was not, and is not touched.
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => city.locator('.warning[data-rule=close-date-passed]').count()).toBe(1);
    expect((await stored(worse))?.updatedAt).toBe(picked?.updatedAt);

    // It stays selected as it was chosen, marked with how it is now, until it is selected again:
    // as the bulk bar says, the next bulk action would leave it as it is too.
    const sign = stalled.locator('.changed-note');
    await expect.poll(() => text(sign)).toBe('Changed since you chose it: Warning then, Critical now. Select as it is now');
    expect(await text(bulk.locator('.bulk-note'))).toBe(
      '1 of them changed since you chose it and will be left as it is. Select it again to include it.',
    );
    // Looked at again and selected as it is now, it can be dismissed.
    await sign.getByRole('button', { name: /^Select as it is now: “Stalled in stage” on Litware/ }).click();
    await expect.poll(() => sign.count()).toBe(0);
    await bulk.getByRole('button', { name: 'Dismiss selected' }).click();
    await expect.poll(() => stalled.count()).toBe(0);
    await expect.poll(() => text(toast.locator('span'))).toBe('Dismissed until the deal changes.');
    expect(await stored(worse)).toMatchObject({ status: 'dismissed', dismissedFingerprint: 'got-worse' });
  });

  test('a selected warning that a rescan makes worse says so at once; selected again, it is dismissed as it is now', async () => {
    const crm = await visit(`${server.url}/deals`);
    const popup = await openPopup(crm.tabId);
    const stalled = deal(popup, 'Litware').locator('.warning[data-rule=stalled-in-stage]');
    await expect.poll(() => stalled.count()).toBe(1);
    expect(await stalled.getAttribute('class')).toContain('sev-warn');
    const box = popup.getByRole('checkbox', { name: /^Select “Stalled in stage” on Litware/ });
    await box.check();
    await popup.getByRole('checkbox', { name: /^Select “Close date passed” on City Power/ }).check();
    const bulk = popup.getByTestId('bulk');
    await expect.poll(() => text(bulk)).toContain('2 selected');

    // In the CRM tab, Litware's row now says it entered its stage 60 days ago: the page sends the
    // row again, and the radar finds it stalled twice as long as it may be (critical).
    const entered = new Date(Date.now() - 60 * 86_400_000).toLocaleDateString('en-US', {
      month: 'short',
      day: 'numeric',
      year: 'numeric',
      timeZone: 'UTC',
    });
    await crm.page.evaluate((day) => {
      const row = [...document.querySelectorAll('tbody tr')].find((r) => r.textContent?.includes('Litware'));
      // The last column: Stage Entered.
      const cell = row?.lastElementChild;
      if (!cell) throw new Error('no Litware row');
      cell.textContent = day;
    }, entered);

    // The open popup shows it at once: in the row, in words; in the bulk bar; in a live region.
    await expect.poll(() => stalled.getAttribute('class'), { timeout: 15_000 }).toContain('sev-critical');
    const sign = stalled.locator('.changed-note');
    await expect.poll(() => sign.count()).toBe(1);
    expect(await text(sign)).toBe('Changed since you chose it: Warning then, Critical now. Select as it is now');
    expect(await text(bulk.locator('.bulk-note'))).toBe(
      '1 of them changed since you chose it and will be left as it is. Select it again to include it.',
    );
    await expect
      .poll(() => text(popup.locator('.toast[role=status]')))
      .toBe('1 selected warning changed since you chose it. Look at it again.');
    expect(await box.isChecked()).toBe(true);
    expect(await box.getAttribute('aria-describedby')).toBe(await sign.getAttribute('id'));

    // Selected again as it is now, by keyboard: the focus stays on its checkbox; then both go.
    await stalled.getByRole('button', { name: /^Select as it is now: “Stalled in stage” on Litware/ }).focus();
    await popup.keyboard.press('Enter');
    await expect.poll(() => sign.count()).toBe(0);
    expect(await box.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await bulk.locator('.bulk-note').count()).toBe(0);
    await bulk.getByRole('button', { name: 'Dismiss selected' }).click();
    await expect.poll(() => stalled.count()).toBe(0);
    await expect
      .poll(() => text(popup.locator('.toast span')))
      .toBe('Dismissed 2 warnings until their deals change.');
    const litwareId = (await readStore<Deal>(browser, 'deals')).find((d) => d.name.startsWith('Litware'))?.id;
    const dismissed = (await readStore<Warning>(browser, 'warnings')).find((w) => w.id === `${litwareId}|stalled-in-stage`);
    expect(dismissed).toMatchObject({ status: 'dismissed', severity: 'critical' });
  });

  test('an action that does not go through says so in an alert, and the warning stays', async () => {
    await visit(`${server.url}/deals`);
    // A record the background refuses to act on: its fingerprint is longer than a message may carry.
    const deals = await readStore<Deal>(browser, 'deals');
    const cityId = deals.find((d) => d.name.startsWith('City Power & Light'))?.id;
    if (!cityId) throw new Error('no such deal');
    const id = `${cityId}|close-date-passed`;
    expect(await patchStore(browser, 'warnings', id, { fingerprint: 'x'.repeat(5000) })).toBe(true);
    // All deals reads the warnings themselves (This page may start from a stored summary).
    const popup = await openPopup(1, 'all');
    const passed = deal(popup, 'City Power & Light').locator('.warning[data-rule=close-date-passed]');
    await expect.poll(() => passed.count()).toBe(1);
    expect(await popup.getByRole('alert').count()).toBe(0);

    await passed.getByRole('button', { name: 'Dismiss' }).click();
    // Announced at once: an alert, in the view, above the list.
    const alert = popup.locator('.views [role=alert]');
    await alert.waitFor({ timeout: 5000 });
    expect(await text(alert)).toBe('That did not go through. Please try again.');
    expect(await passed.count()).toBe(1);
    expect((await readStore<Warning>(browser, 'warnings')).find((w) => w.id === id)?.status).toBe('active');
    // Nothing to undo.
    expect(await popup.locator('.toast-body').count()).toBe(0);
  });

  test('with warnings selected, each item the focus moves to by keyboard is scrolled into view above the bulk bar', async () => {
    const crm = await visit(`${server.url}/deals`);
    const popup = await openPopup(crm.tabId);
    await popup.getByLabel('Select “Stalled in stage” on Litware', { exact: false }).check();
    await popup.getByTestId('bulk').waitFor();
    // From the top of the list, by Tab, down to the bar: nothing the focus lands on is under it.
    await popup.locator('[data-testid=deals] a').first().focus();
    await popup.evaluate(() => window.scrollTo(0, 0));
    const covered: string[] = [];
    let reached = 0;
    for (let i = 0; i < 200; i++) {
      await popup.keyboard.press('Tab');
      const where = await popup.evaluate(() => {
        const focused = document.activeElement as HTMLElement | null;
        const bar = document.querySelector('.bulk');
        if (!focused || !bar || !focused.closest('[data-testid=deals]')) return null;
        const rect = focused.getBoundingClientRect();
        const name = focused.getAttribute('aria-label') ?? (focused as HTMLInputElement).labels?.[0]?.textContent ?? focused.textContent;
        return { name, bottom: rect.bottom, top: rect.top, barTop: bar.getBoundingClientRect().top, scrolled: window.scrollY };
      });
      if (!where) break;
      reached = where.scrolled;
      if (where.bottom > where.barTop || where.top < 0) covered.push(`${where.name}: ${where.top}–${where.bottom}, bar at ${where.barTop}`);
    }
    // The list was longer than the popup: the focus had to scroll it.
    expect(reached).toBeGreaterThan(0);
    expect(covered).toEqual([]);
  });

  test('the undo offer stands above the bulk bar, also when the bar is tall with its snooze choices open', async () => {
    const crm = await visit(`${server.url}/deals`);
    const popup = await openPopup(crm.tabId);
    await popup.getByLabel('Select “Stalled in stage” on Litware', { exact: false }).check();
    const bar = popup.getByTestId('bulk');
    await bar.getByRole('button', { name: 'Snooze selected…' }).click();
    // Another deal's warning dismissed on its own: the undo offer shows while the bar is open.
    await popup.locator('.deal', { hasNotText: 'Litware' }).first().getByRole('button', { name: 'Dismiss' }).first().click();
    const toast = popup.locator('.toast-body');
    await toast.waitFor();
    const [offer, under] = [await toast.boundingBox(), await bar.boundingBox()];
    if (!offer || !under) throw new Error('no box');
    expect(under.height).toBeGreaterThan(96);
    expect(offer.y + offer.height).toBeLessThanOrEqual(under.y);
  });

  test('"Show more" adds a page of deals and moves the focus to the first new one, also on the last page', async () => {
    const crm = await visit(`${server.url}/deals`);
    const before = (await waitForTab(browser, crm.tabId, (tab) => tab.done && tab.dealIds.length > 0)).dealIds.length;
    // 35 more deals, each quiet for months: every one of them needs attention (three pages in all).
    const added = 35;
    await addQuietDeals(crm.page, added, 'Quiet');
    await waitForTab(browser, crm.tabId, (tab) => tab.done && tab.dealIds.length >= before + added, 30_000);
    await waitForBadge(browser, crm.tabId, (t) => Number(t) >= crm.badge + added);
    const total = Number(await badgeText(browser, crm.tabId));
    expect(total).toBeGreaterThan(40);

    const popup = await openPopup(crm.tabId);
    const cards = popup.locator('[data-testid=deals] > .deal');
    await expect.poll(() => cards.count()).toBe(20);
    const more = popup.getByRole('button', { name: /^Show \d+ more/ });
    expect(await text(more)).toBe(`Show 20 more (${total - 20} left)`);
    await more.focus();
    await popup.keyboard.press('Enter');
    await expect.poll(() => cards.count()).toBe(40);
    // The focus is on the name of the 21st deal, where reading goes on.
    const focusedCard = () =>
      popup.evaluate(() => {
        const card = document.activeElement?.closest('.deal');
        return card ? [...document.querySelectorAll('[data-testid=deals] > .deal')].indexOf(card) : -1;
      });
    await expect.poll(focusedCard).toBe(20);
    expect(await popup.evaluate(() => document.activeElement?.tagName)).toBe('A');

    // Until the last page, whose button goes away: the focus goes to its first deal, not the page.
    while ((await cards.count()) + 20 < total) {
      const shown = await cards.count();
      await more.focus();
      await popup.keyboard.press('Enter');
      await expect.poll(focusedCard).toBe(shown);
    }
    const shown = await cards.count();
    await more.focus();
    await popup.keyboard.press('Enter');
    await expect.poll(() => cards.count()).toBe(total);
    expect(await more.count()).toBe(0);
    await expect.poll(focusedCard).toBe(shown);
  });

  test('All deals lists the deals of every CRM site the radar has seen, by site', async () => {
    const port = new URL(server.url).port;
    await visit(`${server.url}/deals`);
    await visit(`http://localhost:${port}/board`);
    const popup = await openPopup(1, 'all');
    const sites = popup.locator('.site');
    await expect.poll(() => sites.count()).toBe(2);
    expect(await sites.evaluateAll((s) => s.map((e) => e.getAttribute('data-site')).sort())).toEqual(
      [`127.0.0.1:${port}`, `localhost:${port}`].sort(),
    );
    for (const site of await sites.all()) {
      expect(await site.locator('.deal').count()).toBeGreaterThan(0);
      await expect
        .poll(() => text(site.locator('.status').first()))
        .toMatch(/^\d+ of \d+ deals seen here need attention\. Last read today\.$/);
    }
    await expect.poll(() => text(popup.getByTestId('all-status'))).toContain('across 2 CRM sites');
  });

  test("a deal's name opens its page in the CRM once, then brings that tab to the front", async () => {
    const crm = await visit(`${server.url}/deals`);
    const popup = await openPopup(crm.tabId);
    const link = deal(popup, 'City Power & Light').locator('.deal-name a');
    const href = await link.getAttribute('href');
    expect(href).toMatch(new RegExp(`^${server.url}/deals/\\d+$`));
    const opened = browser.context.waitForEvent('page');
    await link.click();
    const record = await opened;
    await record.waitForURL(href as string);
    const worker = await serviceWorker(browser);
    const tabsAt = () => worker.evaluate((url) => chrome.tabs.query({ url }), href as string);
    expect(await tabsAt()).toHaveLength(1);
    // Again, with the CRM's list in front: the tab already open comes to the front; no second one.
    await crm.page.bringToFront();
    await expect.poll(async () => (await tabsAt())[0]?.active).toBe(false);
    await link.click();
    await expect.poll(async () => (await tabsAt())[0]?.active).toBe(true);
    expect(await tabsAt()).toHaveLength(1);
  });

  test('notices: the popup tells when storage made room, and when the data come from a newer Deal Radar', async () => {
    const crm = await visit(`${server.url}/deals`);
    const worker = await serviceWorker(browser);
    // The notices once the popup has checked for them: "none" is then an answer, not "not yet".
    const notices = async (popup: Page) => {
      await popup.waitForSelector('[data-testid=notices][data-checked=true]', { state: 'attached' });
      return popup.locator('[role=alert] .note').allTextContents();
    };
    const day = 86_400_000;
    const popupNotices = async () => {
      const popup = await openPopup(crm.tabId);
      const found = await notices(popup);
      await popup.close();
      return found;
    };
    expect(await popupNotices()).toEqual([]);
    // Storage was full a day ago and the oldest history made room: told, with how much.
    await worker.evaluate((at) => chrome.storage.local.set({ storageNotice: { at, dropped: 1234 } }), Date.now() - day);
    expect(await popupNotices()).toEqual(['Storage was full: Deal Radar deleted the 1,234 oldest history entries to keep working.']);
    // A week later it is no longer news.
    await worker.evaluate((at) => chrome.storage.local.set({ storageNotice: { at, dropped: 1234 } }), Date.now() - 8 * day);
    expect(await popupNotices()).toEqual([]);

    // A newer Deal Radar upgraded the database, and this one came back (a downgrade): the popup says
    // so and leaves the data alone. Every open connection closes when asked to (Dexie's default).
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup/index.html?tab=${crm.tabId}`);
    await page.evaluate(
      () =>
        new Promise<void>((ok, fail) => {
          const request = indexedDB.open('deal-radar', 1000);
          request.onsuccess = () => {
            request.result.close();
            ok();
          };
          request.onerror = () => fail(request.error);
        }),
    );
    await page.close();
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup/index.html?tab=${crm.tabId}`);
    expect(await notices(popup)).toEqual([
      'Your Deal Radar data was saved by a newer version of Deal Radar. Update Deal Radar to see it; nothing was deleted.',
    ]);
    // Nothing was deleted: the deals are all still there, in the newer database.
    const deals = await popup.evaluate(
      () =>
        new Promise<number>((ok, fail) => {
          const request = indexedDB.open('deal-radar');
          request.onsuccess = () => {
            const db = request.result;
            const count = db.transaction('deals').objectStore('deals').count();
            count.onsuccess = () => {
              db.close();
              ok(count.result);
            };
            count.onerror = () => fail(count.error);
          };
          request.onerror = () => fail(request.error);
        }),
    );
    expect(deals).toBeGreaterThan(0);
    await popup.close();
  });

  test('the trend chart has a title, a description and a text summary; a page still being read says so', async () => {
    const crm = await visit(`${server.url}/deals`);
    const popup = await openPopup(crm.tabId);
    const chart = popup.getByTestId('trend');
    await expect
      .poll(() => text(chart.locator('svg[role=img] title')))
      .toBe('Active warnings per day, last 30 days');
    await expect.poll(() => text(chart.locator('svg desc'))).toMatch(/^\d+ today\./);
    await expect.poll(() => text(chart.locator('figcaption'))).toMatch(/\d+ today\./);
    expect(await chart.locator('rect.trend-bar.today').count()).toBe(1);

    // A long page still being read: progress, not a partial count passed off as the answer.
    await putReadingTab({ done: false, seen: 1200, unreadable: 3 });
    const reading = await openPopup(READING_TAB);
    await expect
      .poll(() => text(reading.getByTestId('status')))
      .toBe('Still reading this page: 1,200 rows so far…');
    await expect.poll(() => reading.locator('progress.reading').count()).toBe(1);
    await expect
      .poll(() => text(reading.getByTestId('unreadable')))
      .toBe('3 rows on this page could not be read as deals.');
  });

  test('a page being read: the status is read out when the page is read, not after every batch', async () => {
    // A page read first: the database is there to write to.
    await visit(`${server.url}/deals`);
    await putReadingTab({ done: false, seen: 1200 });
    const popup = await openPopup(READING_TAB);
    const status = popup.getByTestId('status');
    await expect.poll(() => text(status)).toBe('Still reading this page: 1,200 rows so far…');
    // What the view's live regions say, each time that changes.
    await popup.evaluate(() => {
      const w = window as unknown as { said: string[] };
      w.said = [];
      const panel = document.getElementById('view-panel') as HTMLElement;
      const now = () => [...panel.querySelectorAll('[role=status]')].map((region) => region.textContent?.trim()).join(' | ');
      let last = now();
      new MutationObserver(() => {
        const next = now();
        if (next !== last) w.said.push(next);
        last = next;
      }).observe(panel, { subtree: true, childList: true, characterData: true });
    });
    for (const seen of [1500, 1800]) {
      await putReadingTab({ done: false, seen });
      await expect.poll(() => text(status)).toBe(`Still reading this page: ${seen.toLocaleString('en-US')} rows so far…`);
    }
    await putReadingTab({ done: true, seen: 2000 });
    await expect.poll(() => text(status)).toBe('0 deals on this page, none needs attention.');
    expect(await popup.evaluate(() => (window as unknown as { said: string[] }).said)).toEqual(['0 deals on this page, none needs attention.']);
  });
});

describe('the dashboard', () => {
  test('opens from the popup as a tab and shows the weekly review after the second visit', async () => {
    // The board first: its columns tell the radar the order of the stages.
    await visit(`${server.url}/board`);
    const first = await visit(`${server.url}/deals`);
    // The second visit: the same list a little later, as the demo's snapshot 2 shows it. Served at
    // the same URL with the same record links, as a real CRM would (the demo's own snapshot links
    // carry `?snapshot=2`, which would make them different records).
    await first.page.route(`${server.url}/deals`, async (route) => {
      const later = await fetch(`${server.url}/deals?snapshot=2`);
      const body = (await later.text()).replaceAll('?snapshot=2', '');
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
    });
    await first.page.reload();
    await first.page.waitForFunction(() => document.body.textContent?.includes('Visit 2'));
    await waitForBadge(browser, first.tabId, (t) => /^\d+$/.test(t));

    const popup = await openPopup(first.tabId);
    const [dashboard] = await Promise.all([
      browser.context.waitForEvent('page'),
      popup.getByTestId('open-dashboard').click(),
    ]);
    await dashboard.setViewportSize({ width: 1280, height: 900 });
    expect(dashboard.url()).toBe(
      `chrome-extension://${browser.extensionId}/popup/index.html?mode=dashboard&tab=${first.tabId}`,
    );
    const weekly = dashboard.getByTestId('weekly');
    await expect.poll(() => text(weekly.locator('h2'))).toBe('Weekly review');
    await expect.poll(() => text(weekly.locator('.lede'))).toContain('Step back and get the facts');

    const slipped = weekly.getByTestId('review-slipped');
    await expect
      .poll(() => text(slipped.locator('li', { hasText: 'Datum Corporation' })))
      .toContain('(36 days later)');
    await expect
      .poll(() => text(slipped.locator('li', { hasText: 'Proseware' })))
      .toContain('(21 days later)');
    await expect
      .poll(() => text(weekly.getByTestId('review-stages').locator('li', { hasText: 'Relecloud' })))
      .toContain('moved back from Proposal to Discovery');
    await expect
      .poll(() => text(weekly.getByTestId('review-amounts').locator('li', { hasText: "Margie's Travel" })))
      .toContain('(-33%)');
    await expect.poll(() => weekly.getByTestId('top-deals').locator('li').count()).toBe(3);
    await expect.poll(() => text(weekly.getByTestId('review-raised'))).toMatch(/New warnings \d+/);

    // The same views, full size: This page is the tab the popup was opened for.
    await expect
      .poll(() => text(dashboard.getByTestId('status')))
      .toMatch(/ of 18 deals on this page need attention\./);
    await expect
      .poll(() => text(dashboard.locator('.page-label')))
      .toBe(`Page: ${new URL(server.url).host}/deals`);
    await expect.poll(() => text(dashboard.getByTestId('trend').locator('figcaption'))).toContain('today');
  });
});
