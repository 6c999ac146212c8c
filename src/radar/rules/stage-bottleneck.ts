import { z } from 'zod';
import { defineRule, type PipelineFinding } from '../define-rule';
import { countDays, listNames } from '../format';
import { daysInStage, StageTable, stageKey } from '../stages';
import stalledInStage from './stalled-in-stage';

/** How many stalled deals the facts name (listNames' default). */
const NAMED = 5;

/** Code-unit order of two strings: -1, 0 or 1. */
function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

export default defineRule({
  id: 'stage-bottleneck',
  title: 'Bottleneck stage',
  description: 'Most deals in one stage are stalled there: the stage is the problem, not each deal.',
  scope: 'pipeline',
  perStage: false,
  thresholds: z.object({
    minDeals: z.number().int().min(2).max(1000).default(3).describe('Only stages with at least (deals)'),
    share: z.number().min(10).max(100).default(50).describe('Stalled share of the stage (%)'),
  }),
  nudges: [
    'How can this stage be made easier for buyers? Look at what the stalled deals have in common and fix that one step.',
    'How do other teams move deals through this stage? Ask a seller whose deals pass it quickly what they do differently.',
    'How can I test one change in this stage this week? Try it on two stalled deals and compare the result.',
  ],
  evaluate(ctx) {
    const { thresholds: t } = ctx;
    type Item = (typeof ctx.deals)[number];
    type Group = {
      total: number;
      limit: number;
      /** Deals stalled in the stage: counted first, listed only where the stage is a bottleneck. */
      stalledCount: number;
      stalled: Item[];
      days: number[];
      indexes: number[];
    };
    const groups = new Map<string, Group>();
    // The group of each stage name as deals spell it: one short scan per deal.
    const byName = new StageTable<Group>();
    const { stage: stages, stageDays } = ctx.columns;
    for (let i = 0; i < ctx.deals.length; i++) {
      const stage = stages[i];
      if (stage === undefined) continue;
      let group = byName.get(stage);
      if (group === undefined) {
        const key = stageKey(stage);
        group = groups.get(key);
        if (group === undefined) {
          // The same logic and thresholds as stalled-in-stage, per-stage overrides included.
          group = {
            total: 0,
            limit: ctx.thresholdsFor(stalledInStage, key).days,
            stalledCount: 0,
            stalled: [],
            days: [],
            indexes: [],
          };
          groups.set(key, group);
        }
        byName.set(stage, group);
      }
      group.total++;
      // stageDays() of the deal, worked out in the evaluator's pass.
      if ((stageDays[i] as number) > group.limit) group.stalledCount++;
    }
    const bottleneck = (g: Group) =>
      g.stalledCount > 0 && g.total >= t.minDeals && (g.stalledCount * 100) / g.total >= t.share;
    // Most scans find no bottleneck: the stalled deals are listed only for stages that are one,
    // in a second pass, rather than in lists grown for every stage on every scan.
    let any = false;
    for (const group of groups.values()) {
      if (!bottleneck(group)) continue;
      any = true;
      group.stalled = new Array(group.stalledCount);
      group.days = new Array(group.stalledCount);
      group.indexes = new Array(group.stalledCount);
      // From here on, where the next stalled deal goes in the lists.
      group.stalledCount = 0;
    }
    if (!any) return [];
    for (let i = 0; i < ctx.deals.length; i++) {
      const stage = stages[i];
      if (stage === undefined) continue;
      // The table keeps a bounded number of spellings: past it, the group is found by its key.
      const group = byName.get(stage) ?? groups.get(stageKey(stage));
      const days = stageDays[i] as number;
      if (group === undefined || group.stalled.length === 0 || !(days > group.limit)) continue;
      const k = group.stalledCount++;
      group.stalled[k] = ctx.deals[i] as Item;
      group.days[k] = days;
      group.indexes[k] = i;
    }
    const findings: PipelineFinding[] = [];
    for (const [key, { total, limit, stalled, days, indexes }] of groups) {
      if (stalled.length === 0) continue;
      const share = (stalled.length * 100) / total;
      const critical = share >= t.share + (100 - t.share) / 2;
      // Longest in the stage first, then by name and id as the popup ranks warnings (lower-cased,
      // by code units): days tie a lot, and a locale-aware collator on every tie cost more than
      // the rest of the rule. stageDays() gives the same count as daysInStage(). Each deal's name
      // and id are read once, in the deals' order: read in sorted order, each is a trip to memory.
      const n = stalled.length;
      const names: string[] = new Array(n);
      const ids: string[] = new Array(n);
      const order: number[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const deal = (stalled[i] as Item).deal;
        names[i] = deal.name.toLowerCase();
        ids[i] = deal.id;
        order[i] = i;
      }
      order.sort(
        (a, b) =>
          (days[b] as number) - (days[a] as number) ||
          compareText(names[a] as string, names[b] as string) ||
          compareText(ids[a] as string, ids[b] as string),
      );
      const dealIds: string[] = new Array(n);
      const dealIndexes: number[] = new Array(n);
      for (let k = 0; k < n; k++) {
        dealIds[k] = ids[order[k] as number] as string;
        dealIndexes[k] = indexes[order[k] as number] as number;
      }
      // listNames() shows a few names and counts the rest: only those need their "N days" text.
      const shown = order.length <= NAMED ? order : order.slice(0, NAMED);
      const named = shown.map((i) => {
        const { deal, history } = stalled[i] as Item;
        const inStage = daysInStage(deal, history, ctx);
        const atLeast = inStage?.source === 'first-seen' || inStage?.source === 'crm-rough';
        return `${deal.name} (${atLeast ? 'at least ' : ''}${inStage?.days})`;
      });
      findings.push({
        key,
        dealIds,
        dealIndexes,
        severity: critical ? 'critical' : 'warn',
        facts: [
          `${stalled.length} of ${total} open deals in ${stalled[0]?.deal.stage ?? key} have been there longer than ${countDays(limit, ctx.businessDays)}`,
          `Stalled, days in stage: ${listNames(named, NAMED, order.length)}`,
          `Threshold: ${t.share}% of a stage's deals stalled, in stages with at least ${t.minDeals} deals`,
        ],
        // The severity only: a dismissed bottleneck stays dismissed while deals come and go in it,
        // and comes back when it turns critical. (With the count in it, one deal moving on ended
        // the dismissal.)
        fingerprint: critical ? 'critical' : 'warn',
        over: (share - t.share) / t.share,
      });
    }
    return findings;
  },
});
