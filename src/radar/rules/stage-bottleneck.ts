import { z } from 'zod';
import { defineRule, type PipelineFinding } from '../define-rule';
import { countDays, listNames } from '../format';
import { daysInStage, stageDays, stageKey } from '../stages';
import stalledInStage from './stalled-in-stage';

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
    const groups = new Map<string, { total: number; limit: number; stalled: Item[] }>();
    for (const item of ctx.deals) {
      if (item.deal.stage === undefined) continue;
      const key = stageKey(item.deal.stage);
      let group = groups.get(key);
      if (group === undefined) {
        // The same logic and thresholds as stalled-in-stage, per-stage overrides included.
        group = { total: 0, limit: ctx.thresholdsFor(stalledInStage, key).days, stalled: [] };
        groups.set(key, group);
      }
      group.total++;
      if (stageDays(item.deal, item.history, ctx) > group.limit) group.stalled.push(item);
    }
    const findings: PipelineFinding[] = [];
    for (const [key, { total, limit, stalled }] of groups) {
      const share = (stalled.length * 100) / total;
      if (total < t.minDeals || share < t.share || stalled.length === 0) continue;
      const critical = share >= t.share + (100 - t.share) / 2;
      const named = stalled
        .map(({ deal, history }) => ({ deal, inStage: daysInStage(deal, history, ctx) }))
        .sort(
          (a, b) => (b.inStage?.days ?? 0) - (a.inStage?.days ?? 0) || a.deal.name.localeCompare(b.deal.name),
        );
      const names = named.map(
        ({ deal, inStage }) =>
          `${deal.name} (${inStage?.source === 'first-seen' ? 'at least ' : ''}${inStage?.days})`,
      );
      findings.push({
        key,
        dealIds: named.map(({ deal }) => deal.id),
        severity: critical ? 'critical' : 'warn',
        facts: [
          `${stalled.length} of ${total} open deals in ${stalled[0]?.deal.stage ?? key} have been there longer than ${countDays(limit, ctx.businessDays)}`,
          `Stalled, days in stage: ${listNames(names)}`,
          `Threshold: ${t.share}% of a stage's deals stalled, in stages with at least ${t.minDeals} deals`,
        ],
        fingerprint: `${critical ? 'critical' : 'warn'}|${stalled.length}`,
        over: (share - t.share) / t.share,
      });
    }
    return findings;
  },
});
