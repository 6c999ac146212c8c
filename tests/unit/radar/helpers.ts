import type { z } from 'zod';
import { createClock, emptyDealDates, readDealDates } from '../../../src/radar/clock';
import { addDays } from '../../../src/radar/days';
import type { DealContext, DealRule, Finding, Rule } from '../../../src/radar/define-rule';
import { evaluateSite, type SiteInput } from '../../../src/radar/evaluate';
import type { ChangeEvent, Day, Deal, TrackedField, Warning } from '../../../src/radar/model';
import { buildRadarSettings, RadarSettings } from '../../../src/radar/settings-schema';
import { createStagePositions } from '../../../src/radar/stages';
import { prng } from '../../support/prng';

/** Friday 20 Nov 2026, noon UTC: the radar's "now" in every test. */
export const TODAY: Day = '2026-11-20';
export const NOW = Date.UTC(2026, 10, 20, 12);
export const SITE = 'crm.test';
export const STAGES = ['Lead', 'Qualified', 'Demo', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'];

/** A day `n` days before TODAY (calendar days). */
export const ago = (n: number): Day => addDays(TODAY, -n);
/** A day `n` days after TODAY. */
export const ahead = (n: number): Day => addDays(TODAY, n);
/** Noon UTC of a day, as epoch ms. */
export const at = (day: Day): number => Date.parse(`${day}T12:00:00Z`);

let seq = 0;

export function makeDeal(overrides: Partial<Deal> = {}): Deal {
  const key = overrides.key ?? `d${++seq}`;
  return {
    id: `${SITE}|${key}`,
    site: SITE,
    siteId: 'generic',
    key,
    name: 'Acme renewal',
    shown: [],
    flags: [],
    outcome: 'open',
    firstSeen: at(ago(10)),
    lastSeen: NOW,
    stageSeenSince: at(ago(10)),
    ...overrides,
  };
}

export function event(
  field: TrackedField,
  from: string | null,
  to: string | null,
  day: Day,
  dealId = 'x',
): ChangeEvent {
  return { dealId, site: SITE, field, from, to, at: at(day) };
}

export interface RunOptions<S extends z.ZodObject> {
  history?: ChangeEvent[];
  thresholds?: Partial<z.input<S>>;
  business?: boolean;
  weekend?: number[];
  stageOrder?: string[];
  now?: number;
}

/** Runs one deal rule directly, with its thresholds parsed from `thresholds` over the defaults. */
export function runRule<S extends z.ZodObject>(
  rule: DealRule<S>,
  deal: Deal,
  opts: RunOptions<S> = {},
): Finding | null {
  return runRuleOn(rule, [{ deal, history: opts.history ?? [] }], opts)[0] ?? null;
}

/**
 * Runs one deal rule directly on several deals, as the evaluator does: one context for all of them,
 * updated in place from deal to deal. Each deal brings its own history (`opts.history` is not used).
 */
export function runRuleOn<S extends z.ZodObject>(
  rule: DealRule<S>,
  items: Array<{ deal: Deal; history: ChangeEvent[] }>,
  opts: RunOptions<S> = {},
): Array<Finding | null> {
  const clock = createClock(
    opts.now ?? NOW,
    { business: opts.business ?? false, weekend: opts.weekend ?? [0, 6] },
    'UTC',
  );
  const ctx: DealContext<z.infer<S>> = {
    ...clock,
    ...createStagePositions(opts.stageOrder ?? STAGES),
    deal: items[0]?.deal ?? makeDeal(),
    history: [],
    thresholds: rule.thresholds.parse(opts.thresholds ?? {}),
    dates: emptyDealDates(),
  };
  return items.map(({ deal, history }) => {
    ctx.deal = deal;
    ctx.history = history;
    readDealDates(deal, ctx.dates);
    return rule.evaluate(ctx);
  });
}

/** Settings for a list of rules, with changes applied over the defaults. */
export function settingsFor(list: readonly Rule[], input: unknown = {}): RadarSettings {
  return buildRadarSettings(list).parse(input);
}

/**
 * Checks a deal that fires when open raises nothing once won, lost or in a closed stage:
 * the evaluator excludes those centrally, for every rule.
 */
export function silentWhenClosed(
  rule: Rule,
  deal: Deal,
  history: ChangeEvent[] = [],
): { open: number; closed: number } {
  const open = runSite([rule], [{ deal, history }]).length;
  const closed = [
    { ...deal, outcome: 'won' as const },
    { ...deal, outcome: 'lost' as const },
    { ...deal, stage: 'Closed Won' },
  ].reduce((n, d) => n + runSite([rule], [{ deal: d, history }]).length, 0);
  return { open, closed };
}

/** Runs evaluateSite with only the given rules (settings from the whole registry). */
export function runSite(
  list: readonly Rule[],
  deals: Array<Deal | { deal: Deal; history: ChangeEvent[] }>,
  opts: { settings?: unknown; stageOrder?: string[]; only?: Set<string>; now?: number; weekAgo?: SiteInput['weekAgo'] } = {},
): Warning[] {
  const input: SiteInput = {
    site: SITE,
    stageOrder: opts.stageOrder ?? STAGES,
    deals: deals.map((d) => ('deal' in d ? d : { deal: d, history: [] })),
    ...(opts.weekAgo ? { weekAgo: opts.weekAgo } : {}),
  };
  return evaluateSite(input, RadarSettings.parse(opts.settings ?? {}), opts.now ?? NOW, {
    timeZone: 'UTC',
    rules: list,
    ...(opts.only ? { only: opts.only } : {}),
  });
}

/**
 * Deals of every kind the rules meet: dates missing, unreadable, past and ahead; known, odd and
 * missing stages; board icons; fields shown or not; histories with every kind of change.
 */
export function variedDeals(n: number): Array<{ deal: Deal; history: ChangeEvent[] }> {
  const rand = prng(7);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)] as T;
  const day = () => {
    if (rand() < 0.15) return undefined;
    if (rand() < 0.05) return 'soon';
    return rand() < 0.5 ? ago(int(0, 200)) : ahead(int(0, 60));
  };
  const stages = [...STAGES, 'Discovery', ' demo ', undefined];
  const fields: TrackedField[] = ['stage', 'closeDate', 'amount', 'nextActivity', 'outcome'];
  const items: Array<{ deal: Deal; history: ChangeEvent[] }> = [];
  for (let i = 0; i < n; i++) {
    const stage = pick(stages);
    const history: ChangeEvent[] = [];
    for (let e = int(0, 5); e > 0; e--) {
      const field = pick(fields);
      const value = () => {
        if (field === 'stage') return pick(stages) ?? null;
        return field === 'amount' ? String(int(0, 90_000)) : (day() ?? null);
      };
      history.push(event(field, value(), value(), ago(int(0, 150)), `crm.test|v${i}`));
    }
    history.sort((a, b) => a.at - b.at);
    const deal = makeDeal({
      key: `v${i}`,
      name: `Deal ${int(1, 20)}`,
      ...(stage === undefined ? {} : { stage }),
      ...(rand() < 0.8 ? { amount: int(0, 100_000) } : {}),
      ...(rand() < 0.5 ? { probability: int(0, 100) } : {}),
      ...(rand() < 0.5 ? { contacts: int(0, 4) } : {}),
      ...(rand() < 0.3 ? { nextStep: pick(['Call', ' ', '']) } : {}),
      shown: rand() < 0.5 ? ['name', 'stage', 'nextActivity', 'nextStep', 'contacts'] : ['name'],
      flags:
        rand() < 0.2
          ? [pick(['activity-overdue', 'activity-today', 'activity-none', 'activity-planned'] as const)]
          : [],
      firstSeen: at(ago(int(0, 300))),
      stageSeenSince: at(ago(int(0, 100))),
    });
    for (const field of ['closeDate', 'lastActivity', 'nextActivity', 'created', 'stageEntered'] as const) {
      const value = day();
      if (value !== undefined) deal[field] = value;
    }
    items.push({ deal, history });
  }
  return items;
}
