import { z } from 'zod';
import { defineRule } from '../define-rule';
import { countDays, daysAgo, formatDay, Memo, ThresholdLine } from '../format';

const threshold = new ThresholdLine<{ graceDays: number }>((t, business) =>
  t.graceDays > 0
    ? `Threshold: ${countDays(t.graceDays, business)} after the close date`
    : 'Threshold: the day after the close date',
);
const passedFacts = new Memo<string>();
const stageFacts = new Memo<string>();

export default defineRule({
  id: 'close-date-passed',
  title: 'Close date passed',
  description: 'An open deal whose expected close date is already behind us.',
  scope: 'deal',
  perStage: false,
  thresholds: z.object({
    graceDays: z.number().int().min(0).max(60).default(0).describe('Grace after the close date (days)'),
  }),
  nudges: [
    'How can I set a close date the buyer would sign off on? Ask them for their real decision date and update the deal today.',
    'How can I get the facts on where this decision stands? Ask your contact who still has to approve it, and note it in the deal.',
    'How can I turn this into the outcome I want? Write down the one step that would get a yes, and book it this week.',
  ],
  evaluate(ctx) {
    const { deal, thresholds: t } = ctx;
    if (deal.closeDate === undefined) return null;
    const late = ctx.count(ctx.dates.closeDate, ctx.todayNumber);
    if (!(late > t.graceDays)) return null;
    const close = deal.closeDate;
    const passed =
      passedFacts.get(ctx, close) ??
      passedFacts.set(close, `Close date ${formatDay(close)} passed ${daysAgo(late, ctx.businessDays)}`);
    const stage = deal.stage;
    const facts =
      stage === undefined
        ? [passed, threshold.get(t, ctx.businessDays, undefined)]
        : [
            passed,
            stageFacts.get(ctx, stage) ?? stageFacts.set(stage, `Still open, in ${stage}`),
            threshold.get(t, ctx.businessDays, undefined),
          ];
    return {
      severity: 'critical',
      facts,
      // A new close date that passes again is a new situation: it brings a dismissed warning back.
      fingerprint: deal.closeDate,
      // A month late counts as twice the threshold.
      over: (late - t.graceDays) / 30,
    };
  },
});
