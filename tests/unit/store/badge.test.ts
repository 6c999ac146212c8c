import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { badgeFor } from '../../../src/background/badge';
import type { Warning } from '../../../src/radar/model';
import { openDb, type RadarDB } from '../../../src/store/db';
import { warningsOfDeals } from '../../../src/store/ingest';
import type { TabRecord } from '../../../src/store/records';
import { resetFakeBrowser } from '../../support/fake-browser';
import { makeDeal } from '../radar/helpers';

const NOW = Date.UTC(2026, 10, 27, 12);

function warning(site: string, deal: string, rule: string, overrides: Partial<Warning> = {}): Warning {
  const dealId = `${site}|${deal}`;
  return {
    id: `${dealId}|${rule}`,
    site,
    dealId,
    dealIds: [dealId],
    ruleId: rule,
    severity: 'warn',
    score: 20,
    facts: ['A fact'],
    nudge: 'How?',
    fingerprint: 'warn',
    status: 'active',
    raisedAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

function tab(dealIds: string[], done: boolean): TabRecord {
  return {
    tabId: 7,
    site: 'crm.test',
    pageUrl: 'http://crm.test/deals',
    view: 'list',
    dealIds,
    scanId: 's1',
    done,
    seen: dealIds.length,
    unreadable: 0,
    updatedAt: NOW,
  };
}

describe('the badge and the warnings of a tab', () => {
  let db: RadarDB;
  beforeEach(async () => {
    resetFakeBrowser();
    db = openDb(`badge-${Math.random()}`);
    await db.open();
    // 600 deals on crm.test, every third with a warning, every ninth of those critical, and
    // some snoozed; deals of the same site not on the tab, and another site's, with warnings too.
    const warnings: Warning[] = [];
    for (let i = 0; i < 600; i++) {
      if (i % 3 !== 0) continue;
      warnings.push(warning('crm.test', `d${i}`, 'no-activity', i % 9 === 0 ? { severity: 'critical' } : {}));
      if (i % 6 === 0) warnings.push(warning('crm.test', `d${i}`, 'aging'));
      if (i % 15 === 0) warnings.push(warning('crm.test', `d${i}`, 'single-threaded', { status: 'snoozed', snoozeUntil: NOW + 1000 }));
    }
    for (let i = 0; i < 50; i++) warnings.push(warning('crm.test', `elsewhere${i}`, 'no-activity'));
    for (let i = 0; i < 50; i++) warnings.push(warning('other.test', `d${i}`, 'no-activity', { severity: 'critical' }));
    warnings.push({ ...warning('crm.test', 'pipeline', 'stage-bottleneck'), id: 'crm.test|pipeline|stage-bottleneck|demo', dealId: null, dealIds: ['crm.test|d3'] });
    await db.warnings.bulkPut(warnings);
    // The site's deals: 650, so 201 of them are read deal by deal, 600 as the site's warnings.
    const keys = [...Array.from({ length: 600 }, (_, i) => `d${i}`), ...Array.from({ length: 50 }, (_, i) => `elsewhere${i}`)];
    await db.deals.bulkPut(keys.map((key) => makeDeal({ key })));
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  const ids = (n: number) => Array.from({ length: n }, (_, i) => `crm.test|d${i}`);
  const sorted = (list: Warning[]) => list.map((w) => w.id).sort();

  it.each([10, 200, 201, 600])('reads the same warnings for %i deals, one way or the other', async (n) => {
    const byDeal = await db.warnings.where('dealId').anyOf(ids(n)).toArray();
    expect(byDeal.length).toBeGreaterThan(0);
    expect(sorted(await warningsOfDeals(db, 'crm.test', ids(n)))).toEqual(sorted(byDeal));
  });

  it('counts the deals needing attention once the page is read, and shows progress until then', async () => {
    await db.tabs.put(tab(ids(600), false));
    expect(await badgeFor(db, 7, NOW)).toMatchObject({ text: '…', title: expect.stringContaining('600') });
    await db.tabs.put(tab(ids(600), true));
    // 200 deals with a warning (every third of 600); critical among them, so the badge is red.
    expect(await badgeFor(db, 7, NOW)).toMatchObject({ text: '200', color: '#b91c1c' });
    await db.tabs.put(tab(ids(2).concat('crm.test|d1'), true));
    expect(await badgeFor(db, 7, NOW)).toMatchObject({ text: '1', color: '#b91c1c' });
    await db.tabs.put(tab(['crm.test|d1', 'crm.test|d2'], true));
    expect((await badgeFor(db, 7, NOW))?.text).toBe('');
  });
});
