import { z } from 'zod';
import { defineRule } from '../define-rule';
import { countDays, formatDay, onceFor, unitKey } from '../format';

export default defineRule({
  id: 'closing-soon-early-stage',
  title: 'Closing soon in an early stage',
  description: 'The close date is near while the deal is still in the first half of the pipeline.',
  scope: 'deal',
  perStage: false,
  thresholds: z.object({
    withinDays: z.number().int().min(1).max(180).default(14).describe('Closing within (days)'),
  }),
  nudges: [
    'How can I check whether this close date is real? Ask the buyer which steps still lie between today and a signature.',
    'How can I bring the stage and the date into line? Move the deal on with a dated plan, or move the date to what the facts say.',
    'How would someone who has closed fast deals handle this? Ask them what they would do in the next 48 hours.',
  ],
  evaluate(ctx) {
    const { deal, thresholds: t } = ctx;
    if (deal.closeDate === undefined || deal.stage === undefined) return null;
    const index = ctx.stageIndex(deal.stage);
    const firstHalf = Math.floor(ctx.openStageCount / 2);
    if (index < 0 || index >= firstHalf) return null;
    const toClose = ctx.count(ctx.todayNumber, ctx.dates.closeDate);
    if (!(toClose >= 0 && toClose <= t.withinDays)) return null;
    const critical = toClose <= t.withinDays / 2;
    return {
      severity: critical ? 'critical' : 'warn',
      facts: [
        `Closes in ${countDays(toClose, ctx.businessDays)}, on ${formatDay(deal.closeDate)}`,
        `Stage ${deal.stage} is step ${index + 1} of ${ctx.openStageCount} open stages`,
        onceFor(
          t,
          unitKey(ctx.businessDays),
          () =>
            `Threshold: closing within ${countDays(t.withinDays, ctx.businessDays)} while in the first ${firstHalf} stages (critical within ${Math.floor(t.withinDays / 2)})`,
        ),
      ],
      fingerprint: `${deal.stage.toLowerCase()}|${deal.closeDate}|${critical ? 'critical' : 'warn'}`,
      over: (t.withinDays - toClose) / t.withinDays,
    };
  },
});
