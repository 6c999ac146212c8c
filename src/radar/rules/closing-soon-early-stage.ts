import { z } from 'zod';
import { defineRule } from '../define-rule';
import { countDays, formatDay, Memo, ThresholdLine } from '../format';

const threshold = new ThresholdLine<{ withinDays: number }, number>(
  (t, business, firstHalf) =>
    `Threshold: closing within ${countDays(t.withinDays, business)} while in the first ${firstHalf} stages (critical within ${Math.floor(t.withinDays / 2)})`,
);
/** By the close date's day number: the date string would have to be read from memory. */
const closeFacts = new Memo<number>();
/** The last few stage facts: a site has a handful of stages, and the text depends on the pipeline too. */
const stageFacts = new Map<string, { index: number; count: number; text: string }>();

function stageFact(stage: string, index: number, count: number): string {
  const known = stageFacts.get(stage);
  if (known !== undefined && known.index === index && known.count === count) return known.text;
  const text = `Stage ${stage} is step ${index + 1} of ${count} open stages`;
  if (stageFacts.size > 1000) stageFacts.clear();
  stageFacts.set(stage, { index, count, text });
  return text;
}

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
    const { closeDate: close, stage } = deal;
    return {
      severity: critical ? 'critical' : 'warn',
      facts: [
        closeFacts.get(ctx, ctx.dates.closeDate) ??
          closeFacts.set(
            ctx.dates.closeDate,
            `Closes in ${countDays(toClose, ctx.businessDays)}, on ${formatDay(close)}`,
          ),
        stageFact(stage, index, ctx.openStageCount),
        threshold.get(t, ctx.businessDays, firstHalf),
      ],
      fingerprint: `${deal.stage.toLowerCase()}|${deal.closeDate}|${critical ? 'critical' : 'warn'}`,
      over: (t.withinDays - toClose) / t.withinDays,
    };
  },
});
