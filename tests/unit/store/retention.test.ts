import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDb, type RadarDB } from '../../../src/store/db';
import { dealRecord } from '../../../src/radar/model';
import { isQuotaError, pruneHistory, withRoomToWrite } from '../../../src/store/retention';
import { REVISION_KEY } from '../../../src/store/revision';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 27);
let db: RadarDB;

beforeEach(async () => {
  db = openDb(`retention-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const warning = (id: string, status: 'active' | 'resolved' | 'snoozed', at: number) => ({
  id,
  site: 's',
  dealId: 's|d',
  dealIds: [],
  ruleId: 'no-activity',
  severity: 'warn' as const,
  score: 10,
  facts: [],
  nudge: '',
  fingerprint: 'f',
  status,
  raisedAt: at,
  updatedAt: at,
  ...(status === 'resolved' ? { resolvedAt: at } : {}),
});

describe('retention', () => {
  test('drops history older than the retention period and keeps the rest', async () => {
    await db.events.bulkAdd([
      { dealId: 's|d', site: 's', field: 'stage', from: 'A', to: 'B', at: NOW - 200 * DAY },
      { dealId: 's|d', site: 's', field: 'stage', from: 'B', to: 'C', at: NOW - 10 * DAY },
    ]);
    await db.warnings.bulkPut([warning('old-resolved', 'resolved', NOW - 300 * DAY), warning('old-snoozed', 'snoozed', NOW - 300 * DAY), warning('new-resolved', 'resolved', NOW - DAY)]);
    await db.daily.bulkPut([
      { site: 's', day: '2026-01-01', active: 3 },
      { site: 's', day: '2026-11-26', active: 2 },
    ]);
    expect(await pruneHistory(db, NOW, 180)).toEqual({ deals: 0, events: 1, warnings: 1, daily: 1 });
    expect((await db.events.toArray()).map((e) => e.to)).toEqual(['C']);
    expect((await db.warnings.toArray()).map((w) => w.id).sort()).toEqual(['new-resolved', 'old-snoozed']);
    expect((await db.daily.toArray()).map((d) => d.day)).toEqual(['2026-11-26']);
  });

  test('a warning that ended long ago keeps its record while a snooze on it runs, or a dismissal is kept on it', async () => {
    const old = NOW - 300 * DAY;
    await db.warnings.bulkPut([
      { ...warning('snooze-running', 'resolved', old), snoozeUntil: NOW + 100 * DAY },
      { ...warning('snooze-over', 'resolved', old), snoozeUntil: NOW - DAY },
      { ...warning('dismissal-kept', 'resolved', old), dismissedFingerprint: 'f' },
      warning('plain', 'resolved', old),
    ]);
    expect((await pruneHistory(db, NOW, 30)).warnings).toBe(2);
    expect((await db.warnings.toArray()).map((w) => w.id).sort()).toEqual(['dismissal-kept', 'snooze-running']);
  });

  test('a deal no page has shown for the retention period goes with its warnings, even active or snoozed, and its changes', async () => {
    const deal = (key: string, lastSeen: number) =>
      dealRecord({ id: `s|${key}`, site: 's', siteId: 'generic', key, name: key, shown: ['name'], flags: [], outcome: 'open', firstSeen: lastSeen - 30 * DAY, lastSeen, stageSeenSince: lastSeen });
    // 'open' was last sent long ago too, but its page is open in a tab (a page left open sends only what changes).
    await db.deals.bulkPut([deal('gone', NOW - 200 * DAY), deal('kept', NOW - 170 * DAY), deal('open', NOW - 200 * DAY)]);
    await db.tabs.put({ tabId: 7, site: 's', pageUrl: 'https://s/deals', view: 'list', dealIds: ['s|open'], scanId: 'x', done: true, seen: 1, unreadable: 0, updatedAt: NOW - 200 * DAY });
    await db.warnings.bulkPut([
      { ...warning('gone-active', 'active', NOW - DAY), dealId: 's|gone' },
      { ...warning('gone-snoozed', 'snoozed', NOW - DAY), dealId: 's|gone', snoozeUntil: NOW + 10 * DAY },
      { ...warning('kept-active', 'active', NOW - DAY), dealId: 's|kept' },
    ]);
    await db.events.bulkAdd([
      { dealId: 's|gone', site: 's', field: 'stage', from: 'A', to: 'B', at: NOW - 5 * DAY },
      { dealId: 's|kept', site: 's', field: 'stage', from: 'A', to: 'B', at: NOW - 5 * DAY },
    ]);
    const revision = (await db.meta.get(REVISION_KEY))?.value;
    expect(await pruneHistory(db, NOW, 180)).toEqual({ deals: 1, events: 1, warnings: 2, daily: 0 });
    expect((await db.deals.toArray()).map((d) => d.key).sort()).toEqual(['kept', 'open']);
    expect((await db.warnings.toArray()).map((w) => w.id)).toEqual(['kept-active']);
    expect((await db.events.toArray()).map((e) => e.dealId)).toEqual(['s|kept']);
    // What the popup shows changed: its stored page summaries no longer hold.
    expect((await db.meta.get(REVISION_KEY))?.value).not.toBe(revision);
  });

  test("a pipeline warning goes when every deal it names has gone, or its site has no deal left", async () => {
    const deal = (site: string, key: string, lastSeen: number) =>
      dealRecord({ id: `${site}|${key}`, site, siteId: 'generic', key, name: key, shown: ['name'], flags: [], outcome: 'open', firstSeen: lastSeen, lastSeen, stageSeenSince: lastSeen });
    const old = NOW - 200 * DAY;
    await db.deals.bulkPut([deal('s', 'a', old), deal('s', 'b', old), deal('s', 'c', NOW - DAY), deal('t', 'x', old)]);
    const pipeline = (id: string, site: string, dealIds: string[]) => ({ ...warning(id, 'active', NOW - DAY), site, dealId: null, dealIds, ruleId: 'stage-bottleneck' });
    await db.warnings.bulkPut([
      pipeline('all-gone', 's', ['s|a', 's|b']),
      pipeline('one-left', 's', ['s|a', 's|c']),
      pipeline('quiet', 's', []),
      pipeline('empty-site', 't', []),
    ]);
    await pruneHistory(db, NOW, 180);
    expect((await db.warnings.toArray()).map((w) => w.id).sort()).toEqual(['one-left', 'quiet']);
  });

  test('when storage is full the oldest history goes, the user is told, and the write goes through', async () => {
    await db.events.bulkAdd(Array.from({ length: 8 }, (_, i) => ({ dealId: 's|d', site: 's', field: 'stage' as const, from: `${i}`, to: `${i + 1}`, at: NOW - (100 - i) * DAY })));
    let tries = 0;
    const told: number[] = [];
    const result = await withRoomToWrite(
      db,
      async () => {
        tries++;
        if (tries === 1) throw new DOMException('full', 'QuotaExceededError');
        return 'written';
      },
      async (dropped) => {
        told.push(dropped);
      },
    );
    expect(result).toBe('written');
    expect(told).toEqual([2]);
    expect((await db.events.orderBy('at').first())?.from).toBe('2');
  });

  test('other errors are not swallowed', async () => {
    await expect(withRoomToWrite(db, async () => Promise.reject(new Error('boom')), async () => {})).rejects.toThrow('boom');
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('x'))).toBe(false);
  });
});
