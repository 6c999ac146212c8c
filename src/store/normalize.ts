import { parseAmount, parseCount, parseDay, parsePercent, pastDay } from '../parse';
import type { RawDeal } from '../messages/schemas';
import { isUntracked } from '../messages/twin-key';
import { type ChangeEvent, type Day, type Deal, dealRecord, type Outcome, type RoughField, type TrackedField } from '../radar/model';
import type { FieldName } from '../sites/fields';
import type { SiteProfile } from '../sites/types';

/** Parsed values of one observation; `undefined` = shown but empty, absent key = not shown or unreadable. */
type Values = Partial<Pick<Deal, 'name' | 'stage' | 'amount' | 'currency' | 'closeDate' | 'lastActivity' | 'nextActivity' | 'nextStep' | 'owner' | 'created' | 'stageEntered' | 'probability' | 'contacts'>>;

export interface Normalized {
  values: Values;
  /** Fields the page showed (even empty). */
  shown: FieldName[];
  /** Fields shown but not understood: their old values are kept. */
  unreadable: FieldName[];
  /** Past dates read from rough wording ("a month ago"): see Deal.rough. */
  rough: RoughField[];
  status?: string;
}

const DATE_FIELDS = ['closeDate', 'lastActivity', 'nextActivity', 'created', 'stageEntered'] as const;
/** Dates that cannot lie in the future: one shown without a year is of this year or the last (see pastDay). */
const PAST_FIELDS = ['lastActivity', 'created', 'stageEntered'] as const;
const TEXT_FIELDS = ['name', 'stage', 'nextStep', 'owner'] as const;

/** Turns one raw deal into values, with the page's locale and the user's today. */
export function normalize(raw: RawDeal, ctx: { locale: string; today: Day }): Normalized {
  const out: Normalized = { values: {}, shown: [], unreadable: [], rough: [] };
  const fields = raw.fields;
  for (const [name, text] of Object.entries(fields) as Array<[FieldName, string]>) {
    out.shown.push(name);
    const value = text.trim();
    if (name === 'status') {
      if (value) out.status = value;
    } else if ((TEXT_FIELDS as readonly string[]).includes(name)) {
      if (value && !/^(--|—|-|n\/a)$/i.test(value)) out.values[name as (typeof TEXT_FIELDS)[number]] = value;
      else out.values[name as (typeof TEXT_FIELDS)[number]] = undefined;
    } else if ((DATE_FIELDS as readonly string[]).includes(name)) {
      const key = name as (typeof DATE_FIELDS)[number];
      const read = parseDay(value, ctx);
      const past = (PAST_FIELDS as readonly string[]).includes(key);
      const parsed = past ? pastDay(read, ctx.today) : read;
      if (parsed.ok) {
        out.values[key] = parsed.day;
        if (past && parsed.rough) out.rough.push(key as RoughField);
      }
      else if (parsed.reason === 'empty') out.values[key] = undefined;
      else out.unreadable.push(name);
    } else if (name === 'amount') {
      const parsed = parseAmount(value, ctx);
      if (parsed.ok) {
        out.values.amount = parsed.value;
        out.values.currency = parsed.currency;
      } else if (parsed.reason === 'empty') out.values.amount = undefined;
      else out.unreadable.push(name);
    } else if (name === 'probability') {
      const parsed = parsePercent(value, ctx);
      if (parsed.ok) out.values.probability = parsed.value;
      else if (parsed.reason === 'empty') out.values.probability = undefined;
      else out.unreadable.push(name);
    } else if (name === 'contacts') {
      const parsed = parseCount(value);
      if (parsed.ok) out.values.contacts = parsed.value;
      else if (parsed.reason === 'empty') out.values.contacts = 0;
      else out.unreadable.push(name);
    }
  }
  return out;
}

/** Won, lost or open, from the stage or status words of the site profile. */
export function outcomeOf(stage: string | undefined, status: string | undefined, profile: SiteProfile): Outcome {
  const words = [stage, status].filter((w): w is string => !!w).map((w) => w.toLowerCase());
  const has = (list: string[]) => words.some((w) => list.some((word) => w === word || w.includes(word)));
  if (has(profile.closedWords.won)) return 'won';
  if (has(profile.closedWords.lost)) return 'lost';
  return 'open';
}

/**
 * The open stages of a pipeline order, by the profile's won and lost words (Twenty's won stage is
 * "Customer"): positions in the pipeline ("stage 4 of 5", late stage, first half) count open
 * stages. The site record keeps the whole order (the weekly review reads moves into won or lost).
 */
export function openStageOrder(order: readonly string[], profile: SiteProfile | null): string[] {
  return profile === null ? [...order] : order.filter((stage) => outcomeOf(stage, undefined, profile) === 'open');
}

const TRACKED: TrackedField[] = ['stage', 'closeDate', 'amount', 'nextActivity', 'outcome'];

function asText(value: string | number | undefined): string | null {
  return value === undefined ? null : String(value);
}

export interface MergeContext {
  id: string;
  site: string;
  siteId: string;
  key: string;
  url: string | undefined;
  flags: Deal['flags'] | undefined;
  now: number;
  profile: SiteProfile;
}

/**
 * Folds one sighting into what we knew of a deal. Shown values replace old ones, empty
 * cells clear them, unreadable cells keep them (nothing is lost); tracked fields that
 * changed from one known value to another become change events.
 */
export function mergeDeal(known: Deal | undefined, next: Normalized, ctx: MergeContext): { deal: Deal; events: ChangeEvent[] } {
  // A row that shares its name with rows nothing shown tells apart (src/messages/twin-key.ts) may
  // hold another of those deals at each sighting: each sighting stands alone (no change events, no
  // time in stage or age carried over), so nothing is read into values that belong to two deals.
  const prev = known !== undefined && isUntracked(ctx.key) ? undefined : known;
  const base: Deal = prev ?? {
    id: ctx.id,
    site: ctx.site,
    siteId: ctx.siteId,
    key: ctx.key,
    name: ctx.key,
    shown: [],
    flags: [],
    outcome: 'open',
    firstSeen: ctx.now,
    lastSeen: ctx.now,
    stageSeenSince: ctx.now,
  };
  const deal: Deal = { ...base, siteId: ctx.siteId, lastSeen: ctx.now };
  for (const [key, value] of Object.entries(next.values) as Array<[keyof Values, Values[keyof Values]]>) {
    if (value === undefined) {
      if (key !== 'name') (deal as Record<string, unknown>)[key] = undefined;
    } else {
      (deal as Record<string, unknown>)[key] = value;
    }
  }
  if (ctx.url) deal.url = ctx.url;
  // Activity icons come from boards; a view that shows the next activity itself is fresher.
  if (ctx.flags) deal.flags = [...ctx.flags];
  else if (next.shown.includes('nextActivity')) deal.flags = [];
  // Fields the page showed, empty or with a value it could read. A cell that could not be read
  // says nothing: "the page shows no next activity" (no-next-step) or "no activity ever logged"
  // (neverActive) must not follow from text we did not understand.
  const readable = next.unreadable.length === 0 ? next.shown : next.shown.filter((f) => !next.unreadable.includes(f));
  deal.shown = [...new Set([...base.shown, ...readable])].sort();
  // A date shown again, read or empty, is as rough as it reads now; one not shown or not
  // understood keeps what was known of it, as its value does.
  const rough = (base.rough ?? []).filter((f) => !(f in next.values));
  for (const f of next.rough) if (!rough.includes(f)) rough.push(f);
  deal.rough = rough.length > 0 ? rough.sort() : undefined;
  deal.outcome = outcomeOf(deal.stage, next.status, ctx.profile);
  // A page that does not show the status cannot reopen a deal another page said was won or lost
  // (Pipedrive keeps those only in its status, the stage stays where it was): only a move to
  // another stage, or the status shown again, can.
  if (
    deal.outcome === 'open' &&
    !next.shown.includes('status') &&
    prev !== undefined &&
    prev.outcome !== 'open' &&
    (prev.stage ?? '').toLowerCase() === (deal.stage ?? '').toLowerCase()
  ) {
    deal.outcome = prev.outcome;
  }

  const events: ChangeEvent[] = [];
  if (prev) {
    for (const field of TRACKED) {
      const from = asText(prev[field]);
      const to = asText(deal[field]);
      if (from !== null && to !== null && from.toLowerCase() !== to.toLowerCase()) {
        events.push({ dealId: deal.id, site: deal.site, field, from, to, at: ctx.now });
      }
    }
    const stageChanged = events.some((e) => e.field === 'stage');
    // A stage seen for the first time (only views without the column before) is also first seen
    // now: the deal may have moved there just before. Counting from the first sighting of the deal
    // would say "at least 30 days in Demo" of a deal that entered it yesterday. A stage cell that
    // was empty once (a row drawn half-way) keeps the time: the deal was most likely there all along.
    const firstStage = asText(prev.stage) === null && asText(deal.stage) !== null && !prev.shown.includes('stage');
    if (stageChanged || firstStage) deal.stageSeenSince = ctx.now;
  }
  return { deal: dealRecord(deal), events };
}
