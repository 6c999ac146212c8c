import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Observation } from '../../../src/messages/schemas';
import { dayOf } from '../../../src/radar/days';
import { Deal } from '../../../src/radar/model';
import { defaultSettings } from '../../../src/settings/schema';
import { siteById } from '../../../src/sites/registry';
import { openDb, type RadarDB } from '../../../src/store/db';
import { ingest, sameRecord } from '../../../src/store/ingest';
import { mergeDeal, normalize } from '../../../src/store/normalize';
import { twinKey } from '../../../src/messages/twin-key';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const DAY = 86_400_000;
const generic = siteById('generic');
if (!generic) throw new Error('generic profile missing');

function observation(deals: Observation['deals'], scan = 's1'): Observation {
  return {
    siteId: 'generic',
    pageUrl: 'http://crm.test/deals',
    locale: 'en-US',
    view: 'list',
    deals,
    scan: { id: scan, batch: 0, done: true, seen: deals.length },
  };
}

describe('normalize', () => {
  test('parses dates, amounts and counts, and tells empty from unreadable', () => {
    const n = normalize(
      {
        key: 'd1',
        fields: { name: 'Acme', amount: '$12,500.00', closeDate: 'Dec 3, 2026', lastActivity: '3 days ago', nextActivity: '--', contacts: '2', owner: 'gibberish date?' },
      },
      { locale: 'en-US', today: '2026-11-27' },
    );
    expect(n.values).toMatchObject({ name: 'Acme', amount: 12500, currency: 'USD', closeDate: '2026-12-03', lastActivity: '2026-11-24', contacts: 2 });
    expect('nextActivity' in n.values && n.values.nextActivity === undefined).toBe(true);
    expect(n.shown).toContain('nextActivity');
    const bad = normalize({ key: 'd1', fields: { closeDate: 'sometime soon' } }, { locale: 'en-US', today: '2026-11-27' });
    expect(bad.unreadable).toEqual(['closeDate']);
  });

  test('a stage seen for the first time counts from now: no "at least 30 days" in a stage the deal may have entered yesterday', () => {
    const ctx = { id: 's|d1', site: 's', siteId: 'generic', key: 'd1', url: undefined, flags: undefined, now: NOW - 30 * DAY, profile: generic };
    const read = (fields: Record<string, string>) => normalize({ key: 'd1', fields }, { locale: 'en-US', today: '2026-11-27' });
    // First seen in a view without the stage column; the stage shows a month later.
    const first = mergeDeal(undefined, read({ name: 'A' }), ctx);
    expect(first.deal.stageSeenSince).toBe(NOW - 30 * DAY);
    const staged = mergeDeal(first.deal, read({ name: 'A', stage: 'Demo' }), { ...ctx, now: NOW });
    expect(staged.deal.stageSeenSince).toBe(NOW);
    // Seen again in that stage, or in a view without it: the sighting stands.
    const again = mergeDeal(staged.deal, read({ name: 'A', stage: 'demo' }), { ...ctx, now: NOW + DAY });
    expect(again.deal.stageSeenSince).toBe(NOW);
    const without = mergeDeal(again.deal, read({ name: 'A' }), { ...ctx, now: NOW + 2 * DAY });
    expect(without.deal.stageSeenSince).toBe(NOW);
    // A stage cell empty once, then the same stage again: the time in the stage is kept.
    const empty = mergeDeal(without.deal, read({ name: 'A', stage: '—' }), { ...ctx, now: NOW + 3 * DAY });
    const back = mergeDeal(empty.deal, read({ name: 'A', stage: 'Demo' }), { ...ctx, now: NOW + 4 * DAY });
    expect(back.deal.stageSeenSince).toBe(NOW);
  });

  test('a cell that could not be read does not count as shown: no "no next activity" or "never active" from text not understood', () => {
    const ctx = { id: 's|d1', site: 's', siteId: 'generic', key: 'd1', url: undefined, flags: undefined, now: NOW, profile: generic };
    const read = (fields: Record<string, string>) => normalize({ key: 'd1', fields }, { locale: 'en-US', today: '2026-11-27' });
    const odd = mergeDeal(undefined, read({ name: 'A', lastActivity: 'last quarter', nextActivity: 'tbd soonish', stage: 'Demo' }), ctx);
    expect(odd.deal.shown).toEqual(['name', 'stage']);
    expect(odd.deal.lastActivity).toBeUndefined();
    // Shown empty: shown, so "none" can be said.
    const empty = mergeDeal(odd.deal, read({ name: 'A', lastActivity: '', nextActivity: '--' }), { ...ctx, now: NOW + DAY });
    expect(empty.deal.shown).toEqual(['lastActivity', 'name', 'nextActivity', 'stage']);
  });

  test('a date shown without a year: last activity and created in the past, the close date the nearest', () => {
    const n = normalize(
      { key: 'd1', fields: { lastActivity: 'Jan 5', created: 'Dec 20', stageEntered: 'Jan 2', closeDate: 'Jan 5', nextActivity: 'Jan 6' } },
      { locale: 'en-US', today: '2026-11-27' },
    );
    expect(n.values).toEqual({ lastActivity: '2026-01-05', created: '2025-12-20', stageEntered: '2026-01-02', closeDate: '2027-01-05', nextActivity: '2027-01-06' });
  });

  test('a past date given roughly ("a month ago") is kept as a least age, and as rough until the page shows it otherwise', () => {
    const ctx = { id: 's|d1', site: 's', siteId: 'generic', key: 'd1', url: undefined, flags: undefined, now: NOW, profile: generic };
    const read = (fields: Record<string, string>) => normalize({ key: 'd1', fields }, { locale: 'en-US', today: '2026-11-27' });
    const rough = read({ name: 'A', lastActivity: 'a month ago', created: 'a year ago', stageEntered: '2 months ago', nextActivity: 'in 2 weeks' });
    // 15 days of slack for months, 182 for a year; a date ahead is not rough in the record.
    expect(rough.values).toMatchObject({ lastActivity: '2026-11-11', created: '2026-05-28', stageEntered: '2026-10-12', nextActivity: '2026-12-11' });
    expect(rough.rough).toEqual(['lastActivity', 'created', 'stageEntered']);
    // A date that may lie ahead keeps the day its wording names, also when it has passed.
    expect(read({ nextActivity: 'Overdue by 2 weeks', closeDate: 'a month ago' }).values).toEqual({ nextActivity: '2026-11-13', closeDate: '2026-10-27' });
    const first = mergeDeal(undefined, rough, ctx);
    expect(first.deal.rough).toEqual(['created', 'lastActivity', 'stageEntered']);
    expect(Deal.safeParse(first.deal).success).toBe(true);
    // Shown again exactly, or empty: no longer rough. Not shown, or not understood: kept.
    const later = mergeDeal(first.deal, read({ name: 'A', lastActivity: 'Nov 20, 2026', created: 'sometime', stageEntered: '' }), { ...ctx, now: NOW + DAY });
    expect(later.deal.rough).toEqual(['created']);
    expect(later.deal.created).toBe('2026-05-28');
    const exact = mergeDeal(later.deal, read({ name: 'A', created: 'May 1, 2026' }), { ...ctx, now: NOW + 2 * DAY });
    expect(exact.deal.rough).toBeUndefined();
  });

  test('an unreadable cell keeps the old value; an empty one clears it', () => {
    const ctx = { id: 's|d1', site: 's', siteId: 'generic', key: 'd1', url: undefined, flags: undefined, now: NOW, profile: generic };
    const first = mergeDeal(undefined, normalize({ key: 'd1', fields: { name: 'A', closeDate: 'Dec 3, 2026', nextActivity: 'Dec 1, 2026' } }, { locale: 'en-US', today: '2026-11-27' }), ctx);
    const second = mergeDeal(first.deal, normalize({ key: 'd1', fields: { name: 'A', closeDate: '???', nextActivity: '—' } }, { locale: 'en-US', today: '2026-11-27' }), { ...ctx, now: NOW + DAY });
    expect(second.deal.closeDate).toBe('2026-12-03');
    expect(second.deal.nextActivity).toBeUndefined();
    expect(second.events).toEqual([]);
  });
});

test('a board icon is replaced by the next activity a list or record shows', () => {
  const ctx = { id: 's|d1', site: 's', siteId: 'generic', key: 'd1', url: undefined, now: NOW, profile: generic };
  const board = mergeDeal(undefined, normalize({ key: 'd1', fields: { name: 'A' } }, { locale: 'en-US', today: '2026-11-27' }), { ...ctx, flags: ['activity-none'] });
  expect(board.deal.flags).toEqual(['activity-none']);
  const list = mergeDeal(board.deal, normalize({ key: 'd1', fields: { name: 'A', nextActivity: 'Dec 1, 2026' } }, { locale: 'en-US', today: '2026-11-27' }), { ...ctx, flags: undefined });
  expect(list.deal.flags).toEqual([]);
  const other = mergeDeal(board.deal, normalize({ key: 'd1', fields: { name: 'A', stage: 'Demo' } }, { locale: 'en-US', today: '2026-11-27' }), { ...ctx, flags: undefined });
  expect(other.deal.flags).toEqual(['activity-none']);
});

describe('sameRecord (a stored deal)', () => {
  const deal = mergeDeal(undefined, normalize({ key: 'k', fields: { name: 'A', stage: 'Demo' } }, { locale: 'en-US', today: '2026-11-27' }), {
    id: 'crm.test|k', site: 'crm.test', siteId: 'generic', key: 'k', url: undefined, flags: undefined, now: NOW, profile: generic,
  }).deal;
  test('tells apart everything but the last sighting', () => {
    expect(sameRecord(deal, { ...deal, lastSeen: NOW + 1 })).toBe(true);
    expect(sameRecord(deal, { ...deal, stage: 'Proposal' })).toBe(false);
    expect(sameRecord(deal, { ...deal, amount: 1 })).toBe(false);
    expect(sameRecord(deal, { ...deal, shown: [...deal.shown, 'amount'] })).toBe(false);
    expect(sameRecord(deal, { ...deal, flags: ['activity-overdue'] })).toBe(false);
    expect(sameRecord({ ...deal, flags: ['activity-none'] }, { ...deal, flags: ['activity-overdue'] })).toBe(false);
    expect(sameRecord(deal, { ...deal, shown: [...deal.shown] })).toBe(true);
  });
});

describe('ingest', () => {
  let db: RadarDB;
  beforeEach(async () => {
    db = openDb(`ingest-${Math.random()}`);
    await db.open();
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  const ctx = (now: number) => ({ tabId: 3, profile: generic, settings: defaultSettings(), now, today: dayOf(now, 'UTC'), timeZone: 'UTC' });

  test('stores deals, scores no-activity, and marks the quiet deal', async () => {
    const marks = await ingest(
      db,
      observation([
        { key: '/deals/1', url: 'http://crm.test/deals/1', fields: { name: 'Quiet Co', stage: 'Demo', lastActivity: 'Nov 4, 2026' } },
        { key: '/deals/2', url: 'http://crm.test/deals/2', fields: { name: 'Busy Co', stage: 'Demo', lastActivity: 'Yesterday' } },
      ]),
      ctx(NOW),
    );
    expect(await db.deals.count()).toBe(2);
    const warnings = await db.warnings.filter((w) => w.ruleId === 'no-activity').toArray();
    expect(warnings.map((w) => w.dealId)).toEqual(['crm.test|/deals/1']);
    expect(warnings[0]?.facts.join(' ')).toContain('23 days');
    expect(marks.map((m) => m.key)).toEqual(['/deals/1']);
    const tab = await db.tabs.get(3);
    expect(tab).toMatchObject({ site: 'crm.test', done: true, dealIds: ['crm.test|/deals/1', 'crm.test|/deals/2'] });
    expect(await db.daily.get(['crm.test', '2026-11-27'])).toMatchObject({ active: expect.any(Number) });
  });

  test("a deal's link is kept only on the page's own origin", async () => {
    await ingest(
      db,
      observation([
        { key: '/deals/1', url: 'http://crm.test/deals/1', fields: { name: 'Own' } },
        { key: '/deals/2', url: 'https://crm.test/deals/2', fields: { name: 'Other scheme' } },
        { key: '/deals/3', url: 'http://crm.test:8080/deals/3', fields: { name: 'Other port' } },
        { key: '/deals/4', url: 'http://crm.test.evil.example/deals/4', fields: { name: 'Other host' } },
        { key: '/deals/5', url: 'http://crm.test@evil.example/deals/5', fields: { name: 'User info' } },
        { key: '/deals/6', url: 'javascript:alert(1)//http://crm.test/', fields: { name: 'Script' } },
      ]),
      ctx(NOW),
    );
    const urls = Object.fromEntries((await db.deals.toArray()).map((d) => [d.name, d.url ?? null]));
    expect(urls).toEqual({
      Own: 'http://crm.test/deals/1',
      'Other scheme': null,
      'Other port': null,
      'Other host': null,
      'User info': null,
      Script: null,
    });
  });

  test('a deal won on a page that shows its status is not reopened by a page that does not show it', async () => {
    const pipedrive = siteById('pipedrive');
    if (!pipedrive) throw new Error('no pipedrive profile');
    const at = (now: number) => ({ ...ctx(now), profile: pipedrive });
    const seen = (fields: Record<string, string>, scan: string) => ({
      ...observation([{ key: '/deal/7', fields: { name: 'Kappa', stage: 'Negotiation', lastActivity: 'Sep 1, 2026', ...fields } }], scan),
      siteId: 'pipedrive',
    });
    const showing = async () => (await db.warnings.toArray()).filter((w) => w.status === 'active').map((w) => w.ruleId);
    await ingest(db, seen({ status: 'Open' }, 's1'), at(NOW));
    expect(await showing()).toContain('no-activity');
    // The list with a Status column says Won: its warnings end.
    await ingest(db, seen({ status: 'Won' }, 's2'), at(NOW + 1000));
    expect((await db.deals.get('crm.test|/deal/7'))?.outcome).toBe('won');
    expect(await showing()).toEqual([]);
    // A list without that column, the next day: still won, nothing comes back, no event says it reopened.
    await ingest(db, seen({}, 's3'), at(NOW + DAY));
    expect((await db.deals.get('crm.test|/deal/7'))?.outcome).toBe('won');
    expect(await showing()).toEqual([]);
    expect((await db.events.toArray()).filter((e) => e.field === 'outcome').map((e) => `${e.from}→${e.to}`)).toEqual(['open→won']);
    // Shown as open again, it is open.
    await ingest(db, seen({ status: 'Open' }, 's4'), at(NOW + 2 * DAY));
    expect((await db.deals.get('crm.test|/deal/7'))?.outcome).toBe('open');
  });

  test("positions in the pipeline count only the open stages, by the profile's won and lost words; the site keeps the whole order", async () => {
    const twenty = siteById('twenty');
    if (!twenty) throw new Error('no twenty profile');
    // Twenty's won stage is "Customer"; the board shows it as the last column.
    const board = { ...observation([{ key: '/deal/1', fields: { name: 'Mu', stage: 'Proposal', lastActivity: 'Nov 1, 2026', closeDate: 'Dec 3, 2026' } }]), siteId: 'twenty', stageOrder: ['New', 'Screening', 'Meeting', 'Proposal', 'Customer'] };
    await ingest(db, board, { ...ctx(NOW), profile: twenty });
    expect((await db.sites.get('crm.test'))?.stageOrder).toEqual(['New', 'Screening', 'Meeting', 'Proposal', 'Customer']);
    // Proposal is the last open stage: "late", so a quiet deal there is too good to be true.
    const rules = (await db.warnings.toArray()).map((w) => `${w.ruleId}: ${w.facts[0]}`);
    expect(rules.find((r) => r.startsWith('too-good-to-be-true'))).toMatch(/stage 4 of 4/);
  });

  test("a scan records the site's recent activity; a week later, pipeline-going-quiet compares with it", async () => {
    const list = (dates: string[], scan: string) =>
      observation(dates.map((lastActivity, i) => ({ key: `/deals/${i}`, fields: { name: `Deal ${i}`, stage: 'Demo', lastActivity } })), scan);
    await ingest(db, list(Array(10).fill('Nov 26, 2026'), 's1'), ctx(NOW));
    expect((await db.daily.get(['crm.test', '2026-11-27']))?.recent).toEqual({ known: 10, active: 10 });
    // A week later, 6 of the 10 had activity since.
    const later = NOW + 7 * DAY;
    await ingest(db, list([...Array(6).fill('Dec 3, 2026'), ...Array(4).fill('Nov 26, 2026')], 's2'), ctx(later));
    const quiet = (await db.warnings.toArray()).find((w) => w.ruleId === 'pipeline-going-quiet' && w.status === 'active');
    expect(quiet?.facts[0]).toBe('6 of 10 open deals (60%) had activity in the last 7 days, against 10 of 10 (100%) a week ago: down 40%');
    expect((await db.daily.get(['crm.test', '2026-12-04']))?.recent).toEqual({ known: 10, active: 6 });
  });

  test('a second visit records change events, and a snooze survives the rescan', async () => {
    await ingest(db, observation([{ key: '/deals/1', fields: { name: 'Quiet Co', stage: 'Proposal', closeDate: 'Dec 1, 2026', lastActivity: 'Nov 1, 2026' } }]), ctx(NOW));
    const w = await db.warnings.get('crm.test|/deals/1|no-activity');
    expect(w?.status).toBe('active');
    await db.warnings.put({ ...(w as NonNullable<typeof w>), status: 'snoozed', snoozeUntil: NOW + 3 * DAY });
    await ingest(db, observation([{ key: '/deals/1', fields: { name: 'Quiet Co', stage: 'Discovery', closeDate: 'Jan 15, 2027', lastActivity: 'Nov 1, 2026' } }], 's2'), ctx(NOW + DAY));
    const events = await db.events.toArray();
    expect(events.map((e) => [e.field, e.from, e.to])).toEqual([
      ['stage', 'Proposal', 'Discovery'],
      ['closeDate', '2026-12-01', '2027-01-15'],
    ]);
    expect((await db.warnings.get('crm.test|/deals/1|no-activity'))?.status).toBe('snoozed');
  });

  test('stores every deal in one shape: every field of the schema, in its order, those it lacks as undefined', async () => {
    await ingest(
      db,
      observation([
        { key: '/deals/1', fields: { name: 'Quiet Co', stage: 'Demo', lastActivity: 'Nov 4, 2026' } },
        { key: '/deals/2', url: 'http://crm.test/deals/2', fields: { name: 'Big Co', amount: '$12,500', closeDate: 'Dec 1, 2026', contacts: '3' } },
        { key: '/deals/3', fields: { name: 'Bare Co' } },
      ]),
      ctx(NOW),
    );
    // Read again with the close date's cell empty: the value goes, the field stays (undefined).
    await ingest(db, observation([{ key: '/deals/2', fields: { name: 'Big Co', amount: '$12,500', closeDate: '' } }], 's2'), ctx(NOW + DAY));
    const deals = await db.deals.toArray();
    expect(deals.length).toBe(3);
    for (const deal of deals) expect(Object.keys(deal)).toEqual(Object.keys(Deal.shape));
    const big = deals.find((d) => d.key === '/deals/2');
    expect(big).toMatchObject({ amount: 12_500, url: 'http://crm.test/deals/2' });
    expect(big?.closeDate).toBeUndefined();
    expect(Object.hasOwn(big ?? {}, 'closeDate')).toBe(true);
  });

  test('a batch keeps what is stored for its deals, whether the deal was stored before or is seen the first time', async () => {
    const deals = [
      { key: '/deals/1', fields: { name: 'Quiet Co', stage: 'Demo', lastActivity: 'Nov 4, 2026' } },
      { key: '/deals/9', fields: { name: 'Imported Co', stage: 'Demo', lastActivity: 'Nov 5, 2026' } },
    ];
    await ingest(db, observation(deals), ctx(NOW));
    const snoozed = await db.warnings.get('crm.test|/deals/1|no-activity');
    const dismissed = await db.warnings.get('crm.test|/deals/9|no-activity');
    if (!snoozed || !dismissed) throw new Error('no-activity did not fire');
    await db.warnings.bulkPut([
      { ...snoozed, status: 'snoozed', snoozeUntil: NOW + 3 * DAY },
      { ...dismissed, status: 'dismissed', dismissedFingerprint: dismissed.fingerprint },
    ]);
    // A warning whose deal is not stored (as an import of a partial file can leave one): the
    // batch reads it as a deal seen the first time, and must still find it.
    await db.deals.delete('crm.test|/deals/9');
    const batch = { ...observation(deals, 's2'), scan: { id: 's2', batch: 0, done: false, seen: 2 } };
    await ingest(db, batch, ctx(NOW + 60_000));
    expect((await db.warnings.get('crm.test|/deals/1|no-activity'))?.status).toBe('snoozed');
    expect((await db.warnings.get('crm.test|/deals/9|no-activity'))?.status).toBe('dismissed');
    expect(await db.deals.count()).toBe(2);
  });

  test('a rescan that reads the same leaves the stored warnings as they are; a day later, updates what changed', async () => {
    const page = (scan: string) =>
      observation(
        [
          { key: '/deals/1', fields: { name: 'Quiet Co', stage: 'Demo', lastActivity: 'Nov 4, 2026', contacts: '1' } },
          { key: '/deals/2', fields: { name: 'Late Co', stage: 'Demo', closeDate: 'Nov 2, 2026', lastActivity: 'Yesterday' } },
        ],
        scan,
      );
    await ingest(db, page('s1'), ctx(NOW));
    const first = await db.warnings.toArray();
    expect(first.length).toBeGreaterThanOrEqual(3);
    expect(first.every((w) => w.updatedAt === NOW)).toBe(true);
    await ingest(db, page('s2'), ctx(NOW + 60_000));
    expect(await db.warnings.toArray()).toEqual(first);
    await ingest(db, page('s3'), ctx(NOW + DAY));
    const quiet = await db.warnings.get('crm.test|/deals/1|no-activity');
    expect(quiet).toMatchObject({ updatedAt: NOW + DAY, raisedAt: NOW });
    expect(quiet?.facts.join(' ')).toContain('24 days');
  });

  /** A deal quiet since October, of `amount`; and one batch of a full scan of six deals. */
  const quiet = (key: string, amount: string) => ({ key, fields: { name: key, stage: 'Demo', amount, lastActivity: 'Oct 1, 2026' } });
  const batch = (deals: Observation['deals'], scan: string, n: number, done: boolean): Observation => ({
    ...observation(deals, scan),
    scan: { id: scan, batch: n, done, full: true, seen: 6 },
  });

  test('a batch of a scan ranks its deals by value among the whole site, so a rescan in batches writes nothing', async () => {
    const small = [quiet('/a1', '$1,000'), quiet('/a2', '$2,000'), quiet('/a3', '$3,000')];
    const large = [quiet('/b1', '$80,000'), quiet('/b2', '$90,000'), quiet('/b3', '$100,000')];
    await ingest(db, batch(small, 's1', 0, false), ctx(NOW));
    await ingest(db, batch(large, 's1', 1, true), ctx(NOW + 1000));
    const site = await db.sites.get('crm.test');
    expect(site?.amountsByCurrency).toEqual({ USD: [1000, 2000, 3000, 80_000, 90_000, 100_000] });
    expect(site?.amounts).toBeUndefined();
    const first = await db.warnings.toArray();
    expect(first.filter((w) => w.ruleId === 'no-activity')).toHaveLength(6);
    // Ranked among the site, the small deals score below the large ones.
    const score = (key: string) => first.find((w) => w.id === `crm.test|${key}|no-activity`)?.score ?? -1;
    expect(score('/a1')).toBeLessThan(score('/b3'));

    await ingest(db, batch(small, 's2', 0, false), ctx(NOW + 60_000));
    expect(await db.warnings.toArray()).toEqual(first);
    await ingest(db, batch(large, 's2', 1, true), ctx(NOW + 61_000));
    expect(await db.warnings.toArray()).toEqual(first);
  });

  test('a name rows come to share: its deal of before goes with its warnings, and a row keyed by it alone records no changes', async () => {
    const row = (key: string, amount: string, lastActivity: string) => ({ key, fields: { name: 'Renewal 2027', amount, closeDate: 'Dec 20, 2026', lastActivity } });
    // First seen alone (the other row was not drawn yet): keyed by its name, and quiet.
    await ingest(db, observation([row('Renewal 2027', '$50,000', 'Oct 1, 2026')], 's1'), ctx(NOW));
    expect(await db.warnings.where('dealId').equals('crm.test|Renewal 2027').count()).toBeGreaterThan(0);
    // Both rows drawn: each keyed apart (twin-key.ts). The deal of before held either row's values:
    // it goes, with its warnings and changes; the rows' own deals replace it.
    await ingest(
      db,
      observation([row(twinKey('Renewal 2027', ['Acme']), '$50,000', 'Yesterday'), row(twinKey('Renewal 2027', ['Globex']), '$20,000', 'Yesterday')], 's2'),
      ctx(NOW + DAY),
    );
    expect(await db.deals.get('crm.test|Renewal 2027')).toBeUndefined();
    expect(await db.warnings.where('dealId').equals('crm.test|Renewal 2027').count()).toBe(0);
    expect(await db.deals.count()).toBe(2);
    expect((await db.sites.get('crm.test'))?.sharedNames).toEqual(['Renewal 2027']);
    // Later loads draw one row at a time, in either order: keyed by the name alone, each sighting
    // stands alone. Before, Globex's amount after Acme's was an "amount dropped 60%".
    await ingest(db, observation([row('Renewal 2027', '$50,000', 'Yesterday')], 's3'), ctx(NOW + 2 * DAY));
    await ingest(db, observation([row('Renewal 2027', '$20,000', 'Yesterday')], 's4'), ctx(NOW + 3 * DAY));
    expect(await db.events.where('dealId').equals('crm.test|Renewal 2027').count()).toBe(0);
    expect(await db.warnings.filter((w) => w.ruleId === 'amount-dropped').count()).toBe(0);
  });

  test('a batch ranks its deals by value among those in their own currency; a site record of before ranks them among all', async () => {
    const euros = [quiet('/e1', '€10,000'), quiet('/e2', '€20,000'), quiet('/e3', '€50,000')];
    const yen = [quiet('/y1', '¥1,200,000'), quiet('/y2', '¥1,500,000'), quiet('/y3', '¥3,000,000')];
    await ingest(db, batch(euros, 's1', 0, false), ctx(NOW));
    await ingest(db, batch(yen, 's1', 1, true), ctx(NOW + 1000));
    const score = async (key: string) => (await db.warnings.get(`crm.test|${key}|no-activity`))?.score ?? -1;
    // The biggest deal in euros ranks with the biggest in yen, not below the smallest one.
    expect(await score('/e3')).toBe(await score('/y3'));
    expect(await score('/e3')).toBeGreaterThan(await score('/y1'));
    expect((await db.sites.get('crm.test'))?.amountsByCurrency).toEqual({ EUR: [10_000, 20_000, 50_000], JPY: [1_200_000, 1_500_000, 3_000_000] });

    // A site record written before amounts were kept by currency: a batch ranks among all of them.
    await db.sites.update('crm.test', { amountsByCurrency: undefined, amounts: [10_000, 20_000, 50_000, 1_200_000, 1_500_000, 3_000_000] });
    // €5,000 is below all six: ranked lowest, below the smallest deal in yen (with nothing to rank
    // among, it would sit in the middle, above it).
    await ingest(db, batch([quiet('/e1', '€5,000')], 's2', 0, false), ctx(NOW + 60_000));
    expect(await score('/e1')).toBeLessThan(await score('/y1'));
  });

  test('a deal read again unchanged is written again only once its last sighting is an hour old', async () => {
    const page = (stage: string, scan: string) => observation([{ key: '/d/1', fields: { name: 'Steady Co', stage, amount: '$5,000' } }], scan);
    const lastSeen = async () => (await db.deals.get('crm.test|/d/1'))?.lastSeen;
    await ingest(db, page('Demo', 's1'), ctx(NOW));
    const first = await db.deals.get('crm.test|/d/1');
    await ingest(db, page('Demo', 's2'), ctx(NOW + 60_000));
    expect(await db.deals.get('crm.test|/d/1')).toEqual(first);
    // Changed: written at once.
    await ingest(db, page('Proposal', 's3'), ctx(NOW + 120_000));
    expect(await db.deals.get('crm.test|/d/1')).toMatchObject({ stage: 'Proposal', lastSeen: NOW + 120_000 });
    await ingest(db, page('Proposal', 's4'), ctx(NOW + 120_000 + 59 * 60_000));
    expect(await lastSeen()).toBe(NOW + 120_000);
    await ingest(db, page('Proposal', 's5'), ctx(NOW + 120_000 + 60 * 60_000));
    expect(await lastSeen()).toBe(NOW + 120_000 + 60 * 60_000);
  });

  test('rows of one name: an untracked key stands alone at each sighting (no change events, nothing carried over); a told-apart key keeps its history', async () => {
    const acme = { name: 'Renewal 2027', stage: 'Proposal', amount: '$50,000', closeDate: 'Dec 20, 2026', lastActivity: 'Nov 25, 2026' };
    const globex = { name: 'Renewal 2027', stage: 'Discovery', amount: '$20,000', closeDate: 'Mar 1, 2027', lastActivity: 'Nov 25, 2026' };
    const told = { name: 'Expansion', stage: 'Demo', amount: '$9,000' };
    await ingest(
      db,
      observation([
        { key: 'Renewal 2027\t1', fields: acme },
        { key: 'Renewal 2027\t2', fields: globex },
        { key: 'Expansion\nInitech', fields: told },
      ]),
      ctx(NOW),
    );
    // Sorted the other way before the next read: each number now holds the other deal.
    await ingest(
      db,
      observation(
        [
          { key: 'Renewal 2027\t1', fields: globex },
          { key: 'Renewal 2027\t2', fields: acme },
          { key: 'Expansion\nInitech', fields: { ...told, amount: '$8,000' } },
        ],
        's2',
      ),
      ctx(NOW + DAY),
    );
    const events = await db.events.toArray();
    expect(events.map((e) => [e.dealId, e.field, e.from, e.to])).toEqual([['crm.test|Expansion\nInitech', 'amount', '9000', '8000']]);
    const deals = await db.deals.orderBy('id').toArray();
    expect(deals.map((d) => [d.key, d.amount, d.firstSeen, d.stageSeenSince])).toEqual([
      ['Expansion\nInitech', 8000, NOW, NOW],
      ['Renewal 2027\t1', 20000, NOW + DAY, NOW + DAY],
      ['Renewal 2027\t2', 50000, NOW + DAY, NOW + DAY],
    ]);
    const fired = (await db.warnings.toArray()).filter((w) => w.status === 'active' && w.dealId?.includes('Renewal')).map((w) => w.ruleId);
    for (const rule of ['amount-dropped', 'close-date-slipped', 'stage-regressed', 'too-good-to-be-true']) expect(fired).not.toContain(rule);
  });

  test('the same deal twice in one batch is stored once', async () => {
    await ingest(db, observation([{ key: 'k', fields: { name: 'A', stage: 'Demo' } }, { key: 'k', fields: { name: 'A', stage: 'Proposal' } }]), ctx(NOW));
    expect(await db.deals.count()).toBe(1);
    expect((await db.deals.toArray())[0]?.stage).toBe('Proposal');
  });
});
