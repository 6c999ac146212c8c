// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { findDealViews, readAll } from '../../../src/content/read/index';
import { dayOf } from '../../../src/radar/days';
import { defaultSettings } from '../../../src/settings/schema';
import { siteById } from '../../../src/sites/registry';
import type { SiteProfile } from '../../../src/sites/types';
import { openDb, type RadarDB } from '../../../src/store/db';
import { ingest } from '../../../src/store/ingest';

/**
 * From the page to the store: a custom CRM list with two deals named "Renewal 2027" (no record
 * links), and two named "Expansion" that nothing shown tells apart, read and stored, then sorted
 * the other way and read and stored again. Before, each pair was one deal that took either row's
 * values in turn and recorded every turn as a change.
 */

const NOW = Date.UTC(2026, 10, 27, 12);
const DAY = 86_400_000;
const found = siteById('generic');
if (!found) throw new Error('generic profile missing');
const generic: SiteProfile = found;

let db: RadarDB;
beforeEach(async () => {
  db = openDb(`namesakes-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
  document.body.innerHTML = '';
});

const cells = (values: string[]) => `<tr>${values.map((v) => `<td>${v}</td>`).join('')}</tr>`;

async function scan(id: string, now: number): Promise<void> {
  const pageUrl = 'http://crm.test/deals';
  const views = findDealViews(document, { profile: generic, pageUrl });
  const deals = views[0] ? readAll(views[0]) : [];
  await ingest(
    db,
    {
      siteId: 'generic',
      pageUrl,
      locale: 'en-US',
      view: 'list',
      deals,
      scan: { id, batch: 0, done: true, full: true, seen: deals.length },
    },
    {
      tabId: 1,
      profile: generic,
      settings: defaultSettings(),
      now,
      today: dayOf(now, 'UTC'),
      timeZone: 'UTC',
    },
  );
}

test('rows that share a name stay apart through rescans of the list sorted both ways: every deal kept, no change recorded, no warning from another row', async () => {
  document.body.innerHTML = `<table><thead><tr><th>Deal Name</th><th>Company</th><th>Stage</th><th>Amount</th><th>Close Date</th><th>Last Activity</th></tr></thead><tbody>${[
    ['Renewal 2027', 'Acme', 'Proposal', '$50,000', 'Dec 20, 2026', 'Nov 25, 2026'],
    ['Renewal 2027', 'Globex', 'Discovery', '$20,000', 'Mar 1, 2027', 'Nov 26, 2026'],
    ['Expansion', 'Initech', 'Demo', '$30,000', 'Jan 10, 2027', 'Nov 24, 2026'],
    ['Expansion', 'Initech', 'Qualified', '$8,000', 'Feb 10, 2027', 'Nov 23, 2026'],
  ]
    .map(cells)
    .join('')}</tbody></table>`;
  const body = document.querySelector('tbody') as HTMLElement;
  await scan('s1', NOW);
  // Sorted by amount, then back: the same rows in the other order, read again each time.
  for (const tr of [...body.children].reverse()) body.append(tr);
  await scan('s2', NOW + DAY);
  for (const tr of [...body.children].reverse()) body.append(tr);
  await scan('s3', NOW + 2 * DAY);

  const deals = await db.deals.orderBy('id').toArray();
  expect(deals.map((d) => [d.name, d.amount, d.stage])).toEqual([
    ['Expansion', 30000, 'Demo'],
    ['Expansion', 8000, 'Qualified'],
    ['Renewal 2027', 50000, 'Proposal'],
    ['Renewal 2027', 20000, 'Discovery'],
  ]);
  expect(await db.events.toArray()).toEqual([]);
  const fired = (await db.warnings.toArray()).filter((w) => w.status === 'active').map((w) => w.ruleId);
  for (const rule of ['amount-dropped', 'close-date-slipped', 'stage-regressed', 'too-good-to-be-true']) {
    expect(fired).not.toContain(rule);
  }
});
