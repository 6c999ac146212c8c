import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, expect, test } from 'vitest';
import { defaultSettings } from '../../../src/settings/schema';
import { openDb, type RadarDB } from '../../../src/store/db';
import { findImport, MAX_RECEIPTS } from '../../../src/store/import-receipts';
import { countAll, type ExportData, exportAll, parseImport, replaceAllData } from '../../../src/store/transfer';
import { deal, NOW, warning } from '../ui/fixtures';

const dbs: RadarDB[] = [];
async function freshDb(): Promise<RadarDB> {
  const db = openDb(`receipts-${Math.random()}`);
  await db.open();
  dbs.push(db);
  return db;
}

afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

/** The data of an export file with `n` deals (each with a warning), read back as an import reads it. */
async function fileData(n: number): Promise<ExportData> {
  const source = await freshDb();
  const deals = Array.from({ length: n }, (_, i) => deal(`/deals/${i}`));
  await source.deals.bulkPut(deals);
  await source.warnings.bulkPut(deals.map((d) => warning(d.id, 'no-activity')));
  const parsed = parseImport(JSON.stringify(await exportAll(source, defaultSettings(), NOW)));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
  return parsed.data;
}

test('an import keeps a receipt with its id, time and counts; another id finds nothing', async () => {
  const target = await freshDb();
  const data = await fileData(3);
  await replaceAllData(target, data, undefined, { id: 'import-1', at: NOW });
  expect(await findImport(target, 'import-1')).toEqual({
    id: 'import-1',
    at: NOW,
    counts: { deals: 3, events: 0, warnings: 3, daily: 0, sites: 0 },
  });
  expect(await countAll(target)).toMatchObject({ deals: 3, warnings: 3 });
  expect(await findImport(target, 'import-2')).toBeNull();
});

test('a write that fails half-way leaves no receipt, and the receipts of earlier imports stay', async () => {
  const target = await freshDb();
  const good = await fileData(2);
  await replaceAllData(target, good, undefined, { id: 'good', at: NOW });
  // Two deals with one id get past no schema, but the database refuses the second add.
  const broken = { ...good, deals: [good.deals[0], good.deals[0]] } as ExportData;
  await expect(replaceAllData(target, broken, undefined, { id: 'broken', at: NOW + 1 })).rejects.toThrow();
  expect(await findImport(target, 'broken')).toBeNull();
  expect(await findImport(target, 'good')).toMatchObject({ id: 'good', counts: { deals: 2 } });
  expect(await countAll(target)).toMatchObject({ deals: 2, warnings: 2 });
});

test('the receipt is written in the same transaction as the data: when it cannot be written, the data stays as it was', async () => {
  const target = await freshDb();
  await replaceAllData(target, await fileData(1));
  const refuse = (_key: unknown, record: { key: string }) => {
    if (record.key === 'imports') throw new Error('no room for the receipt');
  };
  target.meta.hook('creating', refuse);
  await expect(replaceAllData(target, await fileData(4), undefined, { id: 'lost', at: NOW })).rejects.toThrow(/no room/);
  target.meta.hook('creating').unsubscribe(refuse);
  expect(await countAll(target)).toMatchObject({ deals: 1, warnings: 1 });
  expect(await findImport(target, 'lost')).toBeNull();
});

test('the newest receipts are kept; a stored list that does not read as receipts counts as none', async () => {
  const target = await freshDb();
  const data = await fileData(1);
  for (let i = 0; i <= MAX_RECEIPTS; i++) await replaceAllData(target, data, undefined, { id: `import-${i}`, at: NOW + i });
  expect(await findImport(target, 'import-0')).toBeNull();
  expect(await findImport(target, 'import-1')).toMatchObject({ at: NOW + 1 });
  expect(await findImport(target, `import-${MAX_RECEIPTS}`)).toMatchObject({ at: NOW + MAX_RECEIPTS });

  await target.meta.put({ key: 'imports', value: '[{"id":"import-1","at":"yesterday"}]' });
  expect(await findImport(target, 'import-1')).toBeNull();
  await replaceAllData(target, data, undefined, { id: 'after', at: NOW });
  expect(await findImport(target, 'after')).toMatchObject({ id: 'after' });
});
