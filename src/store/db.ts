import { Dexie, type EntityTable, type Table } from 'dexie';
import { type ChangeEvent, type Deal, dealRecord, type Warning } from '../radar/model';
import type { DailyCount, MetaRecord, PageSummary, SiteRecord, TabRecord } from './records';
import { revisionMiddleware } from './revision';
import { currentWarning, lastChanges } from './upgrade-warnings';

export const DB_NAME = 'deal-radar';

/**
 * v2: `meta` holds the data's revision (a new one with every write of warnings, deals or tabs:
 * src/store/revision.ts); `summaries` holds each tab's page view as the background last
 * computed it for that revision, so the popup's first view reads one record, not every warning.
 */
const V2_STORES = {
  deals: 'id, site, lastSeen',
  events: '++id, dealId, site, at',
  warnings: 'id, site, dealId, status, snoozeUntil',
  daily: '[site+day], day',
  sites: 'site',
  tabs: 'tabId, site',
  meta: 'key',
  summaries: 'key, [revision+validUntil]',
} as const;

/**
 * The schema, one `version()` per schema that ever shipped. Never edit a shipped
 * version: add the next one with an `upgrade()` and a test in tests/unit/store/migrations.test.ts.
 */
export const SCHEMA_VERSIONS = {
  1: {
    deals: 'id, site, lastSeen',
    events: '++id, dealId, site, at',
    warnings: 'id, site, dealId, status, snoozeUntil',
    daily: '[site+day], day',
    sites: 'site',
    tabs: 'tabId, site',
  },
  2: V2_STORES,
  /**
   * v3: the same tables and indexes as v2. The upgrade rewrites every deal in the one shape the
   * store now writes (dealRecord in src/radar/model.ts): a deal not seen again would otherwise
   * keep the shape of the fields it happened to have, and one such shape per mix of fields
   * makes the rules read every deal the slow way.
   */
  3: V2_STORES,
  /**
   * v4: the same tables and indexes. The upgrade rewrites stage-regressed fingerprints in their
   * new form (src/store/upgrade-warnings.ts), so dismissals of those warnings outlast the update.
   */
  4: V2_STORES,
  /**
   * v5: the same tables and indexes. The upgrade rewrites stage-bottleneck, close-date-slipped and
   * amount-dropped fingerprints in their new form (src/store/upgrade-warnings.ts), as v4 did for stage-regressed.
   */
  5: V2_STORES,
} as const;

export type RadarDB = Dexie & {
  deals: EntityTable<Deal, 'id'>;
  events: EntityTable<ChangeEvent, 'id'>;
  warnings: EntityTable<Warning, 'id'>;
  daily: EntityTable<DailyCount>;
  sites: EntityTable<SiteRecord, 'site'>;
  tabs: EntityTable<TabRecord, 'tabId'>;
  meta: EntityTable<MetaRecord, 'key'>;
  summaries: EntityTable<PageSummary, 'key'>;
};

/** The newest schema this code knows. */
export const CURRENT_VERSION = Math.max(...Object.keys(SCHEMA_VERSIONS).map(Number));

/** Raised when the database was written by a newer Deal Radar (a downgrade). */
export class NewerDatabaseError extends Error {
  override name = 'VersionError';
}

export function openDb(name = DB_NAME): RadarDB {
  const db = new Dexie(name) as RadarDB;
  db.version(1).stores(SCHEMA_VERSIONS[1]);
  // Two new tables, no data to change: the background writes the summaries after the upgrade.
  db.version(2).stores(SCHEMA_VERSIONS[2]);
  db.version(3)
    .stores(SCHEMA_VERSIONS[3])
    .upgrade((tx) =>
      tx
        .table<Deal, string>('deals')
        .toCollection()
        .modify((deal, ref) => {
          ref.value = dealRecord(deal);
        }),
    );
  db.version(4)
    .stores(SCHEMA_VERSIONS[4])
    .upgrade((tx) =>
      tx
        .table<Warning, string>('warnings')
        .filter((w) => w.ruleId === 'stage-regressed')
        .modify((w, ref) => {
          ref.value = currentWarning(w);
        }),
    );
  db.version(5)
    .stores(SCHEMA_VERSIONS[5])
    .upgrade(async (tx) => {
      const warnings = tx.table<Warning, string>('warnings');
      const rules = new Set(['stage-bottleneck', 'close-date-slipped', 'amount-dropped']);
      // The last slip and cut of each deal with such a warning, from its change events.
      const dated = await warnings.filter((w) => w.ruleId === 'close-date-slipped' || w.ruleId === 'amount-dropped').toArray();
      const deals = new Set(dated.map((w) => w.dealId));
      const events = tx.table<ChangeEvent, number>('events');
      const last = dated.length === 0 ? undefined : lastChanges(await events.filter((e) => deals.has(e.dealId)).toArray());
      await warnings
        .filter((w) => rules.has(w.ruleId))
        .modify((w, ref) => {
          ref.value = currentWarning(w, last);
        });
    });
  db.use(revisionMiddleware);
  // Dexie 4 opens a database of a higher version with the schema it finds; a downgraded Deal
  // Radar must not read or write data it does not understand, so it refuses (and deletes nothing).
  db.on('ready', () => {
    // Dexie stores version n as IndexedDB version 10·n; `verno` keeps our own number.
    const stored = db.backendDB().version / 10;
    if (stored > CURRENT_VERSION) {
      throw new NewerDatabaseError(`database version ${stored} is newer than ${CURRENT_VERSION}`);
    }
  });
  return db;
}

let shared: RadarDB | undefined;
/** The database of this extension context (background, popup, options share it by origin). */
export function radarDb(): RadarDB {
  shared ??= openDb();
  return shared;
}

/**
 * What to tell the user when the database cannot be opened. A database written by a newer
 * Deal Radar (after a downgrade) is refused, not emptied: Dexie raises a VersionError and
 * leaves the data as it is, so updating Deal Radar again brings everything back.
 */
export function describeOpenError(error: unknown): { code: 'newer' | 'other'; message: string } {
  const name = (error as { name?: unknown })?.name;
  const inner = (error as { inner?: { name?: unknown } })?.inner?.name;
  if (name === 'VersionError' || inner === 'VersionError') {
    return {
      code: 'newer',
      message: 'Your Deal Radar data was saved by a newer version of Deal Radar. Update Deal Radar to see it; nothing was deleted.',
    };
  }
  return { code: 'other', message: `Deal Radar could not open its data: ${error instanceof Error ? error.message : String(error)}` };
}

/**
 * The rows of `table` whose `index` equals any of `keys`: one getAll per key, all sent at once.
 * Not Dexie's anyOf(), which walks one cursor from key to key and waits for each step in turn:
 * in Chromium, reading the warnings and events of a 500-deal batch that way took about 200 ms.
 */
export async function rowsWithAny<T, K, I>(
  table: Table<T, K, I>,
  index: string,
  keys: Iterable<string>,
): Promise<T[]> {
  const lists = await Promise.all([...new Set(keys)].map((key) => table.where(index).equals(key).toArray()));
  return lists.flat();
}

/**
 * Deletes deals with their warnings and change events; inside a transaction over `deals`,
 * `warnings` and `events`. Returns how many warnings and events went with them.
 */
export async function deleteDeals(db: RadarDB, ids: readonly string[]): Promise<{ warnings: number; events: number }> {
  if (ids.length === 0) return { warnings: 0, events: 0 };
  await db.deals.bulkDelete([...ids]);
  const warnings = await db.warnings.where('dealId').anyOf(ids).delete();
  const events = await db.events.where('dealId').anyOf(ids).delete();
  return { warnings, events };
}
