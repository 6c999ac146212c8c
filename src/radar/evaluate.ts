import type { z } from 'zod';
import { createClock, emptyDealDates, readDealDates } from './clock';
import type { DealContext, DealRule, Finding, PipelineContext, PipelineFinding, Rule } from './define-rule';
import type { ChangeEvent, Deal, Warning } from './model';
import { nudgeFor, stableHash } from './nudge';
import { AmountPercentiles, rankByName, scoreOf } from './rank';
import { rules as registry } from './registry';
import { type RadarSettings, settingsOfRule, type Thresholds, thresholdsFor } from './settings-schema';
import { createStagePositions, isOpenDeal, stageKey } from './stages';

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
  base: Thresholds;
  byStage: Map<string, Thresholds>;
  /** stableHash(rule.id), for choosing nudges. */
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
  return { rule, base, byStage, hash: stableHash(rule.id), idSuffix: `|${rule.id}` };
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

  const open: SiteInput['deals'] = [];
  const amountList: number[] = [];
  for (const item of input.deals) {
    if (!isOpenDeal(item.deal)) continue;
    open.push(item);
    if (item.deal.amount !== undefined) amountList.push(item.deal.amount);
  }
  const amounts = new AmountPercentiles(amountList);
  // Warnings and the lower-cased names they sort by when scores tie.
  const out: Warning[] = [];
  const names: string[] = [];
  const only = opts.only;

  // One context for all deals and rules, updated in place: no allocation per deal unless a rule fires.
  let ctx: DealContext<Thresholds> | undefined;
  for (const item of open) {
    const deal = item.deal;
    if (only !== undefined && !only.has(deal.id)) continue;
    ctx ??= { ...clock, ...positions, deal, history: item.history, thresholds: {}, dates: emptyDealDates() };
    ctx.deal = deal;
    readDealDates(deal, ctx.dates);
    ctx.history = item.history;
    const stage = anyStageOverride && deal.stage !== undefined ? stageKey(deal.stage) : undefined;
    // Worked out once per deal, and only for deals that fire.
    let hash = -1;
    let name = '';
    let percentile = 0;
    // One array for all of this deal's warnings: records are cloned when stored.
    let dealIds: string[] = [];
    for (const p of dealRules) {
      ctx.thresholds = stage === undefined ? p.base : (p.byStage.get(stage) ?? p.base);
      const finding = p.rule.evaluate(ctx);
      if (finding === null) continue;
      if (hash < 0) {
        hash = stableHash(deal.id);
        name = deal.name.toLowerCase();
        percentile = amounts.of(deal.amount);
        dealIds = [deal.id];
      }
      out.push(
        warningOf(input.site, deal.id + p.idSuffix, deal.id, dealIds, finding, p, hash, percentile, now),
      );
      names.push(name);
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
    ...clock,
    ...positions,
    site: input.site,
    deals: open,
    thresholds: {},
    thresholdsFor: <S extends z.ZodObject>(rule: DealRule<S>, stage?: string) =>
      thresholdsOf(rule, stage) as z.infer<S>,
  };
  const found: Array<{ p: Prepared; finding: PipelineFinding }> = [];
  for (const rule of enabled) {
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
      const hash = stableHash(`${input.site}|${finding.key}`);
      out.push(warningOf(input.site, id, null, finding.dealIds, finding, p, hash, pct, now));
      names.push(finding.key.toLowerCase());
    }
  }
  return rankByName(out, names);
}
