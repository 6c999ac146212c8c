import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, test } from 'vitest';
import { openDb, SCHEMA_VERSIONS } from '../../../src/store/db';

/**
 * The migration harness: every schema version that ever shipped is opened with data
 * written by that version, then upgraded by the current code. Add sample data for each
 * new version to SAMPLES.
 */
const SAMPLES: Record<number, Record<string, unknown[]>> = {
  1: {
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
  },
};

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
    db.close();
  });
});
