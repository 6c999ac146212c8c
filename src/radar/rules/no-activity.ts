import { z } from 'zod';
import { type DealContext, defineRule } from '../define-rule';
import { countDays, formatDay, lastActivityFact, Memo, ThresholdLine } from '../format';

/** A future activity is booked: a next activity today or later, or the board's planned/today icon. */
function isBooked(ctx: DealContext<unknown>): boolean {
  const { deal } = ctx;
  if (deal.flags.includes('activity-planned') || deal.flags.includes('activity-today')) return true;
  return ctx.dates.nextActivity >= ctx.todayNumber;
}

const threshold = new ThresholdLine<{ days: number; criticalDays: number }>(
  (t, business) => `Threshold: ${countDays(t.days, business)} (critical at ${t.criticalDays})`,
);
const nextFacts = new Memo<string>();

export default defineRule({
  id: 'no-activity',
  title: 'No recent activity',
  description: 'The last activity on an open deal was too long ago.',
  scope: 'deal',
  perStage: true,
  thresholds: z.object({
    days: z.number().int().min(1).max(365).default(14).describe('Warn after (days without activity)'),
    criticalDays: z
      .number()
      .int()
      .min(1)
      .max(730)
      .default(30)
      .describe('Critical after (days without activity)'),
    quietWhenBooked: z.boolean().default(false).describe('Quiet while a future activity is booked (on/off)'),
  }),
  nudges: [
    'How can I find out what changed on their side since we last spoke? Call your main contact today and ask what moved on their end.',
    'How can I give them a reason to reply this week? Send one short note with something new for them: a fact, a customer story or a date.',
    'How did the sellers who closed deals like this keep them warm? Ask one of them for ten minutes and borrow their follow-up.',
    'How would a great service business check in with a quiet client? Adopt one of their habits, adapt it to this deal, and book the call.',
  ],
  evaluate(ctx) {
    const { deal, thresholds: t } = ctx;
    if (deal.lastActivity === undefined) return null;
    const idle = ctx.count(ctx.dates.lastActivity, ctx.todayNumber);
    if (!(idle > t.days)) return null;
    if (t.quietWhenBooked && isBooked(ctx)) return null;
    const critical = idle >= t.criticalDays;
    const activity = lastActivityFact(ctx, ctx.dates.lastActivity, deal.lastActivity);
    const line = threshold.get(t, ctx.businessDays, undefined);
    const next = deal.nextActivity;
    const facts =
      next === undefined
        ? [activity, line]
        : [
            activity,
            line,
            nextFacts.get(ctx, next) ?? nextFacts.set(next, `Next activity: ${formatDay(next)}`),
          ];
    return {
      severity: critical ? 'critical' : 'warn',
      facts,
      fingerprint: critical ? 'critical' : 'warn',
      over: (idle - t.days) / t.days,
    };
  },
});
