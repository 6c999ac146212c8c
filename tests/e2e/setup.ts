import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type DemoServer, startDemoServer } from '../../demo/server';
import { type Launched, launchWithExtension, readStore } from '../../scripts/browser';
import type { ShownWarning } from '../../src/messages/schemas';
import type { Warning } from '../../src/radar/model';

export const DEV_BUILD = resolve(import.meta.dirname, '../../dist/chrome-dev');

/** Stored warnings as the popup shows them: what its snooze and dismiss send (ui:snooze, ui:dismiss). */
export async function asShown(browser: Launched, ids: readonly string[]): Promise<ShownWarning[]> {
  const stored = new Map((await readStore<Warning>(browser, 'warnings')).map((w) => [w.id, w]));
  return ids.map((id) => {
    const w = stored.get(id);
    if (!w) throw new Error(`no warning ${id}`);
    return { id, fingerprint: w.fingerprint, severity: w.severity };
  });
}

/** The demo CRM and a Chromium with the development build, for the tests of one file. */
export function useDemoBrowser(): { server: DemoServer; browser: Launched } {
  const env = {} as { server: DemoServer; browser: Launched };
  beforeAll(async () => {
    env.server = await startDemoServer({ port: 0 });
    env.browser = await launchWithExtension(DEV_BUILD);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Starts watching for the first element matching `selector` to be added to the page; the returned
 * function says whether it had the focus at that moment (checked when the page sees it added, not
 * a frame later, when a key press could already have gone elsewhere). Call it after the action.
 */
export async function focusOnArrival(page: Page, selector: string): Promise<() => Promise<boolean>> {
  await page.evaluate((sel) => {
    const w = window as unknown as { focusOnArrival?: Record<string, Promise<boolean>> };
    w.focusOnArrival ??= {};
    w.focusOnArrival[sel] = new Promise((resolve) => {
      new MutationObserver((_, observer) => {
        const added = document.querySelector(sel);
        if (!added) return;
        observer.disconnect();
        resolve(document.activeElement === added);
      }).observe(document.body, { childList: true, subtree: true });
    });
  }, selector);
  return () =>
    page.evaluate(
      (sel) => (window as unknown as { focusOnArrival: Record<string, Promise<boolean>> }).focusOnArrival[sel] as Promise<boolean>,
      selector,
    );
}

/**
 * Appends `n` copies of the demo list's first row, each a deal of its own (`/deals/<prefix>-i`,
 * named `<Prefix> i`) whose last activity was months ago, so every one of them is flagged. Each
 * row carries `data-added="i"`.
 */
export async function addQuietDeals(page: Page, n: number, prefix: string): Promise<void> {
  await page.evaluate(
    ({ count, name }) => {
      const body = document.querySelector('tbody');
      const first = body?.querySelector('tr');
      if (!body || !first) throw new Error('no rows');
      for (let i = 0; i < count; i++) {
        const row = first.cloneNode(true) as HTMLTableRowElement;
        const link = row.querySelector('a');
        if (link) {
          link.href = `/deals/${name.toLowerCase()}-${i}`;
          link.textContent = `${name} ${i}`;
        }
        const activity = row.cells[4];
        if (activity) activity.textContent = 'Aug 3, 2026';
        row.dataset.added = String(i);
        body.append(row);
      }
    },
    { count: n, name: prefix },
  );
}
