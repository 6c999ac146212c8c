import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DemoServer, startDemoServer } from '../../demo/server';
import {
  badgeText,
  badgeTitle,
  chromiumArgs,
  findChrome,
  type Launched,
  launchWithExtension,
  readPopup,
  readStore,
  sendFromPage,
  serviceWorker,
  stopServiceWorker,
  tabIdOf,
  waitForBadge,
} from '../../scripts/browser';
import { readAllInPage } from '../../scripts/idb';
import { focusOnArrival } from './setup';

/*
 * The options page in real Chromium, against the demo CRM: thresholds and rules re-score the
 * badge and the popup at once, import refuses bad files without changing anything, export and
 * import round-trip, clear all data asks first, and a custom CRM site is read (also after the
 * service worker stops and after a browser restart).
 */

const DIST = resolve(import.meta.dirname, '../../dist/chrome-dev');
const NUMBER = (t: string) => /^\d+$/.test(t);

async function openOptions(launched: Launched): Promise<Page> {
  const page = await launched.context.newPage();
  await page.goto(`chrome-extension://${launched.extensionId}/options/index.html`);
  await page.waitForSelector('[data-rule="no-activity"]');
  return page;
}

/** Waits until the background confirmed the last change (saved, re-scored, badges updated). */
async function saved(options: Page): Promise<void> {
  await options.waitForFunction(() => document.querySelector('[data-testid=save-status]')?.classList.contains('save-saved'));
}

/**
 * Takes hold of the live region `selector` finds now: it must be on the page already, and empty.
 * The returned function says what that same element says later (null once it left the page):
 * screen readers announce a change inside a live region that was there, not one inserted with its text.
 */
async function liveRegion(page: Page, selector: string): Promise<() => Promise<string | null>> {
  const now = await page.evaluate((sel) => {
    const w = window as unknown as { regions?: Record<string, Element | null> };
    w.regions ??= {};
    w.regions[sel] = document.querySelector(sel);
    return w.regions[sel]?.textContent ?? null;
  }, selector);
  expect(now, `${selector} on the page, empty`).toBe('');
  return () =>
    page.evaluate((sel) => {
      const region = (window as unknown as { regions: Record<string, Element | null> }).regions[sel];
      return region?.isConnected ? region.textContent : null;
    }, selector);
}

/** Deal names in the popup with the rules of their warnings, sorted. */
async function popupRules(launched: Launched, tabId: number): Promise<string[]> {
  const popup = await readPopup(launched, tabId);
  await popup.page.close();
  return popup.deals.flatMap((d) => d.warnings.map((w) => `${d.name.split('\n')[0]?.trim()} :: ${w.rule}`)).sort();
}

/** Settings as stored, and how many records each table holds, read in the service worker. */
async function snapshot(launched: Launched) {
  const worker = await serviceWorker(launched);
  return worker.evaluate(async () => {
    const stored = await chrome.storage.local.get('settings');
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const open = indexedDB.open('deal-radar');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const count = (name: string) =>
      new Promise<number>((ok) => {
        const req = db.transaction(name).objectStore(name).count();
        req.onsuccess = () => ok(req.result);
      });
    const counts = Object.fromEntries(await Promise.all(['deals', 'events', 'warnings', 'daily', 'sites'].map(async (n) => [n, await count(n)])));
    db.close();
    return { settings: stored.settings ?? null, counts };
  });
}

/**
 * A page of the extension to read and hold its database from. Opened before a test holds a store:
 * the worker forgets what a tab showed when it navigates (a write of `tabs`), and a page opened
 * while `tabs` is held would leave that write, and every later one of the same stores, waiting.
 */
async function extensionPage(launched: Launched): Promise<Page> {
  const page = await launched.context.newPage();
  await page.goto(`chrome-extension://${launched.extensionId}/manifest.json`);
  return page;
}

/**
 * Holds a read-write transaction on `stores` of the extension's database from `page`: the
 * worker's reads and writes of those stores wait until the returned function lets them go. So a
 * test can stop the worker at a known step of its work.
 */
async function holdStores(page: Page, stores: string[]): Promise<() => Promise<void>> {
  await page.evaluate(async (names) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const open = indexedDB.open('deal-radar');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const tx = db.transaction(names, 'readwrite');
    const ended = new Promise<void>((done) => {
      tx.oncomplete = () => done();
      tx.onabort = () => done();
    });
    let holding = true;
    // A transaction stays open while a request of it is pending: keep one pending until let go.
    await new Promise<void>((started) => {
      const ask = () => {
        const request = tx.objectStore(names[0] as string).count();
        request.onsuccess = () => {
          started();
          if (holding) ask();
        };
      };
      ask();
    });
    (window as unknown as { letGo: () => Promise<void> }).letGo = async () => {
      holding = false;
      await ended;
      db.close();
    };
  }, stores);
  return () => page.evaluate(() => (window as unknown as { letGo: () => Promise<void> }).letGo());
}

/** The ids of the imports that went in, from their receipts (src/store/import-receipts.ts), read in `page`. */
async function importReceipts(page: Page): Promise<string[]> {
  const meta = (await page.evaluate(readAllInPage, 'meta')) as Array<{ key: string; value: string }>;
  const receipts = meta.find((r) => r.key === 'imports');
  return receipts ? (JSON.parse(receipts.value) as Array<{ id: string }>).map((r) => r.id) : [];
}

describe('options on the demo CRM', () => {
  let server: DemoServer;
  let browser: Launched;
  let crm: Page;
  let tabId: number;
  let badge: number;
  let before: string[];

  /** An export taken after the first read (see beforeAll). */
  let exported: string;
  async function exportFile(options: Page): Promise<string> {
    const download = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export settings and data' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^deal-radar-\d{4}-\d{2}-\d{2}\.json$/);
    const path = join(mkdtempSync(join(tmpdir(), 'deal-radar-export-')), file.suggestedFilename());
    await file.saveAs(path);
    return path;
  }

  beforeAll(async () => {
    server = await startDemoServer({ port: 0 });
    browser = await launchWithExtension(DIST);
    crm = await browser.context.newPage();
    const url = `${server.url}/deals`;
    await crm.goto(url);
    tabId = await tabIdOf(browser, url);
    badge = Number(await waitForBadge(browser, tabId, NUMBER));
    before = await popupRules(browser, tabId);
    // The export the import tests use: what the first read stored, with the default settings.
    const options = await openOptions(browser);
    exported = await exportFile(options);
    await options.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('every control is labelled and focus is visible when moving by keyboard', async () => {
    const options = await openOptions(browser);
    const unlabelled = await options.$$eval('input, select, button, textarea', (els) =>
      els
        .filter((el) => {
          const control = el as HTMLInputElement;
          const named = (control.labels?.length ?? 0) > 0 || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
          const text = el.tagName === 'BUTTON' && (el.textContent ?? '').trim() !== '';
          return !named && !text;
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unlabelled).toEqual([]);
    // Tab to the first rule's switch: the focused control shows an outline.
    await options.keyboard.press('Tab');
    for (let i = 0; i < 20; i++) {
      const id = await options.evaluate(() => document.activeElement?.id ?? '');
      if (id === 'rule-no-activity-on') break;
      await options.keyboard.press('Tab');
    }
    expect(await options.evaluate(() => document.activeElement?.id)).toBe('rule-no-activity-on');
    expect(await options.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).not.toBe('none');
    // Space toggles it, like any checkbox; the background saves at once.
    await options.keyboard.press('Space');
    await saved(options);
    expect((await popupRules(browser, tabId)).some((r) => r.endsWith('no-activity'))).toBe(false);
    await options.keyboard.press('Space');
    await saved(options);
    expect(await popupRules(browser, tabId)).toEqual(before);
    await options.close();
  });

  test('a threshold: no-activity 14 → 40 days changes the badge and the popup, and back again restores them', async () => {
    expect(before.some((r) => r.endsWith('no-activity'))).toBe(true);
    const options = await openOptions(browser);
    const days = options.locator('#rule-no-activity-days');
    expect(await days.inputValue()).toBe('14');
    expect(await days.getAttribute('min')).toBe('1');
    expect(await days.getAttribute('max')).toBe('365');
    await expect.poll(() => options.locator('#rule-no-activity-days-hint').textContent()).toBe('days without activity · from 1 to 365');

    // Out of range: refused in the page with a message, nothing sent.
    await days.fill('400');
    await days.press('Enter');
    expect(await options.locator('#rule-no-activity-days-error').textContent()).toBe('Enter a number from 1 to 365.');
    expect(await days.getAttribute('aria-invalid')).toBe('true');

    await days.fill('40');
    await days.press('Enter');
    await saved(options);
    const after = await popupRules(browser, tabId);
    expect(after).not.toEqual(before);
    // Deals quiet for 15–40 days lost their no-activity warning; nothing new appeared.
    expect(after.filter((r) => r.endsWith('no-activity')).length).toBeLessThan(before.filter((r) => r.endsWith('no-activity')).length);
    for (const r of after) expect(before).toContain(r);
    const lower = Number(await waitForBadge(browser, tabId, (t) => NUMBER(t) && Number(t) < badge));
    expect(lower).toBeLessThan(badge);
    // The markers in the page follow the badge.
    await crm.waitForFunction((n) => document.querySelectorAll('deal-radar-marker').length === n, lower);

    await days.fill('14');
    await days.press('Enter');
    await saved(options);
    expect(await waitForBadge(browser, tabId, (t) => t === String(badge))).toBe(String(badge));
    expect(await popupRules(browser, tabId)).toEqual(before);
    await options.close();
  });

  test('a per-stage override applies to deals in that stage only', async () => {
    const options = await openOptions(browser);
    const rule = options.locator('[data-rule="no-activity"]');
    const stageSelect = rule.locator('select[id^="rule-no-activity-stage"]');
    // The stages come from the site's stored pipeline, read apart from the settings.
    await expect.poll(() => stageSelect.locator('option').count()).toBeGreaterThan(1);
    const stages = await stageSelect.locator('option').allTextContents();
    expect(stages.some((s) => /won|lost/i.test(s))).toBe(false);
    // Every stage at 365 days: no-activity leaves every open deal.
    for (const stage of stages) {
      await stageSelect.selectOption({ label: stage });
      await rule.getByRole('button', { name: 'Set thresholds for this stage' }).click();
      await saved(options);
      const input = rule.locator(`fieldset[data-stage="${stage.toLowerCase()}"] input[id$="-days"]`);
      await input.fill('365');
      await input.press('Enter');
      await saved(options);
    }
    expect((await popupRules(browser, tabId)).filter((r) => r.endsWith('no-activity'))).toEqual([]);
    // One stage's thresholds removed by keyboard: the focus goes to the choice of a stage to add.
    const first = stages[0] ?? '';
    await rule.getByRole('button', { name: `Remove the thresholds for “${first}”` }).focus();
    await options.keyboard.press('Enter');
    await saved(options);
    expect(await rule.locator(`fieldset[data-stage="${first.toLowerCase()}"]`).count()).toBe(0);
    expect(await options.evaluate(() => document.activeElement?.id)).toBe('rule-no-activity-stage-add');
    // Remove them again: back to the rule's own threshold.
    await rule.getByRole('button', { name: 'Reset “No recent activity” to its defaults' }).click();
    await saved(options);
    expect(await popupRules(browser, tabId)).toEqual(before);
    await options.close();
  });

  test('a bad import file is refused with a clear message and nothing changes', async () => {
    const options = await openOptions(browser);
    // A non-default setting, so "nothing changed" covers settings too.
    await options.locator('#markers-on').uncheck();
    await saved(options);
    const state = await snapshot(browser);
    expect(state.counts.deals).toBeGreaterThan(0);

    const good = JSON.parse(readFileSync(await exportFile(options), 'utf8')) as { data: { deals: Array<Record<string, unknown>> } };
    const badDeal = structuredClone(good);
    if (badDeal.data.deals[1]) badDeal.data.deals[1].closeDate = 'next Tuesday';
    const cases: Array<[string, string, RegExp]> = [
      ['notes.json', 'these are my notes', /^“notes\.json” was not imported and nothing changed\. The file is not JSON/],
      ['other.json', '{"name":"backup","items":[]}', /The file is not a Deal Radar export\.$/],
      ['future.json', JSON.stringify({ ...good, version: 7 }), /newer version of Deal Radar \(version 7; this Deal Radar reads up to 1\)/],
      ['future-settings.json', JSON.stringify({ ...good, settings: { version: 9 } }), /settings come from a newer version of Deal Radar/],
      ['bad-deal.json', JSON.stringify(badDeal), /A record is not valid at data\.deals\[1\]\.closeDate: /],
    ];
    // Said in an alert that was on the page before (empty).
    const said = await liveRegion(options, '[data-testid=data-message] [role=alert]');
    for (const [name, text, message] of cases) {
      await options.locator('#import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
      await expect.poll(said).toMatch(message);
      // The confirmation to replace is never offered for a bad file.
      expect(await options.getByRole('button', { name: 'Replace with the file' }).count()).toBe(0);
    }
    // The background refuses on its own too (a page that skipped its check).
    const reply = await options.evaluate((text) => chrome.runtime.sendMessage({ type: 'options:import', payload: { text } }), JSON.stringify(badDeal));
    expect(reply).toMatchObject({ ok: true, reply: { refused: { code: 'invalid', path: 'data.deals[1].closeDate' } } });

    expect(await snapshot(browser)).toEqual(state);
    expect(await badgeText(browser, tabId)).toBe(String(badge));
    await options.locator('#markers-on').check();
    await saved(options);
    await options.close();
  });

  test('clear all data asks first, then empties the popup and the badge', async () => {
    const options = await openOptions(browser);
    const state = await snapshot(browser);

    const clear = options.getByRole('button', { name: 'Delete all data…' });
    // The panel has the focus the moment it appears, so no keystroke can still reach the button.
    const focused = await focusOnArrival(options, '.confirm');
    await clear.click();
    const confirm = options.getByRole('region', { name: 'Delete all data?' });
    expect(await focused()).toBe(true);
    expect(await confirm.isVisible()).toBe(true);
    // Escape cancels: nothing deleted, focus back on the button.
    await options.keyboard.press('Escape');
    expect(await confirm.count()).toBe(0);
    expect(await options.evaluate(() => document.activeElement?.textContent)).toBe('Delete all data…');
    expect(await snapshot(browser)).toEqual(state);

    await clear.click();
    // Said in a status that was on the page before (empty).
    const said = await liveRegion(options, '[data-testid=data-message] [role=status]');
    await confirm.getByRole('button', { name: 'Delete all data' }).click();
    await expect.poll(said).toBe('All deals, warnings and history were deleted.');
    expect((await snapshot(browser)).counts).toEqual({ deals: 0, events: 0, warnings: 0, daily: 0, sites: 0 });
    // Settings stay.
    expect((await snapshot(browser)).settings).toEqual(state.settings);
    const popup = await readPopup(browser, tabId);
    expect(popup.deals).toEqual([]);
    expect(popup.status).toMatch(/^No deals read on this page/);
    await popup.page.close();
    expect(await badgeText(browser, tabId)).toBe('');
    await crm.waitForFunction(() => document.querySelectorAll('deal-radar-marker').length === 0);
    await options.close();
  });

  test('an import asks first: Escape or Cancel leaves everything as it was', async () => {
    const options = await openOptions(browser);
    const state = await snapshot(browser);
    const confirm = options.getByRole('region', { name: /^Replace everything with/ });
    for (const how of ['Escape', 'Cancel'] as const) {
      await options.locator('#import-file').setInputFiles(exported);
      await expect.poll(() => confirm.isVisible()).toBe(true);
      if (how === 'Escape') await options.keyboard.press('Escape');
      else await confirm.getByRole('button', { name: 'Cancel' }).click();
      expect(await confirm.count()).toBe(0);
      // The file is let go, and the focus is back where it was chosen.
      expect(await options.locator('#import-file').evaluate((input: HTMLInputElement) => input.value)).toBe('');
      expect(await options.evaluate(() => document.activeElement?.id)).toBe('import-file');
      expect(await options.locator('[data-testid=data-message]').textContent()).toBe('');
      expect(await snapshot(browser)).toEqual(state);
    }
    await options.close();
  });

  test('export → import restores the data and settings of the export', async () => {
    const options = await openOptions(browser);
    // From an empty store, whether or not the test of clearing ran before this one.
    if ((await snapshot(browser)).counts.deals > 0) {
      await options.getByRole('button', { name: 'Delete all data…' }).click();
      await options.getByRole('region', { name: 'Delete all data?' }).getByRole('button', { name: 'Delete all data' }).click();
      await expect.poll(async () => (await snapshot(browser)).counts.deals).toBe(0);
    }
    await options.locator('#import-file').setInputFiles(exported);
    // Confirmed by keyboard: the confirmation goes, and the focus goes back to where the file was chosen.
    await options.getByRole('button', { name: 'Replace with the file' }).focus();
    await options.keyboard.press('Enter');
    await expect.poll(() => options.locator('[data-testid=data-message]').textContent()).toMatch(/^Imported deal-radar-.*\.json \(Deals: \d+ · Sites: 1 · /);
    await expect.poll(() => options.getByRole('region', { name: /^Replace everything with/ }).count()).toBe(0);
    expect(await options.evaluate(() => document.activeElement?.id)).toBe('import-file');
    const file = JSON.parse(readFileSync(exported, 'utf8')) as { data: Record<string, unknown[]> };
    expect((await snapshot(browser)).counts).toEqual(Object.fromEntries(Object.entries(file.data).map(([k, v]) => [k, v.length])));
    // Exporting again gives the same records back (the import re-scores: warnings get a new updatedAt).
    const again = JSON.parse(readFileSync(await exportFile(options), 'utf8')) as { data: Record<string, unknown[]> };
    const stable = (data: Record<string, unknown[]>) => ({
      ...data,
      warnings: data.warnings?.map((w) => ({ ...(w as Record<string, unknown>), updatedAt: 0 })),
    });
    expect(stable(again.data)).toEqual(stable(file.data));
    // The page read again shows what it showed before.
    await crm.reload();
    expect(Number(await waitForBadge(browser, tabId, NUMBER))).toBe(badge);
    expect(await popupRules(browser, tabId)).toEqual(before);
    await options.close();
  });

  test('the worker stopped before the import went in: the page says nothing changed, and the same file can be tried again', async () => {
    const store = await extensionPage(browser);
    const options = await openOptions(browser);
    const state = await snapshot(browser);
    const receipts = await importReceipts(store);
    await options.locator('#import-file').setInputFiles(exported);
    const confirm = options.getByRole('region', { name: /^Replace everything with/ });
    const alert = await liveRegion(options, '[data-testid=data-message] [role=alert]');
    // The deals are held elsewhere: the worker gets the file and waits to write it, and stops there.
    const letGo = await holdStores(store, ['deals', 'meta']);
    await confirm.getByRole('button', { name: 'Replace with the file' }).click();
    // Time for the worker to take the message (a small file is read in milliseconds). A worker
    // stopped before it took it would be started again by it, import it, and the page say so.
    await options.waitForTimeout(1000);
    await stopServiceWorker(browser);
    await letGo();
    await expect
      .poll(alert, { timeout: 10_000 })
      .toMatch(/^“deal-radar-[\d-]+\.json” was not imported and nothing changed \(Deal Radar checked\): .+\. The file is still chosen: you can try again\.$/);
    expect(await snapshot(browser)).toEqual(state);
    expect(await importReceipts(store)).toEqual(receipts);

    // The same file, without choosing it again.
    await confirm.getByRole('button', { name: 'Try again' }).click();
    const status = () => options.locator('[data-testid=data-message] [role=status]').textContent();
    await expect.poll(status, { timeout: 10_000 }).toMatch(/^Imported deal-radar-.*\.json \(Deals: \d+ · Sites: 1 · /);
    expect(await alert()).toBe('');
    expect(await confirm.count()).toBe(0);
    expect((await importReceipts(store)).length).toBe(receipts.length + 1);
    await store.close();
    await options.close();
  });

  test('the worker stopped after the import went in, before it answered: the page says it is imported, with the counts', async () => {
    const store = await extensionPage(browser);
    const options = await openOptions(browser);
    const receipts = await importReceipts(store);
    await options.locator('#import-file').setInputFiles(exported);
    const status = await liveRegion(options, '[data-testid=data-message] [role=status]');
    const alert = await liveRegion(options, '[data-testid=data-message] [role=alert]');
    // The tabs are held elsewhere: the data goes in, then the re-scoring after it waits for the
    // tabs (to update their badges), and the worker stops there, the page still without a reply.
    const letGo = await holdStores(store, ['tabs']);
    await options.getByRole('button', { name: 'Replace with the file' }).click();
    // The data is in when what is left of the import is noted (in the same transaction).
    const metaKeys = async () => ((await store.evaluate(readAllInPage, 'meta')) as Array<{ key: string }>).map((r) => r.key);
    await expect.poll(metaKeys, { timeout: 10_000 }).toContain('unfinished');
    expect(await status()).toBe('');
    await stopServiceWorker(browser);
    await letGo();
    const file = JSON.parse(readFileSync(exported, 'utf8')) as { data: Record<string, unknown[]> };
    const [deals, sites, warnings, events] = ['deals', 'sites', 'warnings', 'events'].map((table) => file.data[table]?.length);
    await expect
      .poll(status, { timeout: 10_000 })
      .toBe(`Imported ${basename(exported)} (Deals: ${deals} · Sites: ${sites} · Warnings: ${warnings} · Recorded changes: ${events}). The background’s reply was lost, so Deal Radar asked again: the import is complete.`);
    expect(await alert()).toBe('');
    expect((await snapshot(browser)).counts).toEqual(Object.fromEntries(Object.entries(file.data).map(([k, v]) => [k, v.length])));
    // The restarted worker finished the import: nothing is left for its next start.
    expect(await metaKeys()).not.toContain('unfinished');
    expect((await importReceipts(store)).length).toBe(receipts.length + 1);
    await store.close();
    await options.close();
  });
});

/**
 * A custom CRM site, and notifications. Headless Chromium cannot answer the permission prompt of
 * `permissions.request` (it stays pending: there is no way to click the browser's dialog), so this
 * runs a copy of the development build whose manifest grants http://127.0.0.2 as a host permission
 * at install, without a content script for it (and `notifications` as a granted permission). The page's request then resolves at once without a
 * prompt, and everything after it (add-site, registration, reading, restart) is the real code path.
 */
describe('a custom CRM site', () => {
  let server: DemoServer;
  let dir: string;
  let profile: string;
  let context: BrowserContext;
  let extensionId: string;

  async function launch(): Promise<Worker> {
    const executablePath = findChrome();
    if (!executablePath) throw new Error('no Chromium');
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: chromiumArgs(dir),
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    extensionId = new URL(worker.url()).host;
    return worker;
  }

  const launched = (): Launched => ({ context, extensionId, worker: context.serviceWorkers()[0] as Worker, close: () => context.close() });

  beforeAll(async () => {
    server = await startDemoServer({ port: 0, host: '127.0.0.2' });
    const base = mkdtempSync(join(tmpdir(), 'deal-radar-custom-'));
    dir = join(base, 'extension');
    profile = join(base, 'profile');
    cpSync(DIST, dir, { recursive: true });
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions: string[]; permissions: string[]; optional_permissions?: string[] };
    manifest.host_permissions.push('http://127.0.0.2/*');
    // The same for the optional notifications permission (its prompt cannot be answered either).
    manifest.permissions.push('notifications');
    delete manifest.optional_permissions;
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    await launch();
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (dir) rmSync(resolve(dir, '..'), { recursive: true, force: true });
  });

  async function registered(): Promise<string[]> {
    const worker = await serviceWorker(launched());
    return worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id));
  }

  async function isRead(url: string): Promise<string> {
    const page = context.pages().find((p) => p.url() === url) ?? (await context.newPage());
    if (page.url() === url) await page.reload();
    else await page.goto(url);
    const tab = await tabIdOf(launched(), url);
    return waitForBadge(launched(), tab, NUMBER);
  }

  test('added in options: registered, read, still read after the worker stops and after a browser restart; removed: no longer read', async () => {
    const url = `${server.url}/deals`;
    const page = await context.newPage();
    await page.goto(url);
    const tab = await tabIdOf(launched(), url);
    await page.waitForTimeout(1500);
    // Not a site Deal Radar reads by itself.
    expect(await badgeTitle(launched(), tab)).toBe('Deal Radar');

    const options = await openOptions(launched());
    // A supported CRM is pointed to its own switch instead.
    await options.locator('#custom-origin').fill('app.hubspot.com');
    await options.locator('#custom-origin').press('Enter');
    expect(await options.locator('#custom-origin-error').textContent()).toBe('https://app.hubspot.com is already read as HubSpot: turn it on or off under CRMs.');
    await options.locator('#custom-origin').fill('ftp://files.example');
    await options.locator('#custom-origin').press('Enter');
    expect(await options.locator('#custom-origin-error').textContent()).toBe('Only http and https sites can be added.');

    // Keyboard: type the address and press Enter (the submit is the user gesture the permission needs).
    // Said in a status that was on the page before (empty).
    const said = await liveRegion(options, '[data-testid=custom-message] [role=status]');
    await options.locator('#custom-origin').fill(`${server.url}/deals`);
    await options.locator('#custom-origin').press('Enter');
    await expect.poll(said).toBe(`Added ${server.url}. Open or reload a deal list, board or record there.`);
    expect(await registered()).toEqual([`custom:${server.url}`]);
    const site = options.locator(`li[data-origin="${server.url}"]`);
    await expect.poll(() => site.locator('.tag').textContent()).toBe('Allowed');

    // Header aliases, stored where the content script reads them.
    await site.getByLabel('Column or label').fill('Last touch');
    await site.getByLabel('means').selectOption('lastActivity');
    await site.getByRole('button', { name: 'Add name' }).click();
    await expect.poll(() => site.locator('.alias-list li span').allTextContents()).toEqual(['“Last touch” is Last activity']);
    const worker = await serviceWorker(launched());
    expect(await worker.evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { customSites?: unknown })?.customSites)).toEqual([
      { origin: server.url, aliases: { lastActivity: ['Last touch'] } },
    ]);

    // The page is read now.
    expect(Number(await isRead(url))).toBeGreaterThan(0);

    // The worker stops (it does when idle); the registration is the browser's, so pages are still read.
    const cdp = await context.newCDPSession(options);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'options:get-settings', payload: {} }));
    expect(Number(await isRead(url))).toBeGreaterThan(0);

    // A browser restart with the same profile: the script is registered again and reads the page.
    await context.close();
    await launch();
    // (An unpacked extension loaded from the command line is reloaded at every launch, which clears
    // dynamic scripts; the background's install/startup sync registers them again.)
    await expect.poll(() => registered(), { timeout: 10_000 }).toEqual([`custom:${server.url}`]);
    expect(Number(await isRead(url))).toBeGreaterThan(0);

    // Removed in options: the script goes, and a fresh load of the page is not read.
    const again = await openOptions(launched());
    await again.getByRole('button', { name: `Remove ${server.url}` }).click();
    await expect.poll(() => again.locator('[data-testid=custom-message]').textContent()).toBe(`Removed ${server.url}. Deal Radar no longer reads it.`);
    // The site's entry goes with the button: the focus goes to the field for adding a site.
    await expect.poll(() => again.evaluate(() => document.activeElement?.id)).toBe('custom-origin');
    expect(await registered()).toEqual([]);
    const fresh = await context.newPage();
    const freshUrl = `${server.url}/board`;
    await fresh.goto(freshUrl);
    const freshTab = await tabIdOf(launched(), freshUrl);
    await fresh.waitForTimeout(1500);
    expect(await badgeTitle(launched(), freshTab)).toBe('Deal Radar');
  });
  test('notifications: asked for when turned on; deals turning critical are told once, not again on the next read', async () => {
    const options = await openOptions(launched());
    await options.locator('#notify-critical').check();
    await saved(options);
    // The deals read by the previous test were critical before notifications were on: start afresh.
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'options:clear-data', payload: { confirm: true } }));
    // Added as a custom site again (the previous test removed it), then read.
    await options.locator('#custom-origin').fill(server.url);
    await options.locator('#custom-origin').press('Enter');
    await expect.poll(() => options.locator('[data-testid=custom-message]').textContent()).toMatch(/^Added /);
    const url = `${server.url}/deals`;
    expect(Number(await isRead(url))).toBeGreaterThan(0);
    const worker = await serviceWorker(launched());
    const shown = () => worker.evaluate(() => new Promise<string[]>((ok) => chrome.notifications.getAll((all) => ok(Object.keys(all)))));
    // What was told is remembered per deal and rule; one notification per deal (three or fewer here).
    const told = () => worker.evaluate(async () => ((await chrome.storage.local.get('notifiedCritical')).notifiedCritical ?? []) as string[]);
    await expect.poll(async () => (await told()).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const deals = [...new Set((await told()).map((id) => id.split('|').slice(0, 2).join('|')))].sort();
    expect(deals.length).toBeLessThanOrEqual(3);
    await expect.poll(async () => (await shown()).sort(), { timeout: 10_000 }).toEqual(deals.map((d) => `deal-radar:deal:${d}`));
    await worker.evaluate(() => new Promise<void>((ok) => chrome.notifications.getAll((all) => { for (const id of Object.keys(all)) chrome.notifications.clear(id); ok(); })));
    // Read again: nothing new turned critical, nothing is told.
    expect(Number(await isRead(url))).toBeGreaterThan(0);
    await options.waitForTimeout(1000);
    expect(await shown()).toEqual([]);
    // The daily digest sets its alarm.
    await options.locator('#notify-digest').check();
    // Turning a notification on saves once the permission is answered: the status still says
    // "saved" from the last change until then, so wait for the alarm itself.
    await expect.poll(() => worker.evaluate(async () => (await chrome.alarms.get('daily-digest'))?.periodInMinutes)).toBe(1440);
    await saved(options);
    await options.close();
  });

  test('removing a header name by keyboard keeps the focus on the next one, then on the field for adding one', async () => {
    const options = await openOptions(launched());
    const site = options.locator(`li[data-origin="${server.url}"]`);
    if ((await site.count()) === 0) {
      await options.locator('#custom-origin').fill(server.url);
      await options.locator('#custom-origin').press('Enter');
      await site.waitFor();
    }
    for (const [label, field] of [
      ['Last touch', 'lastActivity'],
      ['Deal owner', 'name'],
    ] as const) {
      await site.getByLabel('Column or label').fill(label);
      await site.getByLabel('means').selectOption(field);
      await site.getByRole('button', { name: 'Add name' }).click();
      await expect.poll(() => site.locator('.alias-list li span').allTextContents()).toContain(`“${label}” is ${field === 'name' ? 'Deal name' : 'Last activity'}`);
    }
    const list = () => site.locator('.alias-list li span').allTextContents();
    const focused = () => options.evaluate(() => (document.activeElement === document.body ? 'body' : document.activeElement?.textContent));
    // The first name (fields in their order: the deal's name comes first) removed: the focus is on the next one's button.
    await site.getByRole('button', { name: 'Remove “Deal owner”' }).focus();
    await options.keyboard.press('Enter');
    await expect.poll(list).toEqual(['“Last touch” is Last activity']);
    expect(await focused()).toBe('Remove “Last touch”');
    // The last one: the focus is on the field for adding a name.
    await options.keyboard.press('Enter');
    await expect.poll(() => site.locator('.alias-list').count()).toBe(0);
    const field = await site.getByLabel('Column or label').getAttribute('id');
    expect(await options.evaluate(() => document.activeElement?.id)).toBe(field);
    await options.close();
  });
});

describe('history retention', () => {
  let browser: Launched;
  beforeAll(async () => {
    browser = await launchWithExtension(DIST);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('once a day, change events older than the retention setting are deleted; newer ones stay', async () => {
    const worker = await serviceWorker(browser);
    // Set on install: a daily run.
    await expect.poll(() => worker.evaluate(async () => (await chrome.alarms.get('retention'))?.periodInMinutes)).toBe(24 * 60);

    // One change seen 400 days ago and one 10 days ago (the default keeps 180 days).
    const day = 86_400_000;
    const now = Date.now();
    const events = (at: number) => ({ dealId: 'crm.test|/deals/1', site: 'crm.test', field: 'stage', from: 'Demo', to: 'Proposal', at });
    await worker.evaluate(
      (rows) =>
        new Promise<void>((ok, fail) => {
          const open = indexedDB.open('deal-radar');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('events', 'readwrite');
            for (const row of rows) tx.objectStore('events').add(row);
            tx.oncomplete = () => {
              open.result.close();
              ok();
            };
            tx.onerror = () => fail(tx.error);
          };
        }),
      [events(now - 400 * day), events(now - 10 * day)],
    );
    const ages = async () =>
      (await readStore<{ at: number }>(browser, 'events')).map((e) => Math.round((now - e.at) / day)).sort((a, b) => a - b);
    expect(await ages()).toEqual([10, 400]);

    // The day's run, brought forward (an unpacked extension's alarms may fire at once).
    await worker.evaluate(() => chrome.alarms.create('retention', { when: Date.now() + 100 }));
    await expect.poll(ages, { timeout: 15_000 }).toEqual([10]);
    // That run was a one-off: the next time the worker starts, the daily run is set again.
    expect(await worker.evaluate(async () => (await chrome.alarms.get('retention')) ?? null)).toBeNull();
    await stopServiceWorker(browser);
    await sendFromPage(browser, { type: 'ui:summarize', payload: {} });
    const restarted = await serviceWorker(browser);
    await expect.poll(() => restarted.evaluate(async () => (await chrome.alarms.get('retention'))?.periodInMinutes)).toBe(24 * 60);
  });
});

describe('settings saved by a newer Deal Radar (after a downgrade)', () => {
  let browser: Launched;
  beforeAll(async () => {
    browser = await launchWithExtension(DIST);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the page says so, reads what it understands, and keeps the newer settings in a backup on the first change', async () => {
    const worker = await serviceWorker(browser);
    const newer = { version: 999, markers: false, somethingNew: { from: 'the future' } };
    await worker.evaluate((s) => chrome.storage.local.set({ settings: s }), newer);

    const options = await openOptions(browser);
    // The alert that says something (the sections' alerts stay on the page, empty).
    const alert = options.getByRole('alert').filter({ hasText: /\S/ });
    await expect.poll(async () => (await alert.textContent()) ?? '').toContain('saved by a newer version of Deal Radar');
    expect(await alert.textContent()).toContain('settings version 999');
    // What this version understands is read: the markers were switched off there.
    const markers = options.getByLabel('Show a dot beside each deal that needs attention');
    expect(await markers.isChecked()).toBe(false);
    // Nothing was written yet.
    const stored = () => worker.evaluate(() => chrome.storage.local.get(['settings', 'settingsFromNewerVersion']));
    expect(await stored()).toEqual({ settings: newer });

    // The first change: the newer settings go to a backup, whole, before this version writes its own.
    await markers.check();
    await saved(options);
    const after = await stored();
    expect(after.settingsFromNewerVersion).toEqual(newer);
    expect(after.settings).toMatchObject({ version: expect.any(Number) });
    expect((after.settings as { version: number }).version).toBeLessThan(999);
    expect(after.settings).not.toHaveProperty('markers');
    await options.close();
  });
});
