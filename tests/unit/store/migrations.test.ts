import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, test } from 'vitest';
import { Deal, dealRecord, type Warning } from '../../../src/radar/model';
import { openDb, SCHEMA_VERSIONS } from '../../../src/store/db';
import { currentRevision, loadPageView, refreshSummaries } from '../../../src/store/page-view';

/**
 * The migration harness: every schema version that ever shipped is opened with data
 * written by that version, then upgraded by the current code. Add sample data for each
 * new version to SAMPLES.
 */
const V1_SAMPLES: Record<string, unknown[]> = {
    deals: [
      {
        id: 'crm.example|deal:1',
        site: 'crm.example',
        siteId: 'generic',
        key: 'deal:1',
        name: 'Acme',
        stage: 'Proposal',
        shown: ['name', 'stage'],
        flags: [],
        outcome: 'open',
        firstSeen: 1,
        lastSeen: 2,
        stageSeenSince: 1,
      },
    ],
    events: [{ dealId: 'crm.example|deal:1', site: 'crm.example', field: 'stage', from: 'Demo', to: 'Proposal', at: 2 }],
    warnings: [
      {
        id: 'crm.example|deal:1|no-activity',
        site: 'crm.example',
        dealId: 'crm.example|deal:1',
        dealIds: [],
        ruleId: 'no-activity',
        severity: 'warn',
        score: 50,
        facts: ['Last activity 20 days ago'],
        nudge: 'How…',
        fingerprint: 'warn',
        status: 'snoozed',
        snoozeUntil: 99,
        raisedAt: 1,
        updatedAt: 2,
      },
    ],
    tabs: [
      {
        tabId: 7,
        site: 'crm.example',
        pageUrl: 'https://crm.example/deals',
        view: 'list',
        dealIds: ['crm.example|deal:1'],
        scanId: 's',
        done: true,
        seen: 1,
        unreadable: 0,
        updatedAt: 2,
      },
    ],
};

const SAMPLES: Record<number, Record<string, unknown[]>> = {
  1: V1_SAMPLES,
  2: {
    ...V1_SAMPLES,
    meta: [{ key: 'revision', value: 'r1' }],
    summaries: [
      {
        key: 'tab:7',
        tabId: 7,
        revision: 'r1',
        computedAt: 2,
        validUntil: 99,
        total: 0,
        hidden: 1,
        groups: [],
        pipeline: [],
      },
    ],
  },
};

SAMPLES[3] = {
  ...SAMPLES[2],
  // v3 writes every deal with every field of the schema (dealRecord).
  deals: (V1_SAMPLES.deals as Deal[]).map(dealRecord),
};

SAMPLES[4] = SAMPLES[3];
SAMPLES[5] = SAMPLES[4];

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

describe('database migrations', () => {
  const versions = Object.keys(SCHEMA_VERSIONS).map(Number);

  test('every shipped version has sample data', () => {
    for (const v of versions) expect(SAMPLES[v], `samples for v${v}`).toBeDefined();
  });

  test.each(versions)('version %i opens with its data and upgrades to the current schema', async (version) => {
    const name = `migration-v${version}-${Math.random()}`;
    names.push(name);
    const old = new Dexie(name);
    for (const v of versions.filter((x) => x <= version)) old.version(v).stores(SCHEMA_VERSIONS[v as keyof typeof SCHEMA_VERSIONS]);
    await old.open();
    const samples = SAMPLES[version] ?? {};
    for (const [table, rows] of Object.entries(samples)) await old.table(table).bulkAdd(rows);
    old.close();

    const db = openDb(name);
    await db.open();
    expect(db.verno).toBe(Math.max(...versions));
    for (const [table, rows] of Object.entries(samples)) {
      expect(await db.table(table).count(), table).toBe(rows.length);
    }
    // Snoozes survive the upgrade.
    const warning = await db.warnings.get('crm.example|deal:1|no-activity');
    expect(warning?.status).toBe('snoozed');
    expect(warning?.snoozeUntil).toBe(99);
    // The page view reads the old data: in full until the background stored a summary.
    const view = await loadPageView(db, 7, 20, 50);
    expect(view).toMatchObject({ total: 0, hidden: 1 });
    db.close();
  });

  test('the v3 upgrade rewrites deals of any shape in the one shape, keeping every value', async () => {
    const name = `migration-v3-shape-${Math.random()}`;
    names.push(name);
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_VERSIONS[1]);
    old.version(2).stores(SCHEMA_VERSIONS[2]);
    await old.open();
    const sparse = V1_SAMPLES.deals?.[0] as Deal;
    const other = { ...sparse, id: 'crm.example|deal:2', key: 'deal:2', amount: 1200, closeDate: '2026-12-01', contacts: 2 };
    await old.table('deals').bulkAdd([sparse, other]);
    old.close();

    const db = openDb(name);
    await db.open();
    const deals = await db.deals.toArray();
    expect(deals.map((d) => Object.keys(d))).toEqual([Object.keys(Deal.shape), Object.keys(Deal.shape)]);
    expect(deals).toEqual([sparse, other]);
    db.close();
  });

  test('the v4 upgrade rewrites stage-regressed fingerprints in their new form: a dismissal stays dismissed', async () => {
    const name = `migration-v4-fingerprints-${Math.random()}`;
    names.push(name);
    const old = new Dexie(name);
    for (const v of [1, 2, 3] as const) old.version(v).stores(SCHEMA_VERSIONS[v]);
    await old.open();
    const other = (V1_SAMPLES.warnings as Warning[])[0] as Warning;
    const back: Warning = {
      ...other,
      id: 'crm.example|deal:1|stage-regressed',
      ruleId: 'stage-regressed',
      fingerprint: 'back:2|1700000000000',
      status: 'dismissed',
      dismissedFingerprint: 'back:2|1700000000000',
    };
    const { snoozeUntil: _u, ...dismissed } = back;
    await old.table('warnings').bulkAdd([other, dismissed]);
    old.close();

    const db = openDb(name);
    await db.open();
    expect(await db.warnings.get(dismissed.id)).toEqual({
      ...dismissed,
      fingerprint: 'back|1700000000000',
      dismissedFingerprint: 'back|1700000000000',
    });
    // Other rules' warnings are left as they were.
    expect(await db.warnings.get(other.id)).toEqual(other);
    db.close();
  });

  test('the v5 upgrade rewrites stage-bottleneck, close-date-slipped and amount-dropped fingerprints without their counts: a dismissal stays dismissed', async () => {
    const name = `migration-v5-fingerprints-${Math.random()}`;
    names.push(name);
    const old = new Dexie(name);
    for (const v of [1, 2, 3, 4] as const) old.version(v).stores(SCHEMA_VERSIONS[v]);
    await old.open();
    const other = (V1_SAMPLES.warnings as Warning[])[0] as Warning;
    const { snoozeUntil: _u, ...base } = other;
    const bottleneck: Warning = {
      ...base,
      id: 'crm.example|pipeline|stage-bottleneck|proposal',
      dealId: null,
      ruleId: 'stage-bottleneck',
      severity: 'critical',
      fingerprint: 'critical|12',
      status: 'dismissed',
      dismissedFingerprint: 'warn|4',
    };
    // A stage-regressed one already in its v4 form, and an odd fingerprint: left as they are.
    const regressed: Warning = { ...base, id: 'crm.example|deal:1|stage-regressed', ruleId: 'stage-regressed', fingerprint: 'back|1700000000000' };
    const odd: Warning = { ...bottleneck, id: 'crm.example|pipeline|stage-bottleneck|demo', fingerprint: 'warn|many', dismissedFingerprint: 'warn|many' };
    // Close dates that slipped: the fingerprint names the last slip its deal's events hold; a deal
    // whose slips were all pruned keeps the old form (its next scan writes the new one).
    const slipped: Warning = { ...base, id: 'crm.example|deal:1|close-date-slipped', dealId: 'crm.example|deal:1', ruleId: 'close-date-slipped', fingerprint: 'slips:3|warn', status: 'dismissed', dismissedFingerprint: 'slips:3|warn' };
    const unknown: Warning = { ...slipped, id: 'crm.example|deal:9|close-date-slipped', dealId: 'crm.example|deal:9' };
    const closeDate = (from: string, to: string, at: number) => ({ dealId: 'crm.example|deal:1', site: 'crm.example', field: 'closeDate', from, to, at });
    await old.table('events').bulkAdd([closeDate('2026-10-01', '2026-10-09', 1_700_000_000_000), closeDate('2026-10-09', '2026-10-30', 1_700_300_000_000), closeDate('2026-10-30', '2026-10-20', 1_700_600_000_000)]);
    // An amount cut: the fingerprint names the last cut.
    const dropped: Warning = { ...slipped, id: 'crm.example|deal:1|amount-dropped', ruleId: 'amount-dropped', fingerprint: 'critical|5', dismissedFingerprint: 'warn|2' };
    const amount = (from: string, to: string, at: number) => ({ dealId: 'crm.example|deal:1', site: 'crm.example', field: 'amount', from, to, at });
    await old.table('events').bulkAdd([amount('1000', '900', 1_700_100_000_000), amount('900', '400', 1_700_200_000_000), amount('400', '450', 1_700_400_000_000)]);
    // A drop with no cut on record (the amount went through an empty cell): dated by the peak, as the rule has it.
    const uncut: Warning = { ...dropped, id: 'crm.example|deal:2|amount-dropped', dealId: 'crm.example|deal:2', fingerprint: 'warn|3', dismissedFingerprint: 'warn|3' };
    // The peak is the first event's `to`, though its `from` is not a number.
    await old.table('events').bulkAdd([
      { dealId: 'crm.example|deal:2', site: 'crm.example', field: 'amount', from: 'n/a', to: '1200', at: 1_700_050_000_000 },
      { dealId: 'crm.example|deal:2', site: 'crm.example', field: 'amount', from: '500', to: '900', at: 1_700_060_000_000 },
    ]);
    await old.table('warnings').bulkAdd([other, bottleneck, regressed, odd, slipped, unknown, dropped, uncut]);
    old.close();

    const db = openDb(name);
    await db.open();
    expect(await db.warnings.get(slipped.id)).toEqual({ ...slipped, fingerprint: 'slip|1700300000000|warn', dismissedFingerprint: 'slip|1700300000000|warn' });
    expect(await db.warnings.get(unknown.id)).toEqual(unknown);
    expect(await db.warnings.get(dropped.id)).toEqual({ ...dropped, fingerprint: 'cut|1700200000000|critical', dismissedFingerprint: 'cut|1700200000000|warn' });
    expect(await db.warnings.get(uncut.id)).toEqual({ ...uncut, fingerprint: 'cut|1700050000000|warn', dismissedFingerprint: 'cut|1700050000000|warn' });
    expect(await db.warnings.get(bottleneck.id)).toEqual({ ...bottleneck, fingerprint: 'critical', dismissedFingerprint: 'warn' });
    expect(await db.warnings.get(regressed.id)).toEqual(regressed);
    expect(await db.warnings.get(odd.id)).toEqual(odd);
    expect(await db.warnings.get(other.id)).toEqual(other);
    db.close();
  });

  test('a v1 database gains the revision and the page summaries on its first write', async () => {
    const name = `migration-v1-summaries-${Math.random()}`;
    names.push(name);
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_VERSIONS[1]);
    await old.open();
    for (const [table, rows] of Object.entries(V1_SAMPLES)) await old.table(table).bulkAdd(rows);
    old.close();

    const db = openDb(name);
    await db.open();
    // The v3 upgrade rewrote the deals, a write like any other: a revision, but no summary yet.
    expect(await currentRevision(db)).not.toBe('');
    expect(await db.summaries.count()).toBe(0);
    expect((await loadPageView(db, 7, 20, 50)).source).toBe('read');
    // The background's first refresh stores the summary; the popup then reads it.
    expect(await refreshSummaries(db, 50)).toBe(1);
    const view = await loadPageView(db, 7, 20, 50);
    expect(view).toMatchObject({ source: 'summary', total: 0, hidden: 1 });
    // Any write of warnings makes a new revision: the summary no longer holds.
    const before = await currentRevision(db);
    await db.warnings.update('crm.example|deal:1|no-activity', { status: 'active' });
    expect(await currentRevision(db)).not.toBe(before);
    expect(await loadPageView(db, 7, 20, 50)).toMatchObject({ source: 'read', total: 1, hidden: 0 });
    db.close();
  });
});
