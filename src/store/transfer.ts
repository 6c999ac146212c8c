import { z } from 'zod';
import { ChangeEvent, Deal, dealRecord, Warning } from '../radar/model';
import { migrateSettings, SettingsFromNewerVersion } from '../settings/migrations';
import { repairSettings, type Settings } from '../settings/schema';
import type { RadarDB } from './db';
import { recordImport } from './import-receipts';
import { DailyCount, SiteRecord } from './records';
import { type UnfinishedJob, unfinishedRecord } from './unfinished';
import { currentWarning, lastChanges } from './upgrade-warnings';

/*
 * Export and import of settings and data as one JSON file:
 *   { format: 'deal-radar', version, exportedAt, settings, data: { deals, events, warnings, daily, sites } }
 * An import is checked completely before anything is written, then replaces the data in one
 * transaction: a bad file is refused with the reason and changes nothing.
 */

export const EXPORT_FORMAT = 'deal-radar';
/** The file format's version; a file from a newer one is refused. */
export const EXPORT_VERSION = 1;
/** Largest file an import reads (characters of JSON). */
export const MAX_IMPORT_CHARS = 25 * 1024 * 1024;
/** Most records per table an import accepts. */
const MAX_RECORDS = 1_000_000;

export const TABLES = ['deals', 'events', 'warnings', 'daily', 'sites'] as const;
export type Table = (typeof TABLES)[number];

const ExportData = z.object({
  deals: z.array(Deal).max(MAX_RECORDS),
  events: z.array(ChangeEvent).max(MAX_RECORDS),
  warnings: z.array(Warning).max(MAX_RECORDS),
  daily: z.array(DailyCount).max(MAX_RECORDS),
  sites: z.array(SiteRecord).max(MAX_RECORDS),
});
export type ExportData = z.infer<typeof ExportData>;

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: number;
  /** ISO 8601 instant. */
  exportedAt: string;
  settings: Settings;
  data: ExportData;
}

export type Counts = Record<Table, number>;

export const ImportProblemCode = z.enum([
  'too-large',
  'not-json',
  'not-an-export',
  'bad-version',
  'newer-export',
  'newer-settings',
  'invalid',
  'duplicate',
]);
export type ImportProblemCode = z.infer<typeof ImportProblemCode>;

/** What is wrong with a file: a code for the message, where in the file, and the detail. */
export const ImportProblem = z.object({
  code: ImportProblemCode,
  /** Where in the file, e.g. `data.deals[3].closeDate`. */
  path: z.string().max(500).optional(),
  detail: z.string().max(1000).optional(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export type ParsedImport = { ok: true; settings: Settings; data: ExportData } | { ok: false; problem: ImportProblem };

/** Everything in the database worth keeping, with the settings. Reads in one transaction. */
export async function exportAll(db: RadarDB, settings: Settings, now: number): Promise<ExportFile> {
  const data = await db.transaction('r', [...TABLES], async () => {
    const [deals, events, warnings, daily, sites] = await Promise.all([
      db.deals.toArray(),
      db.events.toArray(),
      db.warnings.toArray(),
      db.daily.toArray(),
      db.sites.toArray(),
    ]);
    return { deals, events, warnings, daily, sites };
  });
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date(now).toISOString(), settings, data };
}

/** `deal-radar-2026-11-27.json` */
export function exportFileName(now: number): string {
  return `deal-radar-${new Date(now).toISOString().slice(0, 10)}.json`;
}

/** `['data', 'deals', 3, 'closeDate']` → `data.deals[3].closeDate` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function refuse(code: ImportProblemCode, path?: string, detail?: string): ParsedImport {
  return { ok: false, problem: { code, ...(path ? { path: path.slice(0, 500) } : {}), ...(detail ? { detail: detail.slice(0, 1000) } : {}) } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first record of a table whose key repeats an earlier one's: the add would fail half-way. */
function firstDuplicate<T>(records: readonly T[], key: (record: T) => string | number | undefined): number {
  const seen = new Set<string | number>();
  for (let i = 0; i < records.length; i++) {
    const k = key(records[i] as T);
    if (k === undefined) continue;
    if (seen.has(k)) return i;
    seen.add(k);
  }
  return -1;
}

/** Checks a file (its text, or already parsed JSON) completely; nothing is written here. */
export function parseImport(input: unknown): ParsedImport {
  let json: unknown = input;
  if (typeof input === 'string') {
    if (input.length > MAX_IMPORT_CHARS) return refuse('too-large', undefined, `${input.length} characters; the limit is ${MAX_IMPORT_CHARS}`);
    try {
      json = JSON.parse(input);
    } catch (error) {
      return refuse('not-json', undefined, error instanceof Error ? error.message : String(error));
    }
  }
  if (!isObject(json) || json.format !== EXPORT_FORMAT) {
    const found = isObject(json) && 'format' in json ? JSON.stringify(json.format)?.slice(0, 100) : undefined;
    return refuse('not-an-export', 'format', found ? `format is ${found}` : undefined);
  }
  const version = json.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return refuse('bad-version', 'version', `version is ${JSON.stringify(version) ?? 'missing'}`);
  }
  if (version > EXPORT_VERSION) return refuse('newer-export', 'version', `version ${version}; this Deal Radar reads up to ${EXPORT_VERSION}`);

  if (!isObject(json.settings)) return refuse('invalid', 'settings', 'settings must be an object');
  let settings: Settings;
  try {
    // Invalid fields fall back to their defaults, as they do for stored settings.
    settings = repairSettings(migrateSettings(json.settings));
  } catch (error) {
    if (error instanceof SettingsFromNewerVersion) return refuse('newer-settings', 'settings.version', error.message);
    return refuse('invalid', 'settings', error instanceof Error ? error.message : String(error));
  }

  const parsed = ExportData.safeParse(json.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('invalid', formatPath(['data', ...(issue?.path ?? [])]), issue?.message ?? 'invalid');
  }
  const data = parsed.data;
  const duplicates: Array<[Table, number]> = [
    ['deals', firstDuplicate(data.deals, (d) => d.id)],
    ['events', firstDuplicate(data.events, (e) => e.id)],
    ['warnings', firstDuplicate(data.warnings, (w) => w.id)],
    ['daily', firstDuplicate(data.daily, (d) => `${d.site}\u0000${d.day}`)],
    ['sites', firstDuplicate(data.sites, (s) => s.site)],
  ];
  for (const [table, index] of duplicates) {
    if (index >= 0) return refuse('duplicate', `data.${table}[${index}]`, `the same ${table === 'daily' ? 'site and day' : 'id'} appears twice`);
  }
  return { ok: true, settings, data };
}

export function countsOf(data: ExportData): Counts {
  return { deals: data.deals.length, events: data.events.length, warnings: data.warnings.length, daily: data.daily.length, sites: data.sites.length };
}

/**
 * Replaces every table's records with the file's, in one transaction: all or nothing. `then`:
 * what is left to do after it (saving the file's settings, re-scoring), noted in the same
 * transaction, so that a worker stopped before it is done finds it (src/store/unfinished.ts).
 * `receipt`: the import's id and time, kept with the counts in the same transaction, so that a
 * page that lost the reply can ask whether this import went in (src/store/import-receipts.ts).
 */
export async function replaceAllData(
  db: RadarDB,
  data: ExportData,
  then?: UnfinishedJob,
  receipt?: { id: string; at: number },
): Promise<Counts> {
  const counts = countsOf(data);
  // The popup's page summaries were made from the old records: they go with them.
  await db.transaction('rw', [...TABLES, 'summaries', 'meta'], async () => {
    if (then !== undefined) await db.meta.put(unfinishedRecord(then));
    if (receipt !== undefined) await recordImport(db, { ...receipt, counts });
    await Promise.all([db.deals.clear(), db.events.clear(), db.warnings.clear(), db.daily.clear(), db.sites.clear(), db.summaries.clear()]);
    await db.deals.bulkAdd(data.deals.map(dealRecord));
    await db.events.bulkAdd(data.events);
    // An older export's warnings in the form this version writes (dismissals stay dismissed).
    const last = lastChanges(data.events);
    await db.warnings.bulkAdd(data.warnings.map((w) => currentWarning(w, last)));
    await db.daily.bulkAdd(data.daily);
    await db.sites.bulkAdd(data.sites);
  });
  return counts;
}

/** Deletes every deal, event, warning, trend count, site and tab record, and the page summaries made from them. Settings stay. */
export async function clearAllData(db: RadarDB): Promise<void> {
  await db.transaction('rw', [...TABLES, 'tabs', 'summaries'], async () => {
    await Promise.all([
      db.deals.clear(),
      db.events.clear(),
      db.warnings.clear(),
      db.daily.clear(),
      db.sites.clear(),
      db.tabs.clear(),
      db.summaries.clear(),
    ]);
  });
}

/** How many records each table holds (for the options page's summary). */
export async function countAll(db: RadarDB): Promise<Counts> {
  const [deals, events, warnings, daily, sites] = await Promise.all([
    db.deals.count(),
    db.events.count(),
    db.warnings.count(),
    db.daily.count(),
    db.sites.count(),
  ]);
  return { deals, events, warnings, daily, sites };
}
