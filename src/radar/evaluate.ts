import type { z } from 'zod';
import { createClock, emptyDealDates, readDealDates } from './clock';
import type {
  DealColumns,
  DealContext,
  DealRule,
  Finding,
  PipelineContext,
  PipelineFinding,
  RadarClock,
  Rule,
  StagePositions,
} from './define-rule';
import type { ChangeEvent, Deal, Warning } from './model';
import { nudgeFor, stableHash32 } from './nudge';
import { AmountPercentiles, RankKeys, rankByKeys, scoreOf } from './rank';
import { rules as registry } from './registry';
import { type RadarSettings, settingsOfRule, type Thresholds, thresholdsFor } from './settings-schema';
import { createStagePositions, isOpenDeal, stageDays, stageKey } from './stages';

export interface SiteInput {
  site: string;
  deals: Array<{ deal: Deal; history: ChangeEvent[] }>;
  stageOrder: string[];
}

export interface EvaluateOptions {
  /** IANA zone for "today" and for the days of change events; the runtime's zone when left out. */
  timeZone?: string;
  /** Deal ids to run the deal rules on (a batch); pipeline rules always see all open deals. */
  only?: Set<string>;
  /** Rules to run instead of the registry (tests, the new-rule template). */
  rules?: readonly Rule[];
}

/** A rule with its thresholds worked out once per site: the base and one merged object per overridden stage. */
interface Prepared {
  rule: Rule;
  /** Where idSuffix sorts among the deal rules' (see RankKeys.tie). */
  tie: number;
  base: Thresholds;
  byStage: Map<string, Thresholds>;
  /** stableHash32(rule.id), for choosing nudges. */
  hash: number;
  /** `|${rule.id}`: a deal warning's id is the deal id and this. */
  idSuffix: string;
}

function prepare(rule: Rule, settings: RadarSettings): Prepared {
  const base = thresholdsFor(settings, rule);
  const byStage = new Map<string, Thresholds>();
  const stages = rule.perStage ? settingsOfRule(settings, rule).stages : undefined;
  if (stages !== undefined)
    for (const stage of Object.keys(stages)) byStage.set(stage, thresholdsFor(settings, rule, stage));
  return { rule, tie: 0, base, byStage, hash: stableHash32(rule.id), idSuffix: `|${rule.id}` };
}

/** Stands in for a deal until the evaluator sets the first one. */
const NO_DEAL: Deal = {
  id: '',
  site: '',
  siteId: '',
  key: '',
  name: '',
  shown: [],
  flags: [],
  outcome: 'open',
  firstSeen: 0,
  lastSeen: 0,
  stageSeenSince: 0,
};

/*
 * The contexts are object literals with every field spelled out rather than spreads of the clock
 * and the stage positions: a literal has the same hidden class on every call, so the rules'
 * optimised code stays valid from one evaluateSite() to the next instead of being thrown away.
 */
function dealContext(clock: RadarClock, positions: StagePositions): DealContext<Thresholds> {
  return {
    now: clock.now,
    today: clock.today,
    days: clock.days,
    businessDays: clock.businessDays,
    dayOf: clock.dayOf,
    todayNumber: clock.todayNumber,
    count: clock.count,
    dayNumberOf: clock.dayNumberOf,
    stageOrder: positions.stageOrder,
    stageIndex: positions.stageIndex,
    openStageCount: positions.openStageCount,
    // Set per deal before any rule sees it.
    deal: NO_DEAL,
    history: [],
    thresholds: {},
    dates: emptyDealDates(),
  };
}

function dealColumns(n: number): DealColumns {
  return { lastActivity: new Float64Array(n), stageDays: new Float64Array(n), stage: new Array(n) };
}

/** A fresh warning: one object literal, so every warning has one shape. */
function warningOf(
  site: string,
  id: string,
  dealId: string | null,
  dealIds: string[],
  f: Finding,
  p: Prepared,
  subjectHash: number,
  percentile: number,
  now: number,
): Warning {
  return {
    id,
    site,
    dealId,
    dealIds,
    ruleId: p.rule.id,
    severity: f.severity,
    score: scoreOf(f.severity, f.over, percentile),
    facts: f.facts,
    nudge: nudgeFor(p.rule.nudges, subjectHash, p.hash),
    fingerprint: f.fingerprint,
    status: 'active',
    raisedAt: now,
    updatedAt: now,
  };
}

/**
 * Scores one site's deals against every enabled rule and returns fresh warnings, ranked:
 * status active, score set, nudge chosen, raisedAt/updatedAt = now. Won, lost and closed
 * deals raise nothing. The lifecycle (snoozes, dismissals) is reconcile()'s business.
 */
export function evaluateSite(
  input: SiteInput,
  settings: RadarSettings,
  now: number,
  opts: EvaluateOptions = {},
): Warning[] {
  const clock = createClock(now, settings.days, opts.timeZone);
  const positions = createStagePositions(input.stageOrder);
  const list = opts.rules ?? registry;
  const prepared = new Map<string, Prepared>();
  for (const rule of list) prepared.set(rule.id, prepare(rule, settings));
  const enabled = list.filter((rule) => settingsOfRule(settings, rule).enabled);
  const dealRules: Array<Prepared & { rule: DealRule }> = [];
  for (const rule of enabled) {
    const p = prepared.get(rule.id);
    if (rule.scope === 'deal' && p !== undefined) dealRules.push({ ...p, rule });
  }
  const anyStageOverride = dealRules.some((p) => p.byStage.size > 0);
  // A deal's warnings have ids that differ only in the suffix: ties compare by its place.
  const suffixes = dealRules.map((p) => p.idSuffix).sort();
  for (const p of dealRules) p.tie = suffixes.indexOf(p.idSuffix);

  // Indexed loops here and below: a for-of that runs before the loop is optimised allocates a
  // result object per step, and these loops run over every deal. Arrays are made at their size
  // where it is known: growing one step at a time leaves copies behind for the collector.
  const open: SiteInput['deals'] = new Array(input.deals.length);
  const amountList = new Float64Array(input.deals.length);
  let openCount = 0;
  let amountCount = 0;
  for (let i = 0; i < input.deals.length; i++) {
    const item = input.deals[i] as SiteInput['deals'][number];
    if (!isOpenDeal(item.deal)) continue;
    open[openCount++] = item;
    const amount = item.deal.amount;
    if (amount !== undefined) amountList[amountCount++] = amount;
  }
  open.length = openCount;
  const amounts = new AmountPercentiles(amountList.subarray(0, amountCount));
  const only = opts.only;
  const batch = only === undefined ? open.length : Math.min(only.size, open.length);
  // Warnings and their sort keys; a deal is the subject of its warnings.
  // At a guess of their number (set to the count at the end): see above.
  const out: Warning[] = new Array(2 * batch);
  let count = 0;
  const keys = new RankKeys(2 * batch, batch);
  const pipelineRules = enabled.filter((rule) => rule.scope === 'pipeline');
  // Only the pipeline rules read the columns, and they see every open deal, batch or not.
  const columns = dealColumns(pipelineRules.length > 0 ? open.length : 0);

  // One context for all deals and rules, updated in place: no allocation per deal unless a rule fires.
  const ctx = dealContext(clock, positions);
  const dates = ctx.dates;
  for (let i = 0; i < open.length; i++) {
    const item = open[i] as SiteInput['deals'][number];
    const deal = item.deal;
    const inBatch = only === undefined || only.has(deal.id);
    if (!inBatch && pipelineRules.length === 0) continue;
    readDealDates(deal, dates);
    if (i < columns.stage.length) {
      columns.lastActivity[i] = dates.lastActivity;
      columns.stageDays[i] = stageDays(deal, item.history, clock, dates.stageEntered);
      columns.stage[i] = deal.stage;
    }
    if (!inBatch) continue;
    ctx.deal = deal;
    ctx.history = item.history;
    const stage = anyStageOverride && deal.stage !== undefined ? stageKey(deal.stage) : undefined;
    // Worked out once per deal, and only for deals that fire.
    let fired = false;
    let hash = 0;
    let percentile = 0;
    // One array for all of this deal's warnings: records are cloned when stored.
    let dealIds: string[] = [];
    for (let r = 0; r < dealRules.length; r++) {
      const p = dealRules[r] as Prepared & { rule: DealRule };
      ctx.thresholds = stage === undefined ? p.base : (p.byStage.get(stage) ?? p.base);
      const finding = p.rule.evaluate(ctx);
      if (finding === null) continue;
      if (!fired) {
        fired = true;
        hash = stableHash32(deal.id);
        keys.subject(deal.name, true);
        percentile = amounts.of(deal.amount);
        dealIds = [deal.id];
      }
      const warning = warningOf(
        input.site,
        deal.id + p.idSuffix,
        deal.id,
        dealIds,
        finding,
        p,
        hash,
        percentile,
        now,
      );
      out[count++] = warning;
      keys.add(warning.score, p.tie);
    }
  }

  const thresholdsOf = (rule: Rule, stage?: string): Thresholds => {
    let p = prepared.get(rule.id);
    if (p === undefined) {
      p = prepare(rule, settings);
      prepared.set(rule.id, p);
    }
    return stage === undefined ? p.base : (p.byStage.get(stageKey(stage)) ?? p.base);
  };
  const pipelineCtx: PipelineContext<Thresholds> = {
    now: clock.now,
    today: clock.today,
    days: clock.days,
    businessDays: clock.businessDays,
    dayOf: clock.dayOf,
    todayNumber: clock.todayNumber,
    count: clock.count,
    dayNumberOf: clock.dayNumberOf,
    stageOrder: positions.stageOrder,
    stageIndex: positions.stageIndex,
    openStageCount: positions.openStageCount,
    site: input.site,
    deals: open,
    columns,
    thresholds: {},
    thresholdsFor: <S extends z.ZodObject>(rule: DealRule<S>, stage?: string) =>
      thresholdsOf(rule, stage) as z.infer<S>,
  };
  const found: Array<{ p: Prepared; finding: PipelineFinding }> = [];
  for (const rule of pipelineRules) {
    const p = prepared.get(rule.id);
    if (rule.scope !== 'pipeline' || p === undefined) continue;
    pipelineCtx.thresholds = p.base;
    for (const finding of rule.evaluate(pipelineCtx)) found.push({ p, finding });
  }
  if (found.length > 0) {
    // Amounts of the deals the findings name, found in one pass over the open deals.
    const amountOf = new Map<string, number | undefined>();
    for (const { finding } of found) for (const dealId of finding.dealIds) amountOf.set(dealId, undefined);
    for (const { deal } of open) if (amountOf.has(deal.id)) amountOf.set(deal.id, deal.amount);
    for (const { p, finding } of found) {
      const id = `${input.site}|pipeline|${p.rule.id}|${finding.key}`;
      // Ranked by the biggest deal it names.
      let pct = 0;
      for (const dealId of finding.dealIds) pct = Math.max(pct, amounts.of(amountOf.get(dealId)));
      const hash = stableHash32(`${input.site}|${finding.key}`);
      const warning = warningOf(input.site, id, null, finding.dealIds, finding, p, hash, pct, now);
      out[count++] = warning;
      keys.subject(finding.key, false);
      keys.add(warning.score);
    }
  }
  out.length = count;
  return rankByKeys(out, keys, true);
}
