import { z } from 'zod';
import { ActivityFlag, FieldName } from '../sites/fields';
import { Severity } from '../messages/schemas';

/** A calendar day, `YYYY-MM-DD`, no time zone: CRMs show days, not instants. */
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export type Day = z.infer<typeof Day>;

export const Outcome = z.enum(['open', 'won', 'lost']);

/** Date fields that can only lie in the past, and so can be read as a least age when rough. */
export const RoughField = z.enum(['lastActivity', 'created', 'stageEntered']);
export type RoughField = z.infer<typeof RoughField>;
export type Outcome = z.infer<typeof Outcome>;

/** One deal as the radar knows it: parsed values, unknowns left out. */
export const Deal = z.object({
  /** `${site}|${key}` */
  id: z.string(),
  /** The CRM's host (with port), e.g. `acme.pipedrive.com`. */
  site: z.string(),
  /** Site profile id that read it. */
  siteId: z.string(),
  key: z.string(),
  name: z.string(),
  url: z.string().optional(),
  stage: z.string().optional(),
  amount: z.number().optional(),
  currency: z.string().optional(),
  closeDate: Day.optional(),
  lastActivity: Day.optional(),
  nextActivity: Day.optional(),
  nextStep: z.string().optional(),
  owner: z.string().optional(),
  created: Day.optional(),
  stageEntered: Day.optional(),
  /** 0–100 */
  probability: z.number().optional(),
  /** Number of contacts on the deal, where the page shows them. */
  contacts: z.number().int().optional(),
  /** Fields the page showed for this deal (even when the cell was empty). */
  shown: z.array(FieldName),
  flags: z.array(ActivityFlag),
  outcome: Outcome,
  /**
   * Epoch ms of the first and the latest sighting; the latest to within an hour (a deal read
   * again unchanged is not written again for it within the hour: src/store/ingest.ts).
   */
  firstSeen: z.number(),
  lastSeen: z.number(),
  /** Epoch ms of the first sighting in the current stage. */
  stageSeenSince: z.number(),
  /**
   * Past dates the page gave only roughly ("a month ago", "last year"): their day is the latest
   * the wording allows (src/parse/relative.ts), so what a rule counts from it is a least age.
   */
  rough: z.array(RoughField).optional(),
});
export type Deal = z.infer<typeof Deal>;

/**
 * The deal with every field of the schema, in the schema's order, those it lacks as undefined:
 * the shape the store writes. IndexedDB hands records of one shape back as objects of one hidden
 * class, so the rules read a field the same way on every deal. Deals that each lacked other
 * fields made the same rules read them through a lookup per field instead: 100,000 such deals
 * scored in 470-520 ms, against 250-320 ms for the same deals all of one shape.
 */
export function dealRecord(d: Deal): Deal {
  return {
    id: d.id,
    site: d.site,
    siteId: d.siteId,
    key: d.key,
    name: d.name,
    url: d.url,
    stage: d.stage,
    amount: d.amount,
    currency: d.currency,
    closeDate: d.closeDate,
    lastActivity: d.lastActivity,
    nextActivity: d.nextActivity,
    nextStep: d.nextStep,
    owner: d.owner,
    created: d.created,
    stageEntered: d.stageEntered,
    probability: d.probability,
    contacts: d.contacts,
    shown: d.shown,
    flags: d.flags,
    outcome: d.outcome,
    firstSeen: d.firstSeen,
    lastSeen: d.lastSeen,
    stageSeenSince: d.stageSeenSince,
    rough: d.rough,
  };
}

/** Fields whose changes are remembered as change events. */
export const TrackedField = z.enum(['stage', 'closeDate', 'amount', 'nextActivity', 'outcome']);
export type TrackedField = z.infer<typeof TrackedField>;

export const ChangeEvent = z.object({
  id: z.number().int().optional(),
  dealId: z.string(),
  site: z.string(),
  field: TrackedField,
  /** Values as strings (amounts as decimal strings); null when unknown before/after. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  at: z.number(),
});
export type ChangeEvent = z.infer<typeof ChangeEvent>;

export const WarningStatus = z.enum(['active', 'snoozed', 'dismissed', 'resolved']);
export type WarningStatus = z.infer<typeof WarningStatus>;

export const Warning = z.object({
  /** `${dealId}|${ruleId}` for deal rules, `${site}|pipeline|${ruleId}|${key}` for pipeline rules. */
  id: z.string(),
  site: z.string(),
  /** The deal it is about; null for pipeline warnings. */
  dealId: z.string().nullable(),
  /** Deals a pipeline warning names. */
  dealIds: z.array(z.string()),
  ruleId: z.string(),
  severity: Severity,
  /** 0–100, higher first. */
  score: z.number().min(0).max(100),
  facts: z.array(z.string()),
  nudge: z.string(),
  fingerprint: z.string(),
  status: WarningStatus,
  snoozeUntil: z.number().optional(),
  snoozeReason: z.string().max(500).optional(),
  /** The fingerprint the user dismissed; a different one brings the warning back. */
  dismissedFingerprint: z.string().optional(),
  raisedAt: z.number(),
  updatedAt: z.number(),
  resolvedAt: z.number().optional(),
});
export type Warning = z.infer<typeof Warning>;
