import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { type Launched, launchWithExtension, patchStore, readStore, sendFromPage, tabIdOf, waitForBadge } from '../../scripts/browser';
import type { Deal, Warning } from '../../src/radar/model';
import { asShown, DEV_BUILD } from './setup';
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

/** What the takeover page (pages/takeover.html) keeps of the markers it claimed. */
type Takeover = { __internals: ElementInternals[]; __markerRoot(): ShadowRoot | null };

/** The takeover page, read and marked: as many markers as the badge counts. */
async function openTakeover(): Promise<Page> {
  const page = await browser.context.newPage();
  const url = `${pages.url}/takeover`;
  await page.goto(url);
  const tabId = await tabIdOf(browser, url);
  const badge = Number(await waitForBadge(browser, tabId, (t) => /^\d+$/.test(t)));
  await page.waitForFunction((n) => document.querySelectorAll('deal-radar-marker').length === n, badge);
  return page;
}

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

test('a page that claims the marker tag cannot press its buttons; the user still can', async () => {
  const page = await browser.context.newPage();
  const url = `${pages.url}/takeover`;
  await page.goto(url);
  const tabId = await tabIdOf(browser, url);
  await waitForBadge(browser, tabId, (t) => t === '3');
  await page.waitForFunction(() => document.querySelectorAll('deal-radar-marker').length === 3);
  const site = new URL(pages.url).host;
  const warnings = async () =>
    (await readStore<Warning>(browser, 'warnings')).filter((w) => w.site === site && w.dealId !== null);
  const before = await warnings();
  expect(before.length).toBeGreaterThanOrEqual(3);

  // The page reaches into every marker it claimed and presses Dismiss, then Snooze: by click() and by a dispatched click.
  const pressed = await page.evaluate(() => {
    let count = 0;
    for (const internals of (window as unknown as { __internals: ElementInternals[] }).__internals) {
      const root = internals.shadowRoot;
      if (!root) continue;
      const [dot, snooze, dismiss] = [...root.querySelectorAll('button')];
      dot?.click();
      dismiss?.click();
      snooze?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      count++;
    }
    return count;
  });
  expect(pressed).toBe(3);

  // The user's own click on the first marker's Snooze (a real mouse click) goes through...
  const point = (which: number) =>
    page.evaluate((i) => {
      const root = (window as unknown as { __internals: ElementInternals[] }).__internals[0]?.shadowRoot;
      const button = root?.querySelectorAll('button')[i];
      const box = button?.getBoundingClientRect();
      return box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : null;
    }, which);
  const card = await page.evaluate(() => (window as unknown as { __internals: ElementInternals[] }).__internals[0]?.shadowRoot?.querySelector<HTMLElement>('.card')?.hidden);
  if (card !== false) {
    const dot = await point(0);
    if (!dot) throw new Error('no dot');
    await page.mouse.click(dot.x, dot.y);
  }
  const snooze = await point(1);
  if (!snooze) throw new Error('no snooze button');
  await page.mouse.click(snooze.x, snooze.y);
  await expect.poll(async () => (await warnings()).filter((w) => w.status === 'snoozed').length, { timeout: 10_000 }).toBeGreaterThan(0);
  // ...and it is the only change: nothing dismissed, only that deal's warning snoozed.
  const after = await warnings();
  expect(after.filter((w) => w.status === 'dismissed')).toEqual([]);
  expect(new Set(after.filter((w) => w.status === 'snoozed').map((w) => w.dealId)).size).toBe(1);
  await page.close();
});

test('a page that gives the marker tag a shadow root of its own gets no markers, and nothing fails', async () => {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const url = `${pages.url}/takeover?own-root`;
  await page.goto(url);
  const tabId = await tabIdOf(browser, url);
  // Read as ever: the badge counts its quiet deals (the test before snoozed one of them).
  const badge = Number(await waitForBadge(browser, tabId, (t) => /^\d+$/.test(t)));
  expect(badge).toBeGreaterThan(0);
  // Marker hosts were made (the page's own elements, its constructor ran for each) but hold no marker.
  await page.waitForFunction((n) => (window as unknown as { __internals: unknown[] }).__internals.length >= n, badge);
  await page.waitForTimeout(500);
  expect(errors).toEqual([]);
  expect(await page.$$eval('deal-radar-marker', (hosts) => hosts.length)).toBe(0);
  await page.close();
});

test('the marker card by keyboard: Escape closes it back to the dot; acting on it leaves the focus by the deal, not at the top', async () => {
  // The page's hold on the marker element (see above) lets this test look inside its closed root.
  const page = await openTakeover();
  /** The first marker as a screen reader and the keyboard see it. */
  const state = () =>
    page.evaluate(() => {
      const root = (window as unknown as Takeover).__markerRoot();
      const dot = root?.querySelector<HTMLElement>('.dot');
      const card = root?.querySelector<HTMLElement>('.card');
      const focus = root?.activeElement;
      return {
        expanded: dot?.getAttribute('aria-expanded') ?? null,
        controls: dot?.getAttribute('aria-controls') === card?.id && card?.id !== '',
        label: dot?.getAttribute('aria-label')?.split('\n')[0] ?? '',
        cardName: card?.getAttribute('aria-labelledby') ? (root?.getElementById(card.getAttribute('aria-labelledby') ?? '')?.textContent ?? '') : '',
        open: card?.hidden === false,
        focus: focus === dot ? 'dot' : focus ? (focus.textContent ?? '?') : document.activeElement?.tagName ?? null,
      };
    });
  const first = await state();
  expect(first).toMatchObject({ expanded: 'false', controls: true, open: false });
  // Severity in words, not only in the dot's colour (the takeover deals are all quiet for over 30 days).
  expect(first.label).toMatch(/^Deal Radar, critical: /);

  // Open with the mouse, Tab into the card, Escape: closed, and the focus is back on the dot.
  const host = page.locator('deal-radar-marker').first();
  const box = await host.boundingBox();
  if (!box) throw new Error('marker has no box');
  await page.mouse.click(box.x - 7, box.y);
  expect(await state()).toMatchObject({ expanded: 'true', open: true, focus: 'dot' });
  expect((await state()).cardName).toMatch(/^Critical: /);
  await page.keyboard.press('Tab');
  expect((await state()).focus).toBe('Snooze 1 day');
  await page.keyboard.press('Escape');
  expect(await state()).toMatchObject({ expanded: 'false', open: false, focus: 'dot' });

  // Open again by keyboard, and dismiss: the card closes, and the focus stays by the deal
  // (on its dot, or on its link when the marker went with its last warning).
  await page.keyboard.press('Enter');
  expect((await state()).open).toBe(true);
  const row = await host.evaluate((h) => h.closest('tr')?.querySelector('a')?.textContent ?? '');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect((await state()).focus).toBe('Dismiss');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await readStore<Warning>(browser, 'warnings')).some((w) => w.status === 'dismissed')).toBe(true);
  await expect
    .poll(() =>
      page.evaluate(
        (name) => {
          const active = document.activeElement;
          if (!active || active === document.body) return 'body';
          if (active.tagName === 'DEAL-RADAR-MARKER') return active.closest('tr')?.querySelector('a')?.textContent === name ? 'dot' : 'other dot';
          return active.tagName === 'A' && active.textContent === name ? 'link' : `other ${active.tagName}`;
        },
        row,
      ),
    )
    .toMatch(/^(dot|link)$/);
  await page.close();
});

test("the marker card's Dismiss does not hide a warning that changed since the card showed it", async () => {
  // The takeover page's hold on the marker element lets this test look inside its closed root.
  const page = await openTakeover();
  /** The first marker's card, and where its Dismiss button is on the screen. */
  const card = () =>
    page.evaluate(() => {
      const root = (window as unknown as Takeover).__markerRoot();
      const box = root?.querySelector<HTMLElement>('.card');
      const dismiss = [...(root?.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Dismiss');
      const rect = dismiss?.getBoundingClientRect();
      return {
        open: box?.hidden === false,
        heading: root?.querySelector('h2')?.textContent ?? '',
        facts: [...(root?.querySelectorAll('li') ?? [])].map((li) => li.textContent ?? ''),
        note: root?.querySelector('.note')?.textContent ?? '',
        focusOnNote: root?.activeElement === root?.querySelector('.note'),
        dismissAt: rect ? { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 } : null,
      };
    });
  const host = page.locator('deal-radar-marker').first();
  const box = await host.boundingBox();
  if (!box) throw new Error('marker has no box');
  await page.mouse.click(box.x - 7, box.y);
  const shown = await card();
  expect(shown.open).toBe(true);
  expect(shown.note).toBe('');
  const at = shown.dismissAt;
  if (!at) throw new Error('no Dismiss button');

  // While the card is open, the warning it shows changes (as a scan in another tab would leave it).
  const dealUrl = await host.evaluate((h) => (h.closest('tr')?.querySelector('a') as HTMLAnchorElement | null)?.href ?? '');
  const before = (await readStore<Warning>(browser, 'warnings')).filter((w) => w.status === 'active' && dealUrl.endsWith(w.dealId?.split('|').at(-1) ?? '\u0000'));
  const top = before.sort((a, b) => b.score - a.score)[0];
  if (!top) throw new Error('no warning for the marked deal');
  const facts = ['Last activity 400 days ago', 'Threshold: 14 days'];
  expect(await patchStore(browser, 'warnings', top.id, { fingerprint: 'got-worse', facts })).toBe(true);

  // The user's own click on Dismiss, on what the card still shows.
  await page.mouse.click(at.x, at.y);
  await expect.poll(async () => (await card()).note).toMatch(/changed since it was shown/);
  const after = await card();
  expect(after).toMatchObject({ open: true, facts, focusOnNote: true });
  const stored = (await readStore<Warning>(browser, 'warnings')).find((w) => w.id === top.id);
  expect(stored).toMatchObject({ status: 'active', fingerprint: 'got-worse' });

  // Markers pushed again (a change made in the popup): the note goes, and the focus that was on it
  // stays in the marker, on its dot, rather than falling to the page.
  const other = (await readStore<Warning>(browser, 'warnings')).find((w) => w.status === 'active' && w.id !== top.id && w.dealId !== null);
  if (!other) throw new Error('no other warning');
  await sendFromPage(browser, { type: 'ui:snooze', payload: { warnings: await asShown(browser, [other.id]), until: Date.now() + 3_600_000 } });
  await expect.poll(async () => (await card()).note).toBe('');
  expect(
    await page.evaluate(() => {
      const root = (window as unknown as Takeover).__markerRoot();
      return root?.activeElement?.className ?? document.activeElement?.tagName;
    }),
  ).toMatch(/^dot/);

  // Dismissing what it shows now works.
  const again = (await card()).dismissAt;
  if (!again) throw new Error('no Dismiss button');
  await page.mouse.click(again.x, again.y);
  await expect
    .poll(async () => (await readStore<Warning>(browser, 'warnings')).find((w) => w.id === top.id)?.status)
    .toBe('dismissed');
  expect((await readStore<Warning>(browser, 'warnings')).find((w) => w.id === top.id)?.dismissedFingerprint).toBe('got-worse');
  await page.close();
});
