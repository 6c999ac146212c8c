import type { z } from 'zod';
import { createClock, emptyDealDates, readDealDates } from './clock';
import {
  type DealColumns,
  type DealDates,
  type DealContext,
  type DealRule,
  type Finding,
  type PipelineContext,
  type PipelineFinding,
  type RadarClock,
  type RecentActivity,
  type Rule,
  recentActivity,
  type StagePositions,
} from './define-rule';
import type { FreshWarnings } from './lifecycle';
import type { ChangeEvent, Deal, Warning } from './model';
import { nudgeFor, stableHash32 } from './nudge';
import { RankKeys, rankOrder, scoreOf, ValuePercentiles } from './rank';
import { rules as registry } from './registry';
import { type RadarSettings, settingsOfRule, type Thresholds, thresholdsFor } from './settings-schema';
import { createStagePositions, isOpenDeal, stageDays, stageKey } from './stages';

export interface SiteInput {
  site: string;
  deals: Array<{ deal: Deal; history: ChangeEvent[] }>;
  stageOrder: string[];
  /** The site's recent activity as recorded a week before (DailyCount.recent), for pipeline-going-quiet. */
  weekAgo?: RecentActivity;
}

export interface EvaluateOptions {
  /** IANA zone for "today" and for the days of change events; the runtime's zone when left out. */
  timeZone?: string;
  /** Deal ids to run the deal rules on (a batch); pipeline rules always see all open deals. */
  only?: Set<string>;
  /** Rules to run instead of the registry (tests, the new-rule template). */
  rules?: readonly Rule[];
  /**
   * The site's amounts to rank deals by value among, instead of the amounts of `input`'s deals:
   * for a batch, those of the whole site as last scored (ScoredSite.amounts).
   */
  amounts?: ValuePercentiles;
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

/**
 * Deals are scored in blocks of this many: each rule runs over the block's deals one after the
 * other, so the call to it goes to the same function many times in a row (a call that changes
 * target on every step is mispredicted by the CPU) while the block's deals stay in the CPU cache.
 */
const BLOCK = 128;

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
  score: number,
  now: number,
): Warning {
  return {
    id,
    site,
    dealId,
    dealIds,
    ruleId: p.rule.id,
    severity: f.severity,
    score,
    facts: f.facts,
    nudge: nudgeFor(p.rule.nudges, subjectHash, p.hash),
    fingerprint: f.fingerprint,
    status: 'active',
    raisedAt: now,
    updatedAt: now,
  };
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * The warnings found, before any is made: per warning its finding, rule, deal, subject and
 * score, and per subject (a deal, or a pipeline finding) its hash, amount, id and name. A
 * warning object is made only when asked for (see ScoredSite): made while the rules still ran,
 * 100,000 of them were kept alive (and copied by the young-generation collections) through the
 * whole pass, and a rescan that finds what the store already holds needs none of them.
 */
class Found {
  /** Warnings found. */
  length = 0;
  findings: Finding[];
  /** Index of the rule in the evaluator's list. */
  rule: Int32Array;
  /** The warning's subject. */
  subject: Int32Array;
  /** The finding's severity (1 = critical) and how far past the threshold: read when the amounts are known. */
  critical: Uint8Array;
  over: Float64Array;
  score: Float64Array;
  /** stableHash32 of each subject's id (deal) or key (pipeline finding), for the nudge. */
  hash: Int32Array;
  /** Each deal subject's amount (NaN when unknown) and currency, for its percentile. */
  amount: Float64Array;
  readonly currencies: Array<string | undefined>;
  /**
   * Each deal subject's id, read while the deal is in the CPU cache: going back to the deal
   * to make its warnings costs a read from memory per object on the way.
   */
  readonly ids: string[];
  /** Each subject's name (the deal's, or the pipeline finding's key): ties in the ranking sort by it. */
  readonly names: string[];
  /** Subjects started. */
  subjects = 0;
  /** Per subject, 1 for a deal, whose warnings are grouped (see RankKeys.subject); 0 for a pipeline finding. */
  grouped: Uint8Array;

  constructor(warnings: number, subjects: number) {
    const n = Math.max(16, warnings);
    this.findings = new Array(n);
    this.rule = new Int32Array(n);
    this.subject = new Int32Array(n);
    this.critical = new Uint8Array(n);
    this.over = new Float64Array(n);
    this.score = new Float64Array(n);
    this.hash = new Int32Array(Math.max(16, subjects));
    this.amount = new Float64Array(this.hash.length);
    this.currencies = new Array(this.hash.length);
    this.ids = new Array(this.hash.length);
    this.names = new Array(this.hash.length);
    this.grouped = new Uint8Array(this.hash.length);
  }

  /** A warning found about the last subject; its score is set once all amounts are known. */
  add(finding: Finding, rule: number): void {
    const i = this.length;
    if (i === this.rule.length) this.grow();
    this.findings[i] = finding;
    this.rule[i] = rule;
    this.subject[i] = this.subjects - 1;
    this.critical[i] = finding.severity === 'critical' ? 1 : 0;
    this.over[i] = finding.over;
    this.length = i + 1;
  }

  /** Starts a subject for the next add()s. */
  startSubject(
    hash: number,
    amount: number | undefined,
    currency: string | undefined,
    id: string,
    name: string,
    grouped: boolean,
  ): void {
    const subject = this.subjects;
    if (subject === this.hash.length) {
      const size = 2 * subject;
      this.hash = grown(this.hash, new Int32Array(size));
      this.amount = grown(this.amount, new Float64Array(size));
      this.grouped = grown(this.grouped, new Uint8Array(size));
    }
    this.hash[subject] = hash;
    this.amount[subject] = amount ?? Number.NaN;
    this.currencies[subject] = currency;
    this.ids[subject] = id;
    this.names[subject] = name;
    this.grouped[subject] = grouped ? 1 : 0;
    this.subjects = subject + 1;
  }

  private grow(): void {
    const size = this.rule.length * 2;
    this.rule = grown(this.rule, new Int32Array(size));
    this.subject = grown(this.subject, new Int32Array(size));
    this.critical = grown(this.critical, new Uint8Array(size));
    this.over = grown(this.over, new Float64Array(size));
    this.score = grown(this.score, new Float64Array(size));
  }
}

/**
 * Scores one site's deals against every enabled rule and returns fresh warnings, ranked:
 * status active, score set, nudge chosen, raisedAt/updatedAt = now. Won, lost and closed
 * deals raise nothing. The lifecycle (snoozes, dismissals) is reconcile()'s business.
 * scoreSite() finds the same without making the warnings.
 */
export function evaluateSite(
  input: SiteInput,
  settings: RadarSettings,
  now: number,
  opts: EvaluateOptions = {},
): Warning[] {
  return scoreSite(input, settings, now, opts).ranked();
}

/**
 * Scores one site's deals against every enabled rule: what evaluateSite() finds, each warning
 * with its severity, score, facts, fingerprint and nudge, in the order found; the warnings
 * themselves are made only when asked for (see ScoredSite).
 */
export function scoreSite(
  input: SiteInput,
  settings: RadarSettings,
  now: number,
  opts: EvaluateOptions = {},
): ScoredSite {
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
  const all = input.deals;
  const open: SiteInput['deals'] = new Array(all.length);
  const amountList = new Float64Array(all.length);
  // Each amount's currency, as an index in `currencies` ('' for none shown): deals are ranked by
  // value among those in their own currency.
  const currencyAt = new Int32Array(all.length);
  const currencies: string[] = [];
  let lastCurrency: string | undefined;
  let lastCurrencyAt = -1;
  let openCount = 0;
  let amountCount = 0;
  const only = opts.only;
  const batch = only === undefined ? all.length : Math.min(only.size, all.length);
  // What the warnings will be made of; a deal is the subject of its warnings. At a guess of
  // their number: see above.
  const found = new Found(2 * batch, batch);
  const pipelineRules = enabled.filter((rule) => rule.scope === 'pipeline');
  // Only the pipeline rules read the columns, and they see every open deal, batch or not.
  const columns = dealColumns(pipelineRules.length > 0 ? all.length : 0);

  // One pass over the deals, block by block (see BLOCK), each read while it is in the CPU cache
  // (a first pass for the open deals and their amounts read them all twice): scores, which need
  // every amount, come after. One context for all deals and rules, updated in place: no
  // allocation per deal unless a rule fires.
  const ctx = dealContext(clock, positions);
  // A deal's id is `${site}|${key}` (model.ts): its hash for the nudge goes on from the hash of
  // the site's prefix over the key alone, the same number as over the whole id (stableHash32's
  // seed), over far fewer characters. An id built from template strings may not be flat either,
  // and reading one character at a time from one costs several times as much.
  const prefixHash = stableHash32(`${input.site}|`);
  // The block (see BLOCK): its deals, their dates and stage keys, and per deal and rule what the
  // rule found, handed to `found` deal by deal once every rule has run, in the order a deal by
  // deal pass finds them.
  const R = dealRules.length;
  const blockItems: Array<SiteInput['deals'][number]> = new Array(BLOCK);
  const blockDates: DealDates[] = [];
  for (let j = 0; j < BLOCK; j++) blockDates.push(emptyDealDates());
  const blockStage: Array<string | undefined> = new Array(BLOCK);
  const blockFound: Array<Finding | null> = new Array(BLOCK * R).fill(null);
  let b = 0;
  const flush = () => {
    for (let r = 0; r < R; r++) {
      const p = dealRules[r] as Prepared & { rule: DealRule };
      for (let j = 0; j < b; j++) {
        const item = blockItems[j] as SiteInput['deals'][number];
        ctx.deal = item.deal;
        ctx.history = item.history;
        ctx.dates = blockDates[j] as DealDates;
        const stage = blockStage[j];
        ctx.thresholds = stage === undefined ? p.base : (p.byStage.get(stage) ?? p.base);
        blockFound[j * R + r] = p.rule.evaluate(ctx);
      }
    }
    for (let j = 0; j < b; j++) {
      let fired = false;
      const deal = (blockItems[j] as SiteInput['deals'][number]).deal;
      for (let r = 0; r < R; r++) {
        const finding = blockFound[j * R + r] as Finding | null;
        if (finding === null) continue;
        if (!fired) {
          // Worked out once per deal, and only for deals that fire.
          fired = true;
          found.startSubject(stableHash32(deal.key, prefixHash), deal.amount, deal.currency, deal.id, deal.name, true);
        }
        found.add(finding, r);
      }
    }
    b = 0;
  };
  for (let i = 0; i < all.length; i++) {
    const item = all[i] as SiteInput['deals'][number];
    const deal = item.deal;
    if (!isOpenDeal(deal)) continue;
    const o = openCount++;
    open[o] = item;
    const amount = deal.amount;
    if (amount !== undefined) {
      const currency = deal.currency ?? '';
      // Most deals of a site share one currency: the last one seen comes up again.
      if (currency !== lastCurrency) {
        lastCurrency = currency;
        lastCurrencyAt = currencies.indexOf(currency);
        if (lastCurrencyAt < 0) lastCurrencyAt = currencies.push(currency) - 1;
      }
      currencyAt[amountCount] = lastCurrencyAt;
      amountList[amountCount++] = amount;
    }
    const inBatch = only === undefined || only.has(deal.id);
    if (!inBatch && pipelineRules.length === 0) continue;
    const dates = readDealDates(deal, blockDates[b] as DealDates);
    if (o < columns.stage.length) {
      columns.lastActivity[o] = dates.lastActivity;
      columns.stageDays[o] = stageDays(deal, item.history, clock, dates.stageEntered);
      columns.stage[o] = deal.stage;
    }
    if (!inBatch) continue;
    blockItems[b] = item;
    blockStage[b] = anyStageOverride && deal.stage !== undefined ? stageKey(deal.stage) : undefined;
    if (++b === BLOCK) flush();
  }
  flush();
  open.length = openCount;
  if (columns.stage.length > openCount) {
    columns.lastActivity = columns.lastActivity.subarray(0, openCount);
    columns.stageDays = columns.stageDays.subarray(0, openCount);
    columns.stage.length = openCount;
  }
  const amounts = opts.amounts ?? ValuePercentiles.fromAmounts(amountList, currencyAt, amountCount, currencies);
  // The deal warnings' scores, now that the amounts are known; from copies of the severity and
  // `over` rather than the findings, which lie all over the heap.
  const percentiles = new Float64Array(found.subjects);
  for (let s = 0; s < found.subjects; s++) percentiles[s] = amounts.of(found.amount[s], found.currencies[s]);
  for (let w = 0; w < found.length; w++) {
    const severity = found.critical[w] === 1 ? 'critical' : 'warn';
    found.score[w] = scoreOf(
      severity,
      found.over[w] as number,
      percentiles[found.subject[w] as number] as number,
    );
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
    weekAgo: input.weekAgo,
    deals: open,
    columns,
    thresholds: {},
    thresholdsFor: <S extends z.ZodObject>(rule: DealRule<S>, stage?: string) =>
      thresholdsOf(rule, stage) as z.infer<S>,
  };
  // The pipeline rules' warnings follow the deal rules' in `rules`.
  const rules: Prepared[] = dealRules.slice();
  const pipelineFound: Array<{ p: Prepared; finding: PipelineFinding }> = [];
  for (const rule of pipelineRules) {
    const p = prepared.get(rule.id);
    if (rule.scope !== 'pipeline' || p === undefined) continue;
    pipelineCtx.thresholds = p.base;
    for (const finding of rule.evaluate(pipelineCtx)) pipelineFound.push({ p, finding });
  }
  if (pipelineFound.length > 0) {
    // The deals named by findings that give no indexes, found in one pass over the open deals.
    const named = new Map<string, Deal | undefined>();
    for (const { finding } of pipelineFound)
      if (finding.dealIndexes === undefined) for (const dealId of finding.dealIds) named.set(dealId, undefined);
    if (named.size > 0) for (const { deal } of open) if (named.has(deal.id)) named.set(deal.id, deal);
    for (const { p, finding } of pipelineFound) {
      // Ranked by the deal it names that ranks highest by value (among those in its currency); an
      // unknown amount counts as the middle, as amounts.of() has it.
      let pct = 0;
      const indexes = finding.dealIndexes;
      const count = indexes === undefined ? finding.dealIds.length : indexes.length;
      for (let k = 0; k < count; k++) {
        const deal =
          indexes === undefined ? named.get(finding.dealIds[k] as string) : open[indexes[k] as number]?.deal;
        pct = Math.max(pct, amounts.of(deal?.amount, deal?.currency));
      }
      found.startSubject(stableHash32(`${input.site}|${finding.key}`), undefined, undefined, '', finding.key, false);
      found.add(finding, rules.length);
      found.score[found.length - 1] = scoreOf(finding.severity, finding.over, pct);
      rules.push(p);
    }
  }
  // Today's recent activity, for the site's day record (the pipeline rules' columns have it).
  const recent = pipelineRules.length > 0 ? recentActivity(columns.lastActivity, clock.todayNumber) : undefined;
  return new ScoredSite(input.site, now, found, rules, amounts, recent);
}

/**
 * One site's warnings as scoreSite() found them, before any is made: reconcile() reads what
 * each says and makes a record only for a warning that is new or changed, and a rescan that
 * finds what the store holds makes none. Warning i is the i-th found (deal by deal, pipeline
 * warnings last).
 */
export class ScoredSite implements FreshWarnings {
  constructor(
    readonly site: string,
    /** When they were found: a warning made from them is raised and updated then. */
    readonly now: number,
    private readonly found: Found,
    /** The rule of each warning, by found.rule. */
    private readonly rules: readonly Prepared[],
    /** The amounts the deals were ranked by value among. */
    readonly amounts: ValuePercentiles,
    /** Of the open deals, how many had a known last activity and one in the last 7 days (with the pipeline rules on). */
    readonly recent?: RecentActivity,
  ) {}

  get length(): number {
    return this.found.length;
  }

  /** A deal warning's id is its deal id and `|${ruleId}`. */
  readonly idsOfDealAndRule = true;

  /** Whether warning i is about a deal (or else a pipeline warning): a deal's warnings are grouped. */
  private aboutDeal(i: number): boolean {
    return this.found.grouped[this.found.subject[i] as number] === 1;
  }

  private prepared(i: number): Prepared {
    return this.rules[this.found.rule[i] as number] as Prepared;
  }

  /** `${dealId}|${ruleId}`, or `${site}|pipeline|${ruleId}|${key}`. */
  id(i: number): string {
    const { found } = this;
    const p = this.prepared(i);
    if (!this.aboutDeal(i)) return `${this.site}|pipeline|${p.rule.id}|${this.finding(i).key ?? ''}`;
    return found.ids[found.subject[i] as number] + p.idSuffix;
  }

  dealId(i: number): string | null {
    const { found } = this;
    return this.aboutDeal(i) ? (found.ids[found.subject[i] as number] as string) : null;
  }

  ruleId(i: number): string {
    return this.prepared(i).rule.id;
  }

  score(i: number): number {
    return this.found.score[i] as number;
  }

  /** What the rule found: severity, facts, fingerprint (shared: read, never change). */
  finding(i: number): Finding & { key?: string; dealIds?: string[] } {
    return this.found.findings[i] as Finding;
  }

  nudge(i: number): string {
    const p = this.prepared(i);
    return nudgeFor(p.rule.nudges, this.found.hash[this.found.subject[i] as number] as number, p.hash);
  }

  /** The deals a pipeline warning names, or the deal a deal warning is about. */
  dealIds(i: number): string[] {
    const dealId = this.dealId(i);
    return dealId === null ? ((this.finding(i) as PipelineFinding).dealIds ?? []) : [dealId];
  }

  /** Warning i, made: status active, raised and updated `now`. */
  warning(i: number, dealIds = this.dealIds(i)): Warning {
    const f = this.finding(i);
    return warningOf(
      this.site,
      this.id(i),
      this.dealId(i),
      dealIds,
      f,
      this.prepared(i),
      this.found.hash[this.found.subject[i] as number] as number,
      this.score(i),
      this.now,
    );
  }

  /** Every warning, made and ranked: highest score first, ties by name, then id (see rank.ts). */
  ranked(): Warning[] {
    const { found } = this;
    const count = found.length;
    // The sort keys, subject by subject: a subject's warnings were found one after the other.
    const keys = new RankKeys(count, found.subjects);
    let subject = -1;
    for (let w = 0; w < count; w++) {
      const s = found.subject[w] as number;
      if (s !== subject) {
        subject = s;
        keys.subject(found.names[s] as string, found.grouped[s] === 1);
      }
      keys.add(found.score[w] as number, this.prepared(w).tie);
    }
    const order = rankOrder(keys, count, (w) => this.id(w));
    // The warnings, made in the order they were found (deal by deal: what they are made of is
    // read one entry after the other) and each put at its rank. One dealIds array for all of a
    // deal's warnings: records are cloned when stored.
    const rankOf = new Int32Array(count);
    for (let k = 0; k < count; k++) rankOf[order[k] as number] = k;
    const out: Warning[] = new Array(count);
    let lastSubject = -1;
    let dealIds: string[] = [];
    for (let w = 0; w < count; w++) {
      const s = found.subject[w] as number;
      if (found.grouped[s] !== 1) out[rankOf[w] as number] = this.warning(w);
      else {
        if (s !== lastSubject) {
          lastSubject = s;
          dealIds = [found.ids[s] as string];
        }
        out[rankOf[w] as number] = this.warning(w, dealIds);
      }
    }
    return out;
  }
}
