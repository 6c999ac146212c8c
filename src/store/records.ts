import { z } from 'zod';
import { Day } from '../radar/model';

/** Active warnings per site per day, for the 30-day trend. */
export const DailyCount = z.object({ site: z.string(), day: Day, active: z.number().int().min(0) });
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
