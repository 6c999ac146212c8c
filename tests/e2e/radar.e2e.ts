import { resolve } from 'node:path';
import { readdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import { readStore, tabIdOf, waitForBadge } from '../../scripts/browser';
import { useDemoBrowser } from './setup';
import type { ChangeEvent, Warning } from '../../src/radar/model';

/**
 * Every rule fires on the demo CRM: the list and board on a first visit, and the history-based
 * rules (slipped close dates, a stage moved back, a shrinking amount) after scripted later visits.
 */
const RULES = readdirSync(resolve(import.meta.dirname, '../../src/radar/rules')).map((f) => f.replace(/\.ts$/, ''));

const env = useDemoBrowser();

test('every radar rule fires on the demo CRM, the history-based ones after later visits', { timeout: 120_000 }, async () => {
  const page = await env.browser.context.newPage();
  const fired = new Set<string>();
  for (const path of ['/board', '/deals', '/deals?snapshot=2', '/deals?snapshot=3']) {
    const url = `${env.server.url}${path}`;
    await page.goto(url);
    await waitForBadge(env.browser, await tabIdOf(env.browser, url), (t) => /^\d+$/.test(t));
    for (const w of await readStore<Warning>(env.browser, 'warnings')) if (w.status !== 'resolved') fired.add(w.ruleId);
  }
  // History: the later visits were remembered as change events of the same deals.
  const events = await readStore<ChangeEvent>(env.browser, 'events');
  expect(events.some((e) => e.field === 'closeDate')).toBe(true);
  expect(events.some((e) => e.field === 'stage' && e.from === 'Proposal' && e.to === 'Discovery')).toBe(true);
  expect(events.some((e) => e.field === 'amount')).toBe(true);
  expect(RULES.length).toBeGreaterThanOrEqual(16);
  expect(RULES.filter((r) => !fired.has(r))).toEqual([]);
  await page.close();
});
