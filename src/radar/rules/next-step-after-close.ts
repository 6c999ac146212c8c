import { z } from 'zod';
import { defineRule } from '../define-rule';
import { countDays, formatDay, Memo, SharedFinding, ThresholdLine } from '../format';

const threshold = new ThresholdLine<{ toleranceDays: number }>((t, business) =>
  t.toleranceDays > 0
    ? `Threshold: more than ${countDays(t.toleranceDays, business)} after the close date`
    : 'Threshold: any next activity after the close date',
);
/**
 * Per close date, then per next-activity day (their day numbers: the date strings would have to
 * be read from memory): the fact and the fingerprint.
 */
const byDays = new Memo<number, Map<number, [SharedFinding<object>, string]>>();

export default defineRule({
  id: 'next-step-after-close',
  title: 'Next step after the close date',
  description: 'The next activity is planned after the date the deal is meant to close.',
  scope: 'deal',
  perStage: false,
  thresholds: z.object({
    toleranceDays: z.number().int().min(0).max(60).default(0).describe('Allowed after the close date (days)'),
  }),
  nudges: [
    'How can the next step happen before the deal is meant to close? Offer a time this week, ahead of the close date.',
    'How can I get the facts on which date is real? Ask the buyer whether the close date or the meeting should move.',
    'How can I plan back from the close date? List the steps to signature and put a date on each one before it.',
  ],
  evaluate(ctx) {
    const { deal, thresholds: t } = ctx;
    if (deal.nextActivity === undefined || deal.closeDate === undefined) return null;
    const gap = ctx.count(ctx.dates.closeDate, ctx.dates.nextActivity);
    if (!(gap > t.toleranceDays)) return null;
    const { nextActivity: next, closeDate: close } = deal;
    // Both day numbers are known, as `gap` is.
    const { closeDate: closeDay, nextActivity: nextDay } = ctx.dates;
    const byNext = byDays.get(ctx, closeDay) ?? byDays.set(closeDay, new Map());
    let known = byNext.get(nextDay);
    if (known === undefined) {
      if (byNext.size > 1000) byNext.clear();
      known = [
        new SharedFinding(
          `Next activity on ${formatDay(next)}, ${countDays(gap, ctx.businessDays)} after the close date, ${formatDay(close)}`,
        ),
        `${next}|${close}`,
      ];
      byNext.set(nextDay, known);
    }
    const shared = known[0];
    return (
      shared.get(t) ??
      shared.set(t, {
        severity: 'warn',
        facts: [shared.fact, threshold.get(t, ctx.businessDays, undefined)],
        fingerprint: known[1],
        // A month after the close date counts as twice the threshold.
        over: (gap - t.toleranceDays) / 30,
      })
    );
  },
});
