import { z } from 'zod';
import type { RadarDB } from './db';

/*
 * A receipt for every import that went in: the id the options page gave it, when, and how many
 * records of each table it wrote. replaceAllData (transfer.ts) writes it in the transaction that
 * writes the data, so the receipt is there exactly when the data is. When the page gets no reply
 * to an import (Chrome stopped the worker, the message port closed), it asks for the receipt of
 * its import instead of guessing whether anything changed. The receipts live in `meta`: no schema
 * change, and never in an export file.
 */

/** The meta record's key. */
const KEY = 'imports';
/** The page asks right after its import: the last few receipts are plenty. */
export const MAX_RECEIPTS = 20;

/** The page's name for one try of an import. */
export const ImportId = z.string().min(1).max(64);

/** Records per table, as an import wrote them. */
export const TableCounts = z.object({
  deals: z.number().int().min(0),
  events: z.number().int().min(0),
  warnings: z.number().int().min(0),
  daily: z.number().int().min(0),
  sites: z.number().int().min(0),
});

export const ImportReceipt = z.object({
  id: ImportId,
  /** When the data was written (epoch ms). */
  at: z.number().int().min(0),
  counts: TableCounts,
});
export type ImportReceipt = z.infer<typeof ImportReceipt>;

/** A stored list that does not read as receipts counts as none: a receipt says only what it surely knows. */
const Receipts = z.array(ImportReceipt).catch([]);

async function readReceipts(db: RadarDB): Promise<ImportReceipt[]> {
  const record = await db.meta.get(KEY);
  if (record === undefined) return [];
  try {
    return Receipts.parse(JSON.parse(record.value));
  } catch {
    return [];
  }
}

/**
 * Adds a receipt, keeping the newest MAX_RECEIPTS. Called inside the transaction that writes the
 * import's data (which must include `meta`): both are written, or neither.
 */
export async function recordImport(db: RadarDB, receipt: ImportReceipt): Promise<void> {
  const kept = (await readReceipts(db)).filter((r) => r.id !== receipt.id);
  const value = JSON.stringify([...kept, ImportReceipt.parse(receipt)].slice(-MAX_RECEIPTS));
  await db.meta.put({ key: KEY, value });
}

/** The receipt of the import the page called `id`, or null when that import wrote nothing. */
export async function findImport(db: RadarDB, id: string): Promise<ImportReceipt | null> {
  return (await readReceipts(db)).find((r) => r.id === id) ?? null;
}
