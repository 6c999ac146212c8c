import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Launched, launchWithExtension, readStore } from '../../scripts/browser';
import type { ChangeEvent, Deal } from '../../src/radar/model';
import type { TabRecord } from '../../src/store/records';

/**
 * Twenty tabs send their 1,000-row observations at once. Every deal is stored exactly once,
 * and every change is recorded exactly once: the background applies each batch in one
 * IndexedDB transaction, so two tabs cannot both see the old value.
 */
const DIST = resolve(import.meta.dirname, '../../dist/chrome-dev');
const ROWS = 1000;
const TABS = 20;
let server: Server;
let origin: string;
let browser: Launched;

function page(version: 1 | 2): string {
  const rows: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const stage = version === 1 ? 'Demo' : 'Proposal';
    rows.push(`<tr><td><a href="/deal/${i}">Deal ${i}</a></td><td>${stage}</td><td>$${1000 + i}.00</td><td>Nov 20, 2026</td></tr>`);
  }
  return `<!doctype html><html lang="en-US"><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>
<table><thead><tr><th>Deal Name</th><th>Stage</th><th>Amount</th><th>Last Activity</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
}

beforeAll(async () => {
  const v1 = page(1);
  const v2 = page(2);
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(req.url?.startsWith('/v1') ? v1 : v2);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchWithExtension(DIST);
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

async function waitTabs(count: number, prefix: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const tabs = (await readStore<TabRecord>(browser, 'tabs')).filter((t) => t.pageUrl.includes(prefix) && t.done && t.dealIds.length === ROWS);
    if (tabs.length >= count) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`fewer than ${count} tabs finished reading ${prefix}`);
}

test('20 tabs at once: each deal stored once, each change recorded once', { timeout: 180_000 }, async () => {
  const first = await browser.context.newPage();
  await first.goto(`${origin}/v1/deals`);
  await waitTabs(1, '/v1/');
  await first.close();

  // All deals moved from Demo to Proposal; twenty tabs show it at the same moment.
  const pages = await Promise.all(Array.from({ length: TABS }, () => browser.context.newPage()));
  await Promise.all(pages.map((p, i) => p.goto(`${origin}/v2/deals?tab=${i}`)));
  await waitTabs(TABS, '/v2/');

  const deals = await readStore<Deal>(browser, 'deals');
  expect(deals.length).toBe(ROWS);
  expect(new Set(deals.map((d) => d.id)).size).toBe(ROWS);
  expect(deals.every((d) => d.stage === 'Proposal')).toBe(true);

  const events = (await readStore<ChangeEvent>(browser, 'events')).filter((e) => e.field === 'stage');
  expect(events.length).toBe(ROWS);
  expect(new Set(events.map((e) => e.dealId)).size).toBe(ROWS);
  expect(events.every((e) => e.from === 'Demo' && e.to === 'Proposal')).toBe(true);
  await Promise.all(pages.map((p) => p.close()));
});
