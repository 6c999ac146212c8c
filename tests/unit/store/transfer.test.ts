import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Observation } from '../../../src/messages/schemas';
import { dayOf } from '../../../src/radar/days';
import { Deal } from '../../../src/radar/model';
import { dismiss } from '../../../src/radar/lifecycle';
import { defaultSettings, SETTINGS_VERSION, type Settings } from '../../../src/settings/schema';
import { siteById } from '../../../src/sites/registry';
import { openDb, type RadarDB } from '../../../src/store/db';
import { ingest } from '../../../src/store/ingest';
import { refreshSummaries } from '../../../src/store/page-view';
import {
  clearAllData,
  countAll,
  EXPORT_VERSION,
  type ExportFile,
  exportAll,
  exportFileName,
  MAX_IMPORT_CHARS,
  parseImport,
  replaceAllData,
} from '../../../src/store/transfer';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const DAY = 86_400_000;
const generic = siteById('generic');
if (!generic) throw new Error('generic profile missing');

function observation(deals: Observation['deals'], scan: string): Observation {
  return { siteId: 'generic', pageUrl: 'http://crm.test/deals', locale: 'en-US', view: 'list', deals, scan: { id: scan, batch: 0, done: true, seen: deals.length } };
}

const dbs: RadarDB[] = [];
async function freshDb(): Promise<RadarDB> {
  const db = openDb(`transfer-${Math.random()}`);
  await db.open();
  dbs.push(db);
  return db;
}

/** A database with deals, change events, warnings (one dismissed), daily counts and a site. */
async function filledDb(): Promise<RadarDB> {
  const db = await freshDb();
  const ctx = (now: number) => ({ tabId: 1, profile: generic as NonNullable<typeof generic>, settings: defaultSettings(), now, today: dayOf(now, 'UTC'), timeZone: 'UTC' });
  await ingest(
    db,
    observation(
      [
        { key: '/deals/1', url: 'http://crm.test/deals/1', fields: { name: 'Quiet Co', stage: 'Demo', amount: '$10,000', closeDate: 'Dec 20, 2026', lastActivity: 'Oct 1, 2026' } },
        { key: '/deals/2', url: 'http://crm.test/deals/2', fields: { name: 'Busy Co', stage: 'Proposal', amount: '$5,000', lastActivity: 'Yesterday' } },
      ],
      's1',
    ),
    ctx(NOW - 3 * DAY),
  );
  await ingest(
    db,
    observation(
      [
        { key: '/deals/1', url: 'http://crm.test/deals/1', fields: { name: 'Quiet Co', stage: 'Proposal', amount: '$8,000', closeDate: 'Jan 20, 2027', lastActivity: 'Oct 1, 2026' } },
        { key: '/deals/2', url: 'http://crm.test/deals/2', fields: { name: 'Busy Co', stage: 'Proposal', amount: '$5,000', lastActivity: 'Yesterday' } },
      ],
      's2',
    ),
    ctx(NOW),
  );
  const first = await db.warnings.toCollection().first();
  if (first) await db.warnings.put(dismiss(first, NOW));
  return db;
}

async function everything(db: RadarDB) {
  return {
    deals: await db.deals.orderBy('id').toArray(),
    events: await db.events.orderBy('id').toArray(),
    warnings: await db.warnings.orderBy('id').toArray(),
    daily: await db.daily.toArray(),
    sites: await db.sites.toArray(),
  };
}

function changedSettings(): Settings {
  const s = defaultSettings();
  const own = s.radar.rules['no-activity'];
  if (!own) throw new Error('missing rule');
  return { ...s, markers: false, radar: { ...s.radar, rules: { ...s.radar.rules, 'no-activity': { ...own, thresholds: { ...own.thresholds, days: 40 } } } } };
}

afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

describe('export and import round trip', () => {
  let source: RadarDB;
  let file: ExportFile;
  beforeEach(async () => {
    source = await filledDb();
    file = await exportAll(source, changedSettings(), NOW);
  });

  test('the export has the documented shape', () => {
    expect(file).toMatchObject({ format: 'deal-radar', version: EXPORT_VERSION, exportedAt: '2026-11-27T12:00:00.000Z' });
    expect(Object.keys(file.data).sort()).toEqual(['daily', 'deals', 'events', 'sites', 'warnings']);
    expect(file.data.deals.length).toBe(2);
    expect(file.data.events.length).toBeGreaterThan(0);
    expect(file.data.warnings.some((w) => w.status === 'dismissed')).toBe(true);
    expect(exportFileName(NOW)).toBe('deal-radar-2026-11-27.json');
  });

  test('importing the JSON text restores data and settings exactly', async () => {
    const parsed = parseImport(JSON.stringify(file));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    expect(parsed.settings).toEqual(changedSettings());
    const target = await freshDb();
    await replaceAllData(target, parsed.data);
    expect(await everything(target)).toEqual(await everything(source));
  });

  test('imported deals are stored in one shape, every field of the schema in its order, whatever the file left out', async () => {
    const parsed = parseImport(JSON.stringify(file));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    // JSON has no undefined: the file's deals lack the fields they have no value for.
    expect(parsed.data.deals.some((d) => Object.keys(d).length < Object.keys(Deal.shape).length)).toBe(true);
    const target = await freshDb();
    await replaceAllData(target, parsed.data);
    const stored = await target.deals.toArray();
    expect(stored.length).toBe(2);
    for (const deal of stored) expect(Object.keys(deal)).toEqual(Object.keys(Deal.shape));
  });

  test('an older export: its stage-regressed fingerprints are read in their new form, so a dismissal stays dismissed', async () => {
    const base = file.data.warnings[0];
    if (!base) throw new Error('no warning in the export');
    const older = {
      ...base,
      id: `${base.dealId}|stage-regressed`,
      ruleId: 'stage-regressed',
      status: 'dismissed' as const,
      fingerprint: 'back:1|1700000000000',
      dismissedFingerprint: 'back:1|1700000000000',
    };
    const parsed = parseImport(JSON.stringify({ ...file, data: { ...file.data, warnings: [...file.data.warnings, older] } }));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    const target = await freshDb();
    await replaceAllData(target, parsed.data);
    expect(await target.warnings.get(older.id)).toMatchObject({
      status: 'dismissed',
      fingerprint: 'back|1700000000000',
      dismissedFingerprint: 'back|1700000000000',
    });
  });

  test("an older export: close-date-slipped and amount-dropped fingerprints name the deal's last slip and cut from its events, so a dismissal stays dismissed", async () => {
    const base = file.data.warnings[0];
    const event = file.data.events[0];
    if (!base?.dealId || !event) throw new Error('no warning or event in the export');
    const dealId = base.dealId;
    const slips = [
      { ...event, id: 9001, dealId, field: 'closeDate' as const, from: '2026-10-01', to: '2026-10-20', at: 1_800_000_000_000 },
      { ...event, id: 9002, dealId, field: 'closeDate' as const, from: '2026-10-20', to: '2026-11-05', at: 1_800_500_000_000 },
      // Pulled in: not a slip.
      { ...event, id: 9003, dealId, field: 'closeDate' as const, from: '2026-11-05', to: '2026-11-01', at: 1_800_900_000_000 },
      // A cut, then a raise.
      { ...event, id: 9004, dealId, field: 'amount' as const, from: '50000', to: '30000', at: 1_800_600_000_000 },
      { ...event, id: 9005, dealId, field: 'amount' as const, from: '30000', to: '35000', at: 1_800_700_000_000 },
    ];
    const older = {
      ...base,
      id: `${dealId}|close-date-slipped`,
      ruleId: 'close-date-slipped',
      status: 'dismissed' as const,
      // The export's own slip, then the two above: the third slip is the last, the second before it.
      fingerprint: 'slips:3|critical',
      dismissedFingerprint: 'slips:2|warn',
    };
    const cut = { ...older, id: `${dealId}|amount-dropped`, ruleId: 'amount-dropped', fingerprint: 'warn|3', dismissedFingerprint: 'warn|3' };
    const warnings = [...file.data.warnings.filter((w) => w.id !== older.id && w.id !== cut.id), older, cut];
    const data = { ...file.data, events: [...file.data.events, ...slips], warnings };
    const parsed = parseImport(JSON.stringify({ ...file, data }));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    const target = await freshDb();
    await replaceAllData(target, parsed.data);
    expect(await target.warnings.get(older.id)).toMatchObject({
      status: 'dismissed',
      fingerprint: 'slip|1800500000000|critical',
      dismissedFingerprint: 'slip|1800000000000|warn',
    });
    expect(await target.warnings.get(cut.id)).toMatchObject({ fingerprint: 'cut|1800600000000|warn', dismissedFingerprint: 'cut|1800600000000|warn' });
  });

  test('import replaces what was there before', async () => {
    const target = await freshDb();
    await target.deals.put({ ...file.data.deals[0], id: 'other|x', key: 'x', name: 'Old deal' } as ExportFile['data']['deals'][number]);
    const parsed = parseImport(file);
    if (!parsed.ok) throw new Error('refused');
    expect(await replaceAllData(target, parsed.data)).toEqual({ deals: 2, events: file.data.events.length, warnings: file.data.warnings.length, daily: file.data.daily.length, sites: 1 });
    expect((await target.deals.toArray()).map((d) => d.name).sort()).toEqual(['Busy Co', 'Quiet Co']);
  });

  test('a write that fails half-way changes nothing (one transaction)', async () => {
    const target = await filledDb();
    const before = await everything(target);
    // Two deals with one id get past no schema, but the database refuses the second add.
    const broken = { ...file.data, deals: [file.data.deals[0], file.data.deals[0]] } as ExportFile['data'];
    await expect(replaceAllData(target, broken)).rejects.toThrow();
    expect(await everything(target)).toEqual(before);
  });

  test('clear all data empties every table, tabs and the page summaries too', async () => {
    await source.tabs.put({ tabId: 4, site: 'crm.test', pageUrl: 'http://crm.test/deals', view: 'list', dealIds: [], scanId: 's', done: true, seen: 0, unreadable: 0, updatedAt: NOW });
    await refreshSummaries(source, NOW);
    expect(await source.summaries.count()).toBeGreaterThan(0);
    await clearAllData(source);
    expect(await countAll(source)).toEqual({ deals: 0, events: 0, warnings: 0, daily: 0, sites: 0 });
    expect(await source.tabs.count()).toBe(0);
    expect(await source.summaries.count()).toBe(0);
  });
});

describe('a bad file is refused with what is wrong', () => {
  let good: ExportFile;
  beforeEach(async () => {
    good = await exportAll(await filledDb(), defaultSettings(), NOW);
  });
  const mutate = (change: (f: Record<string, unknown>) => void): string => {
    const copy = structuredClone(good) as unknown as Record<string, unknown>;
    change(copy);
    return JSON.stringify(copy);
  };
  const data = (f: Record<string, unknown>) => f.data as Record<string, Array<Record<string, unknown>>>;
  const first = (f: Record<string, unknown>, table: string) => data(f)[table]?.[0] as Record<string, unknown>;

  test.each<[string, () => unknown, Record<string, unknown>]>([
    ['not JSON', () => '{"format": "deal-radar", ', { code: 'not-json' }],
    ['an empty file', () => '', { code: 'not-json' }],
    ['JSON but not an object', () => '[1, 2, 3]', { code: 'not-an-export' }],
    ['another program’s JSON', () => '{"name": "backup", "items": []}', { code: 'not-an-export' }],
    ['a wrong format name', () => mutate((f) => { f.format = 'deal-radar-2'; }), { code: 'not-an-export', detail: 'format is "deal-radar-2"' }],
    ['no version', () => mutate((f) => { delete f.version; }), { code: 'bad-version' }],
    ['a version that is text', () => mutate((f) => { f.version = '1'; }), { code: 'bad-version' }],
    ['version 0', () => mutate((f) => { f.version = 0; }), { code: 'bad-version' }],
    ['a newer export version', () => mutate((f) => { f.version = EXPORT_VERSION + 1; }), { code: 'newer-export' }],
    ['settings of a newer version', () => mutate((f) => { f.settings = { version: SETTINGS_VERSION + 1 }; }), { code: 'newer-settings', path: 'settings.version' }],
    ['settings that are not an object', () => mutate((f) => { f.settings = 'all on'; }), { code: 'invalid', path: 'settings' }],
    ['no data', () => mutate((f) => { delete f.data; }), { code: 'invalid', path: 'data' }],
    ['a table missing', () => mutate((f) => { delete data(f).events; }), { code: 'invalid', path: 'data.events' }],
    ['a deal with a bad close date', () => mutate((f) => { data(f).deals?.push({ ...first(f, 'deals'), id: 'z', closeDate: '20 Dec 2026' }); }), { code: 'invalid', path: 'data.deals[2].closeDate' }],
    ['a deal without an id', () => mutate((f) => { delete first(f, 'deals').id; }), { code: 'invalid', path: 'data.deals[0].id' }],
    ['a deal whose amount is text', () => mutate((f) => { first(f, 'deals').amount = '$10,000'; }), { code: 'invalid', path: 'data.deals[0].amount' }],
    ['a warning with an unknown status', () => mutate((f) => { first(f, 'warnings').status = 'ignored'; }), { code: 'invalid', path: 'data.warnings[0].status' }],
    ['an event of an unknown field', () => mutate((f) => { first(f, 'events').field = 'color'; }), { code: 'invalid', path: 'data.events[0].field' }],
    ['a daily count below zero', () => mutate((f) => { first(f, 'daily').active = -1; }), { code: 'invalid', path: 'data.daily[0].active' }],
    ['the same deal twice', () => mutate((f) => { data(f).deals?.push(first(f, 'deals')); }), { code: 'duplicate', path: 'data.deals[2]' }],
    ['the same site twice', () => mutate((f) => { data(f).sites?.push(first(f, 'sites')); }), { code: 'duplicate', path: 'data.sites[1]' }],
  ])('%s', (_name, make, expected) => {
    const result = parseImport(make());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toMatchObject(expected);
      if (result.problem.code === 'invalid') expect(result.problem.detail).toBeTruthy();
    }
  });

  test('a huge file is refused before it is parsed', () => {
    const huge = `{"format":"deal-radar","version":1,"padding":"${'x'.repeat(MAX_IMPORT_CHARS)}"}`;
    const result = parseImport(huge);
    expect(result).toMatchObject({ ok: false, problem: { code: 'too-large' } });
  });

  test('settings with a bad field are repaired, not refused (as stored settings are)', () => {
    const result = parseImport(mutate((f) => { f.settings = { version: 1, markers: 'maybe', retentionDays: 30 }; }));
    expect(result.ok).toBe(true);
    if (result.ok) expect([result.settings.markers, result.settings.retentionDays]).toEqual([true, 30]);
  });

  test('unknown extra keys in records are dropped, not stored', () => {
    const result = parseImport(mutate((f) => { first(f, 'deals').secret = '<script>'; }));
    expect(result.ok).toBe(true);
    if (result.ok) expect('secret' in (result.data.deals[0] ?? {})).toBe(false);
  });
});
