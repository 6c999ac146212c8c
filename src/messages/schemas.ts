import { z } from 'zod';
import { ActivityFlag, FieldName } from '../sites/fields';

import { MAX_BATCH, MAX_RAW } from './limits';

export { MAX_BATCH, MAX_RAW };

const RawText = z.string().max(MAX_RAW);

/** One deal as read off a page: raw strings only, parsed in the background. */
export const RawDeal = z.object({
  /** Record key: from the record link or URL where there is one, else the deal name. */
  key: z.string().min(1).max(MAX_RAW),
  /** Absolute URL of the deal's record, same origin as the page. */
  url: z.string().max(MAX_RAW).optional(),
  fields: z.partialRecord(FieldName, RawText),
  flags: z.array(ActivityFlag).max(8).optional(),
});
export type RawDeal = z.infer<typeof RawDeal>;

export const ViewKind = z.enum(['list', 'board', 'record']);
export type ViewKind = z.infer<typeof ViewKind>;

export const Observation = z.object({
  /** Site profile id that read the page. */
  siteId: z.string().min(1).max(64),
  pageUrl: z.url().max(MAX_RAW),
  /** BCP 47 tag of the page (html lang, else the browser's). */
  locale: z.string().max(64),
  view: ViewKind,
  /** Stage names in the order the page shows them (board columns), if any. */
  stageOrder: z.array(RawText).max(100).optional(),
  deals: z.array(RawDeal).max(MAX_BATCH),
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
});
export type Observation = z.infer<typeof Observation>;

export const Severity = z.enum(['warn', 'critical']);
export type Severity = z.infer<typeof Severity>;

/** What the content script needs to mark a deal on the page. */
export const Mark = z.object({
  key: z.string(),
  severity: Severity,
  title: z.string(),
  facts: z.array(z.string()),
  count: z.number().int(),
  warningId: z.string(),
});
export type Mark = z.infer<typeof Mark>;
