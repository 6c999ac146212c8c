import { z } from 'zod';
import { Day, type Warning } from '../radar/model';
import { MAX_RAW } from '../messages/limits';
import type { DealGroup } from './grouping';

/** How many shared names a site record keeps (SiteRecord.sharedNames). */
export const SHARED_NAMES_MAX = 1000;

/** Active warnings per site per day, for the 30-day trend. */
/**
 * One site's day: how many warnings were showing, and how many open deals had a known last
 * activity and how many of them one in the 7 days up to that day (`recent`; none on days stored
 * before it was kept, or with the pipeline rules off). A week later pipeline-going-quiet compares
 * against it.
 */
export const DailyCount = z.object({
  site: z.string(),
  day: Day,
  active: z.number().int().min(0),
  recent: z.object({ known: z.number().int().min(0), active: z.number().int().min(0) }).optional(),
});
export type DailyCount = z.infer<typeof DailyCount>;

/** What the radar knows of one CRM site. */
export const SiteRecord = z.object({
  site: z.string(),
  siteId: z.string(),
  /** Stage names in pipeline order as last seen (board columns) or from the profile. */
  stageOrder: z.array(z.string()),
  /** Stages seen on this site (for per-stage thresholds in options). */
  stages: z.array(z.string()),
  lastScan: z.number(),
  /**
   * The site's deal amounts, sorted (at most 4,096, evenly spaced: rank.ts's AmountPercentiles),
   * as of the last scoring of the whole site: a batch's deals are ranked by value among these, so
   * a warning's score does not change with the batch it was read in.
   */
  amounts: z.array(z.number()).max(4096).optional(),
  /**
   * The same, by currency ('' for amounts shown without one): deals are ranked by value among
   * those in their own currency. A record of before has only `amounts`, for every currency.
   */
  amountsByCurrency: z.record(z.string(), z.array(z.number()).max(4096)).optional(),
  /**
   * Names that rows without a record link have shared on this site (src/messages/twin-key.ts):
   * a row keyed by such a name alone may hold either deal of it, so no change is recorded between
   * two of its sightings (see ingest). The latest SHARED_NAMES_MAX.
   */
  sharedNames: z.array(z.string().max(MAX_RAW)).max(SHARED_NAMES_MAX).optional(),
});
export type SiteRecord = z.infer<typeof SiteRecord>;

/** Which deals one tab shows, and how far its scan got. */
export const TabRecord = z.object({
  tabId: z.number().int(),
  site: z.string(),
  pageUrl: z.string(),
  view: z.enum(['list', 'board', 'record']),
  dealIds: z.array(z.string()),
  scanId: z.string(),
  done: z.boolean(),
  seen: z.number().int(),
  /** Rows read but not understood as deals (for the popup's empty state). */
  unreadable: z.number().int(),
  updatedAt: z.number(),
});
export type TabRecord = z.infer<typeof TabRecord>;

/** One value of the database's own bookkeeping (`revision`: src/store/revision.ts). */
export interface MetaRecord {
  key: string;
  value: string;
}

/**
 * A tab's page view as the background computed it (src/store/page-view.ts): derived data, never
 * exported, valid only while the database's revision is `revision` and until `validUntil`.
 */
export interface PageSummary {
  /** `tab:${tabId}` */
  key: string;
  tabId: number;
  revision: string;
  computedAt: number;
  /** When the first snooze among its warnings runs out (what shows changes then); +∞ when none. */
  validUntil: number;
  /** Deals on the page that need attention. */
  total: number;
  /** Warnings of the page's deals that are snoozed or dismissed. */
  hidden: number;
  /** The best-ranked groups, at most SUMMARY_GROUPS. */
  groups: DealGroup[];
  pipeline: Warning[];
}
