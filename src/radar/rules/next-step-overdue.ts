import { z } from 'zod';
import { defineRule } from '../define-rule';
import { countDays, daysAgo, formatDay, Memo, SharedFinding, ThresholdLine } from '../format';

const threshold = new ThresholdLine<{ criticalDays: number }>(
  (t, business) =>
    `Threshold: any overdue next activity (critical after ${countDays(t.criticalDays, business)})`,
);
/** Per next-activity day: the fact, and the fingerprint as warning and as critical. */
const byDay = new Memo<number, [SharedFinding<object>, string, string]>();
/** Shared by every such warning of one set of thresholds, as findings are only read (see SharedFinding). */
const FLAG = new SharedFinding<{ criticalDays: number }>('The board marks the next activity as overdue; its date is not shown');

export default defineRule({
  id: 'next-step-overdue',
  title: 'Next step overdue',
  description: 'The next activity planned on the deal is already in the past.',
  scope: 'deal',
  perStage: false,
  thresholds: z.object({
    criticalDays: z.number().int().min(1).max(90).default(7).describe('Critical when overdue by (days)'),
  }),
  nudges: [
    'How can I turn the missed step into a fresh start? Reach out today with a new time and one reason it matters to them.',
    'How can I find out what got in the way on their side? Ask your contact whether priorities changed, and update the plan.',
    'How can I keep my own follow-ups on time? Do this one now, and block an hour for next steps each week.',
  ],
  evaluate(ctx) {
    const { deal, thresholds: t } = ctx;
    if (deal.nextActivity !== undefined) {
      // Overdue is a matter of the calendar: an activity due on Friday is overdue on Saturday,
      // though no business day has passed (then the fact counts calendar days).
      if (!(ctx.dates.nextActivity < ctx.todayNumber)) return null;
      const overdue = ctx.count(ctx.dates.nextActivity, ctx.todayNumber);
      const critical = overdue >= t.criticalDays;
      const day = deal.nextActivity;
      const known =
        byDay.get(ctx, ctx.dates.nextActivity) ??
        byDay.set(ctx.dates.nextActivity, [
          new SharedFinding(
            `Next activity was due ${overdue > 0 ? daysAgo(overdue, ctx.businessDays) : daysAgo(ctx.todayNumber - ctx.dates.nextActivity, false)}, on ${formatDay(day)}`,
          ),
          `${day}|warn`,
          `${day}|critical`,
        ]);
      const shared = known[0];
      return (
        shared.get(t) ??
        shared.set(t, {
          severity: critical ? 'critical' : 'warn',
          facts: [shared.fact, threshold.get(t, ctx.businessDays, undefined)],
          fingerprint: critical ? known[2] : known[1],
          over: overdue / t.criticalDays,
        })
      );
    }
    if (!deal.flags.includes('activity-overdue')) return null;
    // No date: not how long overdue, so a warning, with the threshold beside it.
    return (
      FLAG.get(t) ??
      FLAG.set(t, { severity: 'warn', facts: [FLAG.fact, threshold.get(t, ctx.businessDays, undefined)], fingerprint: 'flag', over: 0 })
    );
  },
});
