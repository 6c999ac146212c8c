/**
 * Finds a Chromium-family browser and launches it with a built Deal Radar loaded.
 * Used by `npm start`, the browser tests and the benchmarks.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';
import type { TabRecord } from '../src/store/records';
import { patchRecordInPage, readAllInPage } from './idb';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** The browser to use: CHROME_PATH, else the usual install paths; null when none is found. */
export function findChrome(): string | null {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export const INSTALL_HINT =
  'No Chromium or Chrome found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH to its executable.';

export function hasDisplay(): boolean {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform === 'darwin' || process.platform === 'win32';
}

/**
 * Flags for headless Chromium here: no sandbox as root, no GPU, and none of Chromium's own
 * background traffic (this network is closed). With a directory, only that extension loads.
 */
export function chromiumArgs(extensionDir?: string): string[] {
  return [
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  close(): Promise<void>;
}

/** Launches Chromium with the unpacked extension in `extensionDir` and a fresh profile. */
export async function launchWithExtension(extensionDir: string, opts: { headless?: boolean; args?: string[] } = {}): Promise<Launched> {
  const executablePath = findChrome();
  if (!executablePath) throw new Error(INSTALL_HINT);
  const profile = mkdtempSync(join(tmpdir(), 'deal-radar-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: opts.headless ?? true,
    viewport: { width: 1280, height: 800 },
    args: [...chromiumArgs(extensionDir), ...(opts.args ?? [])],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The extension's service worker, waking it first if it was stopped. */
export async function serviceWorker(launched: Launched): Promise<Worker> {
  const live = launched.context.serviceWorkers().find((w) => w.url().includes(launched.extensionId));
  return live ?? launched.context.waitForEvent('serviceworker', { timeout: 15_000 });
}

/** The id of the tab showing `url` (exact match), as the extension sees it. */
export async function tabIdOf(launched: Launched, url: string): Promise<number> {
  const worker = await serviceWorker(launched);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const id = await worker.evaluate(async (u) => {
      const tabs = await chrome.tabs.query({});
      return tabs.find((t) => t.url === u)?.id ?? null;
    }, url);
    if (id !== null) return id;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no tab shows ${url}`);
}

export async function badgeText(launched: Launched, tabId: number): Promise<string> {
  const worker = await serviceWorker(launched);
  return worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

export async function badgeTitle(launched: Launched, tabId: number): Promise<string> {
  const worker = await serviceWorker(launched);
  return worker.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
}

/**
 * Waits until the extension finished reading a tab: the badge's title says what it found
 * (it keeps the default title until then, and shows progress while reading), and `accept` agrees.
 */
export async function waitForBadge(launched: Launched, tabId: number, accept: (text: string) => boolean = () => true, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  let title = '';
  while (Date.now() < deadline) {
    [text, title] = await Promise.all([badgeText(launched, tabId), badgeTitle(launched, tabId)]);
    if (title !== 'Deal Radar' && text !== '…' && accept(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`badge of tab ${tabId} stayed ${JSON.stringify(text)} (${title})`);
}

/** The tab's record in the store once `accept` takes it: a scan reported and stored by the background. */
export async function waitForTab(launched: Launched, tabId: number, accept: (tab: TabRecord) => boolean, timeoutMs = 10_000): Promise<TabRecord> {
  const deadline = Date.now() + timeoutMs;
  let last: TabRecord | undefined;
  while (Date.now() < deadline) {
    last = (await readStore<TabRecord>(launched, 'tabs')).find((t) => t.tabId === tabId);
    if (last && accept(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the record of tab ${tabId} never matched: ${JSON.stringify(last)}`);
}

export interface PopupDeal {
  name: string;
  href: string | null;
  warnings: Array<{ rule: string; title: string; facts: string[]; nudge: string }>;
}

/** Opens the popup for a tab (in a tab of its own) and reads what it lists. */
export async function readPopup(
  launched: Launched,
  tabId: number,
): Promise<{ status: string; deals: PopupDeal[]; pipeline: string[][]; page: import('playwright-core').Page }> {
  const page = await launched.context.newPage();
  await page.setViewportSize({ width: 420, height: 600 });
  await page.goto(`chrome-extension://${launched.extensionId}/popup/index.html?tab=${tabId}`);
  await page.waitForSelector('[data-testid=status]');
  // The list draws its first cards first; the rest follow a frame later (aria-busy until then).
  await page.waitForFunction(() => !document.querySelector('[data-testid=deals][aria-busy=true]'));
  const status = (await page.textContent('[data-testid=status]')) ?? '';
  const deals = await page.$$eval('.deal', (items) =>
    items.map((item) => ({
      name: item.querySelector('.deal-name')?.textContent?.trim() ?? '',
      href: item.querySelector('.deal-name a')?.getAttribute('href') ?? null,
      warnings: [...item.querySelectorAll('.warning')].map((w) => ({
        rule: w.getAttribute('data-rule') ?? '',
        title: w.querySelector('h3')?.textContent?.trim() ?? '',
        facts: [...w.querySelectorAll('.facts li')].map((li) => li.textContent?.trim() ?? ''),
        nudge: w.querySelector('.nudge')?.textContent?.trim() ?? '',
      })),
    })),
  );
  const pipeline = await page.$$eval('.warning.pipeline', (items) =>
    items.map((item) => [...item.querySelectorAll('.facts li')].map((li) => li.textContent?.trim() ?? '')),
  );
  return { status, deals, pipeline, page };
}

/** Every record of one object store of the extension's database (read from an extension page). */
export async function readStore<T = Record<string, unknown>>(launched: Launched, store: string): Promise<T[]> {
  const page = await launched.context.newPage();
  try {
    await page.goto(`chrome-extension://${launched.extensionId}/manifest.json`);
    return (await page.evaluate(readAllInPage, store)) as T[];
  } finally {
    await page.close();
  }
}

/** Changes one record of the extension's database (see patchRecordInPage); false when there is none. */
export async function patchStore(launched: Launched, store: string, key: string | number, patch: Record<string, unknown>): Promise<boolean> {
  const page = await launched.context.newPage();
  try {
    await page.goto(`chrome-extension://${launched.extensionId}/manifest.json`);
    return await page.evaluate(patchRecordInPage, { store, key, patch });
  } finally {
    await page.close();
  }
}

/** Stops the extension's service worker (as Chrome does when it is idle). Module globals are lost. */
export async function stopServiceWorker(launched: Launched): Promise<void> {
  const page = await launched.context.newPage();
  try {
    await page.goto(`chrome-extension://${launched.extensionId}/manifest.json`);
    const workers = launched.context.serviceWorkers();
    const closed = Promise.all(workers.map((w) => new Promise<void>((done) => w.once('close', () => done()))));
    const cdp = await launched.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await Promise.race([closed, new Promise((r) => setTimeout(r, 3000))]);
  } finally {
    await page.close();
  }
}

/** Sends a message to the background from an extension page (as the popup or options page would). */
export async function sendFromPage<T = unknown>(launched: Launched, message: unknown): Promise<T> {
  const page = await launched.context.newPage();
  try {
    await page.goto(`chrome-extension://${launched.extensionId}/manifest.json`);
    return (await page.evaluate((m) => chrome.runtime.sendMessage(m), message)) as T;
  } finally {
    await page.close();
  }
}
