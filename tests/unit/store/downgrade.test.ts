import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { expect, test } from 'vitest';
import { describeOpenError, openDb, SCHEMA_VERSIONS } from '../../../src/store/db';

test('a database from a newer Deal Radar is refused with a clear message and keeps its data', async () => {
  const name = `downgrade-${Math.random()}`;
  const current = Math.max(...Object.keys(SCHEMA_VERSIONS).map(Number));
  // A future version wrote this database, with one more table.
  const newer = new Dexie(name);
  newer.version(current + 1).stores({ ...SCHEMA_VERSIONS[current as keyof typeof SCHEMA_VERSIONS], future: 'id' });
  await newer.open();
  await newer.table('deals').add({ id: 's|d', site: 's', name: 'Kept' });
  newer.close();

  const db = openDb(name);
  const error = await db.open().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).not.toBeNull();
  expect(describeOpenError(error)).toMatchObject({ code: 'newer', message: expect.stringContaining('newer version') });
  db.close();

  // Nothing was lost: the newer version still finds its data.
  const again = new Dexie(name);
  again.version(current + 1).stores({ ...SCHEMA_VERSIONS[current as keyof typeof SCHEMA_VERSIONS], future: 'id' });
  await again.open();
  expect(await again.table('deals').count()).toBe(1);
  again.close();
  await Dexie.delete(name);
});
