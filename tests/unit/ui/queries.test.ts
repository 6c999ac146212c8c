import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDb, type RadarDB } from '../../../src/store/db';
import { loadAllView, loadHiddenView, loadPageView, loadTrend } from '../../../src/ui/queries';
import { loadWeekly } from '../../../src/ui/weekly-query';
import { change, DAY, deal, NOW, SITE, tab, warning } from './fixtures';

let db: RadarDB;
let n = 0;

beforeEach(async () => {
  db = openDb(`ui-queries-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('the page view', () => {
  test('the page’s deals, ranked, a page at a time, with the total, the hidden count and the site’s pipeline warnings', async () => {
    const deals = Array.from({ length: 30 }, (_, i) => deal(`d${String(i).padStart(2, '0')}`));
    const other = deal('elsewhere');
    await db.deals.bulkPut([...deals, other]);
    await db.warnings.bulkPut([
      ...deals.map((d, i) => warning(d.id, 'aging', { score: i })),
      warning(deals[29]?.id ?? '', 'no-activity', { score: 5 }),
      warning(deals[0]?.id ?? '', 'no-next-step', { status: 'snoozed', snoozeUntil: NOW + DAY }),
      warning(deals[1]?.id ?? '', 'no-next-step', { status: 'dismissed', dismissedFingerprint: 'x' }),
      warning(deals[2]?.id ?? '', 'no-next-step', { status: 'resolved', resolvedAt: NOW }),
      // A snooze whose time is up shows again even before the alarm wakes it.
      warning(deals[3]?.id ?? '', 'single-threaded', { status: 'snoozed', snoozeUntil: NOW - 1, score: 100 }),
      warning(other.id, 'aging', { score: 99 }),
      warning(null, 'stage-bottleneck', { score: 40 }),
      warning(null, 'stage-bottleneck', { site: 'other.test', score: 90 }),
    ]);
    await db.tabs.put(
      tab(
        7,
        deals.map((d) => d.id),
      ),
    );

    const first = await loadPageView(db, 7, 10, NOW);
    expect(first.total).toBe(30);
    expect(first.groups.map((g) => g.deal.key)).toEqual([
      'd03',
      'd29',
      'd28',
      'd27',
      'd26',
      'd25',
      'd24',
      'd23',
      'd22',
      'd21',
    ]);
    expect(first.groups[1]?.warnings.map((w) => w.ruleId)).toEqual(['aging', 'no-activity']);
    expect(first.hidden).toBe(2);
    expect(first.pipeline.map((w) => w.site)).toEqual([SITE]);

    const more = await loadPageView(db, 7, 20, NOW);
    expect(more.groups).toHaveLength(20);
    expect(more.groups.slice(0, 10)).toEqual(first.groups);
  });

  test('a tab the radar has no record of', async () => {
    expect(await loadPageView(db, 404, 10, NOW)).toEqual({
      tab: undefined,
      groups: [],
      total: 0,
      pipeline: [],
      hidden: 0,
      source: 'read',
    });
  });

  test('a long page is read by site: the same answer as key by key', async () => {
    const deals = Array.from({ length: 250 }, (_, i) => deal(`k${i}`));
    await db.deals.bulkPut(deals);
    await db.warnings.bulkPut(deals.map((d, i) => warning(d.id, 'aging', { score: i % 50 })));
    await db.tabs.put(
      tab(
        1,
        deals.slice(0, 240).map((d) => d.id),
      ),
    );
    const view = await loadPageView(db, 1, 5, NOW);
    expect(view.total).toBe(240);
    // Deal k249 is not on the page: four deals score 49 there.
    expect(view.groups.map((g) => g.score)).toEqual([49, 49, 49, 49, 48]);
    expect(view.groups.every((g) => Number(g.deal.key.slice(1)) < 240)).toBe(true);
  });
});

describe('all deals, snoozed & dismissed, trend, weekly', () => {
  test('every site, latest read first, each paged on its own, with what was watched', async () => {
    const a = [deal('a1'), deal('a2'), deal('a3')];
    const b = [deal('b1', { site: 'other.test' }), deal('b2', { site: 'other.test' })];
    await db.deals.bulkPut([...a, ...b]);
    await db.warnings.bulkPut([
      ...a.map((d) => warning(d.id, 'aging')),
      warning(b[0]?.id ?? '', 'aging', { site: 'other.test' }),
    ]);
    await db.sites.bulkPut([
      { site: SITE, siteId: 'generic', stageOrder: [], stages: [], lastScan: NOW - DAY },
      { site: 'other.test', siteId: 'generic', stageOrder: [], stages: [], lastScan: NOW },
    ]);
    const sites = await loadAllView(db, 2, { 'other.test': 5 }, NOW);
    expect(sites.map((s) => [s.site.site, s.dealCount, s.total, s.groups.length])).toEqual([
      ['other.test', 2, 1, 1],
      [SITE, 3, 3, 2],
    ]);
  });

  test('snoozed soonest back first, then dismissed, latest first; with their deals', async () => {
    const d = deal('x', { name: 'X Corp' });
    await db.deals.put(d);
    await db.warnings.bulkPut([
      warning(d.id, 'aging', { status: 'snoozed', snoozeUntil: NOW + 3 * DAY, snoozeReason: 'budget' }),
      warning(d.id, 'no-activity', { status: 'snoozed', snoozeUntil: NOW + DAY }),
      warning(d.id, 'no-next-step', { status: 'dismissed', updatedAt: NOW - DAY }),
      warning(d.id, 'single-threaded', { status: 'dismissed', updatedAt: NOW }),
      warning(d.id, 'stalled-in-stage', { status: 'snoozed', snoozeUntil: NOW - 1 }),
      warning(null, 'stage-bottleneck', { status: 'dismissed', updatedAt: NOW - 2 * DAY }),
    ]);
    const items = await loadHiddenView(db, NOW);
    expect(items.map((i) => i.warning.ruleId)).toEqual([
      'no-activity',
      'aging',
      'single-threaded',
      'no-next-step',
      'stage-bottleneck',
    ]);
    expect(items[0]?.deal?.name).toBe('X Corp');
    expect(items.at(-1)?.deal).toBeUndefined();
  });

  test('the trend reads the last 30 days of every site', async () => {
    await db.daily.bulkPut([
      { site: 'a', day: '2026-11-27', active: 3 },
      { site: 'b', day: '2026-11-27', active: 4 },
      { site: 'a', day: '2026-10-01', active: 50 },
    ]);
    const points = await loadTrend(db, '2026-11-27');
    expect(points.at(-1)?.active).toBe(7);
    expect(points[0]?.active).toBeNull();
  });

  test('the weekly review reads the week’s events and stage orders', async () => {
    const d = deal('r', { name: 'Relecloud', stage: 'Discovery' });
    await db.deals.put(d);
    await db.sites.put({
      site: SITE,
      siteId: 'generic',
      stageOrder: ['Discovery', 'Demo', 'Proposal'],
      stages: [],
      lastScan: NOW,
    });
    await db.events.bulkAdd([
      change(d, 'stage', 'Proposal', 'Discovery', 1),
      change(d, 'amount', '10', '20', 9),
    ]);
    const review = await loadWeekly(db, NOW);
    expect(review.stageMoves.map((m) => m.direction)).toEqual(['back']);
    expect(review.amountChanges).toEqual([]);
  });
});
