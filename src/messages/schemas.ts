import { z } from 'zod';
import { ActivityFlag, FIELD_NAMES, FieldName } from '../sites/fields';
import { fromDealTable } from './deal-table';

import { MAX_BATCH, MAX_RAW } from './limits';

export { MAX_BATCH, MAX_RAW };

const RawText = z.string().max(MAX_RAW);

/** One deal as read off a page: raw strings only, parsed in the background. */
export const RawDeal = z.object({
  /**
   * Record key: from the record link or URL where there is one, else the deal name (for rows of a
   * list that share a name, the name and what tells them apart: twin-key.ts).
   */
  key: z.string().min(1).max(MAX_RAW),
  /** Absolute URL of the deal's record, same origin as the page. */
  url: z.string().max(MAX_RAW).optional(),
  fields: z.partialRecord(FieldName, RawText),
  flags: z.array(ActivityFlag).max(8).optional(),
});
export type RawDeal = z.infer<typeof RawDeal>;

export const ViewKind = z.enum(['list', 'board', 'record']);
export type ViewKind = z.infer<typeof ViewKind>;

const observationFields = {
  /** Site profile id that read the page. */
  siteId: z.string().min(1).max(64),
  pageUrl: z.url().max(MAX_RAW),
  /** BCP 47 tag of the page (html lang, else the browser's). */
  locale: z.string().max(64),
  view: ViewKind,
  /** Stage names in the order the page shows them (board columns), if any. */
  stageOrder: z.array(RawText).max(100).optional(),
  /** One scan of the page may span several batches. */
  scan: z.object({
    id: z.string().min(1).max(64),
    /** Batch number within the scan, from 0. */
    batch: z.number().int().min(0).max(100_000),
    /** False while more batches of this scan follow. */
    done: z.boolean(),
    /** False for updates of a few changed rows; a full scan of the page otherwise. */
    full: z.boolean().optional(),
    /** Rows seen so far on the page (for progress). */
    seen: z.number().int().min(0).max(10_000_000),
    /** Rows seen so far that could not be read as deals (for the popup's empty state). */
    unreadable: z.number().int().min(0).max(10_000_000).optional(),
  }),
};

/** What one batch of a scan tells the background: where it was read, and the deals. */
export const Observation = z.object({ ...observationFields, deals: z.array(RawDeal).max(MAX_BATCH) });
export type Observation = z.infer<typeof Observation>;

/**
 * The deals of a batch as they travel: deal-table.ts's DealTable (the field names once, then a
 * row per deal: key, URL or null, values or null in the order of the names).
 */
export const DealTable = z
  .object({
    fields: z.array(FieldName).max(FIELD_NAMES.length),
    rows: z.array(z.array(RawText.nullable()).max(2 + FIELD_NAMES.length)).max(MAX_BATCH),
    flags: z.array(z.array(ActivityFlag).max(8).nullable()).max(MAX_BATCH).optional(),
  })
  .superRefine((table, ctx) => {
    if (new Set(table.fields).size !== table.fields.length)
      ctx.addIssue({ code: 'custom', message: 'a field is named twice', path: ['fields'] });
    if (table.flags !== undefined && table.flags.length !== table.rows.length)
      ctx.addIssue({ code: 'custom', message: 'flags and rows differ in number', path: ['flags'] });
    table.rows.forEach((row, i) => {
      const key = row[0];
      if (typeof key !== 'string' || key === '')
        ctx.addIssue({ code: 'custom', message: 'a row without a key', path: ['rows', i, 0] });
      if (row.length !== 2 + table.fields.length)
        ctx.addIssue({ code: 'custom', message: 'a row does not match the fields', path: ['rows', i] });
    });
  });

/** Observation as the content script sends it: the deals as a DealTable, turned back into deals here. */
export const ObservationMessage = z
  .object({ ...observationFields, table: DealTable })
  .transform(({ table, ...rest }): Observation => ({ ...rest, deals: fromDealTable(table) }));

export const Severity = z.enum(['warn', 'critical']);
export type Severity = z.infer<typeof Severity>;

export const WarningId = z.string().min(1).max(4000);

/**
 * A warning as the popup showed it when the user chose to snooze or dismiss it (picked it, for a
 * selection): the background acts only on a warning still so (src/radar/lifecycle.ts, sinceShown).
 */
export const ShownWarning = z.object({ id: WarningId, fingerprint: z.string().max(4000), severity: Severity });
export type ShownWarning = z.infer<typeof ShownWarning>;

/**
 * A warning a snooze or dismissal left as it was, and why (see sinceShown). One that changed
 * comes with its fingerprint and severity as they are now: what the popup shows once it has read it again.
 */
export const SkippedWarning = z.discriminatedUnion('why', [
  z.object({ id: WarningId, why: z.enum(['gone', 'hidden']) }),
  ShownWarning.extend({ why: z.literal('changed') }),
]);
export type SkippedWarning = z.infer<typeof SkippedWarning>;

/** What the content script needs to mark a deal on the page. */
export const Mark = z.object({
  key: z.string(),
  severity: Severity,
  title: z.string(),
  facts: z.array(z.string()),
  count: z.number().int(),
  warningId: z.string(),
  /** The shown warning's fingerprint: the card's Snooze and Dismiss act only on what it showed. */
  fingerprint: z.string(),
});
export type Mark = z.infer<typeof Mark>;
