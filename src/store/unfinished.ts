import { z } from 'zod';
import { repairSettings, type Settings } from '../settings/schema';
import type { RadarDB } from './db';

/*
 * Work that spans the settings (browser storage) and the database, in steps the worker can be
 * stopped between (the browser closes, or stops the worker mid-way): a settings save is followed
 * by re-scoring every site, an import writes the data, then the settings, then re-scores. The
 * job is noted in the database before its first step and cleared after its last; a worker that
 * starts and finds one finishes it (src/background/settings-handlers.ts, resumeUnfinished).
 */

/** The meta record's key. */
const KEY = 'unfinished';

/** How often a job is tried at worker start before it is given up (each try re-scores every site). */
export const MAX_TRIES = 3;

/** What every job keeps: how often it was tried, and the CRMs switched off before (those switched on get read again). */
const common = {
  tries: z.number().int().min(0).default(0),
  disabledBefore: z.array(z.string().max(200)).max(100).catch([]).default([]),
};

const Job = z.discriminatedUnion('kind', [
  /** Settings were (or were about to be) saved: every site is re-scored with them. */
  z.object({ kind: z.literal('rescore'), ...common }),
  /** Data was imported in the same transaction that wrote this: its settings are saved, then every site re-scored. */
  z.object({ kind: z.literal('import'), ...common, settings: z.unknown() }),
]);

type Common = { tries: number; disabledBefore: string[] };
export type UnfinishedJob = ({ kind: 'rescore' } & Common) | ({ kind: 'import'; settings: Settings } & Common);

/** The job as stored, for a write inside another transaction (see replaceAllData). */
export function unfinishedRecord(job: UnfinishedJob): { key: string; value: string } {
  return { key: KEY, value: JSON.stringify(job) };
}

export async function noteUnfinished(db: RadarDB, job: UnfinishedJob): Promise<void> {
  await db.meta.put(unfinishedRecord(job));
}

/** The job left unfinished, or null; a record that does not read as one is dropped. */
export async function readUnfinished(db: RadarDB): Promise<UnfinishedJob | null> {
  const record = await db.meta.get(KEY);
  if (record === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(record.value);
  } catch {
    json = null;
  }
  const parsed = Job.safeParse(json);
  if (!parsed.success) {
    await clearUnfinished(db);
    return null;
  }
  const job = parsed.data;
  // Settings that were valid when the import checked them; repaired field by field all the same.
  return job.kind === 'import' ? { ...job, settings: repairSettings(job.settings) } : job;
}

export async function clearUnfinished(db: RadarDB): Promise<void> {
  await db.meta.delete(KEY);
}
