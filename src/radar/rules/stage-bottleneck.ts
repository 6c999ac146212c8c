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
    const byStage = new Map<string, Array<{ deal: (typeof ctx.deals)[number]['deal']; days: number; exact: boolean }>>();
    const totals = new Map<string, number>();
    for (const { deal, history } of ctx.deals) {
      if (deal.stage === undefined) continue;
      const key = stageKey(deal.stage);
      totals.set(key, (totals.get(key) ?? 0) + 1);
      // The same logic and thresholds as stalled-in-stage, per-stage overrides included.
      const limit = ctx.thresholdsFor(stalledInStage, key).days;
      if (!(stageDays(deal, history, ctx) > limit)) continue;
      const inStage = daysInStage(deal, history, ctx);
      if (inStage === null) continue;
      const list = byStage.get(key) ?? [];
      list.push({ deal, days: inStage.days, exact: inStage.source !== 'first-seen' });
      byStage.set(key, list);
    }
    const findings: PipelineFinding[] = [];
    for (const [key, stalled] of byStage) {
      const total = totals.get(key) ?? 0;
      const share = (stalled.length * 100) / total;
      if (total < t.minDeals || share < t.share) continue;
      const first = stalled[0];
      if (first === undefined) continue;
      const stage = first.deal.stage ?? key;
      const limit = ctx.thresholdsFor(stalledInStage, key).days;
      const critical = share >= t.share + (100 - t.share) / 2;
      stalled.sort((a, b) => b.days - a.days || a.deal.name.localeCompare(b.deal.name));
      const names = stalled.map((s) => `${s.deal.name} (${s.exact ? '' : 'at least '}${s.days})`);
      findings.push({
        key,
        dealIds: stalled.map((s) => s.deal.id),
        severity: critical ? 'critical' : 'warn',
        facts: [
          `${stalled.length} of ${total} open deals in ${stage} have been there longer than ${countDays(limit, ctx.businessDays)}`,
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
