import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, test } from 'vitest';
import { BOOT_DB, type Boot, bootRead, bootTabId } from '../../../src/popup/boot';
import { seedFromBoot } from '../../../src/popup/page-seed';
import { CURRENT_VERSION, DB_NAME, openDb, SCHEMA_VERSIONS } from '../../../src/store/db';
import { currentRevision, loadPageView, refreshSummaries, summaryKey } from '../../../src/store/page-view';
import { REVISION_KEY } from '../../../src/store/revision';
import { deal, NOW, SITE, warning } from '../ui/fixtures';

/*
 * The popup's boot script imports nothing (it must run before the popup's modules load), so it
 * repeats a few names of the store: these tests keep them equal, and check what it reads.
 */

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

const tab = {
  tabId: 7,
  site: SITE,
  pageUrl: `https://${SITE}/deals`,
  view: 'list' as const,
  dealIds: [`${SITE}|a`, `${SITE}|b`],
  scanId: 's',
  done: true,
  seen: 2,
  unreadable: 0,
  updatedAt: NOW,
};

async function seedDb(): Promise<void> {
  const db = openDb();
  await db.open();
  await db.deals.bulkPut([deal('a'), deal('b')]);
  await db.warnings.bulkPut([warning(`${SITE}|a`, 'aging', { score: 70 }), warning(`${SITE}|b`, 'aging', { score: 20 })]);
  await db.tabs.put(tab);
  db.close();
}

describe('the popup’s boot script', () => {
  test('names the database, schema version and records as the store does', () => {
    expect(BOOT_DB.name).toBe(DB_NAME);
    expect(BOOT_DB.version).toBe(CURRENT_VERSION);
    expect(BOOT_DB.revisionKey).toBe(REVISION_KEY);
    expect(summaryKey(7)).toBe('tab:7');
    for (const table of ['meta', 'tabs', 'summaries']) expect(SCHEMA_VERSIONS[CURRENT_VERSION as 2]).toHaveProperty(table);
  });

  test('finds the tab: `?tab=`, else the active tab in the toolbar popup, never in the dashboard', async () => {
    const api = { tabs: { query: async () => [{ id: 42 }] } };
    expect(await bootTabId('?tab=7', api)).toBe(7);
    expect(await bootTabId('?tab=x', api)).toBeUndefined();
    expect(await bootTabId('', api)).toBe(42);
    expect(await bootTabId('?mode=dashboard', api)).toBeUndefined();
    expect(await bootTabId('', undefined)).toBeUndefined();
  });

  test('reads the tab, its summary and the revision; the popup shows what a full read shows', async () => {
    await seedDb();
    const db = openDb();
    await db.open();
    await refreshSummaries(db, NOW);
    const full = await loadPageView(db, 7, 20, NOW);
    const revision = await currentRevision(db);
    db.close();

    const read = await bootRead(indexedDB, 7);
    expect(read).toMatchObject({ tabId: 7, tab, revision });
    const seed = seedFromBoot({ tabId: 7, read }, 7, 20, NOW);
    expect(seed?.revision).toBe(revision);
    expect(seed?.view).toEqual(full);
    // Not for another tab.
    expect(seedFromBoot({ tabId: 7, read }, 8, 20, NOW)).toBeNull();
  });

  test('a summary that no longer holds is not used; a tab without a record is "not watched"', async () => {
    await seedDb();
    const db = openDb();
    await db.open();
    await refreshSummaries(db, NOW);
    await db.warnings.update(`${SITE}|b|aging`, { score: 90 });
    db.close();
    const stale: Boot = { tabId: 7, read: await bootRead(indexedDB, 7) };
    expect(seedFromBoot(stale, 7, 20, NOW)).toBeNull();

    const none: Boot = { tabId: 404, read: await bootRead(indexedDB, 404) };
    expect(seedFromBoot(none, 404, 20, NOW)?.view).toEqual({
      tab: undefined,
      groups: [],
      total: 0,
      pipeline: [],
      hidden: 0,
      source: 'read',
    });
  });

  test('creates no database, and reads nothing from another schema version', async () => {
    expect(await bootRead(indexedDB, 7)).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(DB_NAME);

    const old = new Dexie(DB_NAME);
    old.version(1).stores(SCHEMA_VERSIONS[1]);
    await old.open();
    await old.table('tabs').put(tab);
    old.close();
    expect(await bootRead(indexedDB, 7)).toBeNull();
  });
});
