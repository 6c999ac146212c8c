import type { z } from 'zod';
import type { Severity } from '../messages/schemas';
import type { ChangeEvent, Day, Deal } from './model';

/** Counts days between two calendar days, in calendar or business days per the user's settings. */
export type DayCounter = (from: Day, to: Day) => number;

export interface RadarClock {
  /** Epoch ms. */
  now: number;
  /** The user's local calendar day for `now`. */
  today: Day;
  /** Signed day count `to - from` (calendar or business days per settings). */
  days: DayCounter;
  /** True when `days` counts business days, so facts can say "business days". */
  businessDays: boolean;
  /** The user's local calendar day of an instant (change events carry epoch ms). */
  dayOf(epochMs: number): Day;
  /*
   * The same on day numbers (days since 1970-01-01, NaN when unknown), for the hot path:
   * parsing a date string costs more than a rule's whole check, so the evaluator parses each
   * deal's dates once (DealContext.dates) and rules count on numbers.
   */
  /** Day number of `today`. */
  todayNumber: number;
  /** Signed day count `to - from` between day numbers, calendar or business days per settings. */
  count(from: number, to: number): number;
  /** Day number of the user's local day of an instant. */
  dayNumberOf(epochMs: number): number;
}

/** A deal's dates as day numbers (days since 1970-01-01), parsed once per deal; NaN when unknown. */
export interface DealDates {
  closeDate: number;
  lastActivity: number;
  nextActivity: number;
  created: number;
  stageEntered: number;
  /** ROUGH bits (clock.ts) of the dates the page gave only roughly: counted from, they give a least age. */
  rough: number;
}

/** Where stages sit in the site's pipeline. */
export interface StagePositions {
  /** Stage names of this site in pipeline order, lower-case; empty when unknown. */
  stageOrder: string[];
  /**
   * Position of a stage among the open stages of `stageOrder` (won/lost/closed stages left out),
   * compared case-insensitively; -1 when the stage is unknown or not in the order.
   */
  stageIndex(stage: string | null | undefined): number;
  /** How many open stages `stageOrder` has. */
  openStageCount: number;
}

export interface DealContext<T> extends RadarClock, StagePositions {
  deal: Deal;
  /** This deal's change events, oldest first. */
  history: ChangeEvent[];
  /** Thresholds with the per-stage override for the deal's stage already applied. */
  thresholds: T;
  /** The deal's dates as day numbers. */
  dates: DealDates;
}

/**
 * What the evaluator works out per open deal in its one pass over them, for the pipeline rules:
 * `[i]` is about `deals[i]`. Reading these costs far less than going back to each deal, whose
 * objects and strings are scattered over the heap.
 */
export interface DealColumns {
  /** Day number of the last activity; NaN when unknown. */
  lastActivity: Float64Array;
  /** Days in the current stage as stageDays() counts them; NaN without a stage. */
  stageDays: Float64Array;
  /** The stage as the page spells it. */
  stage: Array<string | undefined>;
}

/** Of a site's open deals on one day: how many had a known last activity, and how many one in the 7 days up to it. */
export interface RecentActivity {
  known: number;
  active: number;
}

/** The 7 days up to `today` (a day number), today included: how many of these last activities fall in them. */
export function recentActivity(lastActivity: ArrayLike<number>, today: number): RecentActivity {
  let known = 0;
  let active = 0;
  for (let i = 0; i < lastActivity.length; i++) {
    const ago = today - (lastActivity[i] as number);
    if (Number.isNaN(ago)) continue;
    known++;
    if (ago >= 0 && ago <= 6) active++;
  }
  return { known, active };
}

export interface PipelineContext<T> extends RadarClock, StagePositions {
  site: string;
  /** The site's recent activity as recorded a week before today, where a scan recorded it then. */
  weekAgo: RecentActivity | undefined;
  /** Open deals of one site with their history. */
  deals: Array<{ deal: Deal; history: ChangeEvent[] }>;
  /** Per deal of `deals`, by position. */
  columns: DealColumns;
  thresholds: T;
  /** Another deal rule's thresholds as the user set them, with the per-stage override for `stage`. */
  thresholdsFor<S extends z.ZodObject>(rule: DealRule<S>, stage?: string): z.infer<S>;
}

/** What a rule reports when it fires. */
export interface Finding {
  severity: Severity;
  /** The facts behind it, with dates and numbers and the threshold, as short sentences. */
  facts: string[];
  /** Changes when the situation gets worse (a new slip, a higher severity); a dismissal lasts until it changes. */
  fingerprint: string;
  /** How far past the threshold, as a ratio: 0 = just at it, 1 = twice the threshold. */
  over: number;
}

export interface PipelineFinding extends Finding {
  /** Distinguishes several findings of one pipeline rule on one site (e.g. the stage name). */
  key: string;
  dealIds: string[];
  /**
   * Where the rule has them: the indexes in `ctx.deals` of the deals named, in the order of
   * `dealIds`. The evaluator ranks the warning by the biggest of their amounts, and without
   * them it looks every id up (a bottleneck can name tens of thousands of deals).
   */
  dealIndexes?: number[];
}

interface RuleBase<S extends z.ZodObject> {
  /** Equals the file name in src/radar/rules/. */
  id: string;
  title: string;
  /** One line for the options page. */
  description: string;
  /** Thresholds with defaults (`z.number().default(14)` etc.); `.describe()` gives the options label. */
  thresholds: S;
  /** May thresholds be overridden per stage? */
  perStage: boolean;
  /** Coaching nudges: a How question plus one concrete next step. At least three. */
  nudges: string[];
}

export interface DealRule<S extends z.ZodObject = z.ZodObject> extends RuleBase<S> {
  scope: 'deal';
  evaluate(ctx: DealContext<z.infer<S>>): Finding | null;
}

export interface PipelineRule<S extends z.ZodObject = z.ZodObject> extends RuleBase<S> {
  scope: 'pipeline';
  evaluate(ctx: PipelineContext<z.infer<S>>): PipelineFinding[];
}

export type Rule = DealRule | PipelineRule;

/** Typing helper without runtime cost. */
export function defineRule<S extends z.ZodObject>(rule: DealRule<S>): DealRule<S>;
export function defineRule<S extends z.ZodObject>(rule: PipelineRule<S>): PipelineRule<S>;
export function defineRule(rule: Rule): Rule {
  return rule;
}
