import { Dexie, type EntityTable } from 'dexie';
import type { ChangeEvent, Deal, Warning } from '../radar/model';
import type { DailyCount, SiteRecord, TabRecord } from './records';

export const DB_NAME = 'deal-radar';

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
} as const;

export type RadarDB = Dexie & {
  deals: EntityTable<Deal, 'id'>;
  events: EntityTable<ChangeEvent, 'id'>;
  warnings: EntityTable<Warning, 'id'>;
  daily: EntityTable<DailyCount>;
  sites: EntityTable<SiteRecord, 'site'>;
  tabs: EntityTable<TabRecord, 'tabId'>;
};

export function openDb(name = DB_NAME): RadarDB {
  const db = new Dexie(name) as RadarDB;
  db.version(1).stores(SCHEMA_VERSIONS[1]);
  return db;
}

let shared: RadarDB | undefined;
/** The database of this extension context (background, popup, options share it by origin). */
export function radarDb(): RadarDB {
  shared ??= openDb();
  return shared;
}
