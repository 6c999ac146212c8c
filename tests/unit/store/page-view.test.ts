import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { keepSummaries } from '../../../src/background/summaries';
import type { Warning } from '../../../src/radar/model';
import { openDb, type RadarDB } from '../../../src/store/db';
import {
  currentRevision,
  loadPageView,
  type PageView,
  refreshSummaries,
  SUMMARY_GROUPS,
  summaryKey,
} from '../../../src/store/page-view';
import { DAY, deal, NOW, SITE, tab, warning } from '../ui/fixtures';

let db: RadarDB;
let n = 0;

beforeEach(async () => {
  db = openDb(`page-view-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

/** The page view without where it came from: a summary must say exactly what a full read says. */
function shown(view: PageView): Omit<PageView, 'source'> {
  const { source: _source, ...rest } = view;
  return rest;
}

/** 80 deals on tab 7 (more than a summary keeps), ties, snoozes, dismissals, pipeline warnings. */
async function seed(): Promise<void> {
  const deals = Array.from({ length: 80 }, (_, i) => deal(`d${String(i).padStart(2, '0')}`));
  await db.deals.bulkPut([...deals, deal('elsewhere')]);
  const on = (i: number) => deals[i]?.id ?? '';
  await db.warnings.bulkPut([
    ...deals.map((d, i) => warning(d.id, 'aging', { score: i % 40 })),
    warning(on(79), 'no-activity', { score: 5 }),
    warning(on(0), 'no-next-step', { status: 'snoozed', snoozeUntil: NOW + DAY }),
    warning(on(1), 'no-next-step', { status: 'dismissed', dismissedFingerprint: 'x' }),
    warning(on(2), 'no-next-step', { status: 'resolved', resolvedAt: NOW }),
    warning(on(3), 'single-threaded', { status: 'snoozed', snoozeUntil: NOW - 1, score: 100 }),
    warning(on(4), 'single-threaded', { status: 'snoozed', snoozeUntil: NOW + 2 * DAY, score: 100 }),
    warning(`${SITE}|elsewhere`, 'aging', { score: 99 }),
    warning(null, 'stage-bottleneck', { score: 40 }),
    warning(null, 'stage-bottleneck', { site: 'other.test', score: 90 }),
  ]);
  await db.tabs.bulkPut([
    tab(
      7,
      deals.map((d) => d.id),
    ),
    tab(8, [on(0), on(1)]),
  ]);
}

describe('the page summaries', () => {
  test('say what a full read says, for every page size up to the summary’s', async () => {
    await seed();
    const full = await Promise.all([10, 20, SUMMARY_GROUPS].map((limit) => loadPageView(db, 7, limit, NOW)));
    expect(full.map((v) => v.source)).toEqual(['read', 'read', 'read']);
    expect(full[0]?.total).toBe(80);
    expect(full[0]?.hidden).toBe(3);

    expect(await refreshSummaries(db, NOW)).toBe(2);
    const stored = await Promise.all([10, 20, SUMMARY_GROUPS].map((limit) => loadPageView(db, 7, limit, NOW)));
    expect(stored.map((v) => v.source)).toEqual(['summary', 'summary', 'summary']);
    expect(stored.map(shown)).toEqual(full.map(shown));
    const small = await loadPageView(db, 8, 20, NOW);
    expect(small.source).toBe('summary');
    expect(shown(small)).toEqual(shown(await fullRead(8, 20)));
  });

  test('past the summary’s groups, "Show more" reads in full', async () => {
    await seed();
    await refreshSummaries(db, NOW);
    const more = await loadPageView(db, 7, SUMMARY_GROUPS + 20, NOW);
    expect(more.source).toBe('read');
    expect(more.groups).toHaveLength(80);
  });

  test('no longer hold after any write of warnings, deals or tabs, whoever made it', async () => {
    await seed();
    const writes: Array<() => Promise<unknown>> = [
      () => db.warnings.update(`${SITE}|d10|aging`, { status: 'dismissed' }),
      () => db.deals.update(`${SITE}|d39`, { name: 'Renamed' }),
      () => db.tabs.update(7, { unreadable: 2 }),
      () =>
        db.transaction('rw', db.warnings, db.deals, async () => {
          await db.deals.delete(`${SITE}|d38`);
          await db.warnings.delete(`${SITE}|d38|aging`);
        }),
    ];
    for (const write of writes) {
      await refreshSummaries(db, NOW);
      expect((await loadPageView(db, 7, 20, NOW)).source).toBe('summary');
      const before = await currentRevision(db);
      await write();
      expect(await currentRevision(db)).not.toBe(before);
      const after = await loadPageView(db, 7, 20, NOW);
      expect(after.source).toBe('read');
      // Refreshed, the summary says the new thing.
      await refreshSummaries(db, NOW);
      const again = await loadPageView(db, 7, 20, NOW);
      expect(again.source).toBe('summary');
      expect(shown(again)).toEqual(shown(after));
    }
  });

  test('writes elsewhere leave them holding', async () => {
    await seed();
    await refreshSummaries(db, NOW);
    const before = await currentRevision(db);
    await db.sites.put({ site: SITE, siteId: 'generic', stageOrder: [], stages: [], lastScan: NOW });
    await db.daily.put({ site: SITE, day: '2026-11-27', active: 3 });
    await db.events.add({ dealId: `${SITE}|d01`, site: SITE, field: 'stage', from: 'a', to: 'b', at: NOW });
    expect(await currentRevision(db)).toBe(before);
    expect((await loadPageView(db, 7, 20, NOW)).source).toBe('summary');
    // Nothing to do: the refresh writes nothing.
    expect(await refreshSummaries(db, NOW)).toBe(0);
  });

  test('a snooze that runs out shows its warning again, summary or not', async () => {
    await seed();
    await refreshSummaries(db, NOW);
    const later = NOW + DAY + 1;
    const view = await loadPageView(db, 7, 20, later);
    expect(view.source).toBe('read');
    expect(view.hidden).toBe(2);
    expect(view.groups.find((g) => g.deal.key === 'd00')?.warnings.map((w: Warning) => w.ruleId)).toContain(
      'no-next-step',
    );
    expect(await refreshSummaries(db, later)).toBeGreaterThan(0);
    expect(await loadPageView(db, 7, 20, later)).toMatchObject({ source: 'summary', hidden: 2 });
  });

  test('a page still being read gets none: it changes with every batch', async () => {
    await seed();
    await db.tabs.update(7, { done: false });
    expect(await refreshSummaries(db, NOW)).toBe(1);
    expect(await db.summaries.get(summaryKey(7))).toBeUndefined();
    expect((await loadPageView(db, 7, 20, NOW)).source).toBe('read');
  });

  test('tabs showing the same page share one computation, each gets its summary', async () => {
    await seed();
    const seven = await db.tabs.get(7);
    if (!seven) throw new Error('no tab 7');
    await db.tabs.put({ ...seven, tabId: 9 });
    expect(await refreshSummaries(db, NOW)).toBe(3);
    const [a, b] = await Promise.all([loadPageView(db, 7, 20, NOW), loadPageView(db, 9, 20, NOW)]);
    expect([a.source, b.source]).toEqual(['summary', 'summary']);
    expect(b.groups).toEqual(a.groups);
  });

  test('the summaries of closed tabs go', async () => {
    await seed();
    await refreshSummaries(db, NOW);
    await db.tabs.delete(8);
    await refreshSummaries(db, NOW);
    expect(await db.summaries.get(summaryKey(8))).toBeUndefined();
    expect(await db.summaries.get(summaryKey(7))).toBeDefined();
  });

  test('the background refreshes them after a burst of writes', async () => {
    await seed();
    const keeper = keepSummaries(db, () => NOW);
    await db.warnings.update(`${SITE}|d10|aging`, { score: 100 });
    await db.warnings.update(`${SITE}|d11|aging`, { score: 100 });
    await keeper.idle();
    const view = await loadPageView(db, 7, 20, NOW);
    expect(view.source).toBe('summary');
    expect(view.groups.slice(0, 3).map((g) => g.deal.key)).toEqual(['d03', 'd10', 'd11']);
  });
});

async function fullRead(tabId: number, limit: number): Promise<PageView> {
  // A full read: the same view with the stored summary out of the way.
  await db.summaries.delete(summaryKey(tabId));
  return loadPageView(db, tabId, limit, NOW);
}
