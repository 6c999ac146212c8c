import { z } from 'zod';
import { ROUGH } from '../clock';
import { type DealContext, defineRule, type Finding } from '../define-rule';
import { countDays, criticalDaysAt, formatDay, lastActivityFact, Memo, neverActive, SharedFinding, ThresholdLine } from '../format';

/** A future activity is booked: a next activity today or later, or the board's planned/today icon. */
function isBooked(ctx: DealContext<unknown>): boolean {
  const { deal } = ctx;
  if (deal.flags.includes('activity-planned') || deal.flags.includes('activity-today')) return true;
  return ctx.dates.nextActivity >= ctx.todayNumber;
}

type Thresholds = { days: number; criticalDays: number; quietWhenBooked: boolean };

/** A deal on which no activity was ever logged, where the page shows the field (see neverActive). */
function never(ctx: DealContext<Thresholds>): Finding | null {
  const t = ctx.thresholds;
  const found = neverActive(ctx);
  if (found === null || !(found.idle > t.days)) return null;
  if (t.quietWhenBooked && isBooked(ctx)) return null;
  const critical = found.idle >= criticalDaysAt(t);
  const next = ctx.deal.nextActivity;
  const line = threshold.get(t, ctx.businessDays, undefined);
  return {
    severity: critical ? 'critical' : 'warn',
    facts: next === undefined ? [found.fact, line] : [found.fact, line, `Next activity: ${formatDay(next)}`],
    fingerprint: critical ? 'critical' : 'warn',
    over: (found.idle - t.days) / t.days,
  };
}

const threshold = new ThresholdLine<{ days: number; criticalDays: number }>(
  (t, business) => `Threshold: ${countDays(t.days, business)} (critical at ${criticalDaysAt(t)})`,
);
/**
 * Per day of the last activity: the finding without a next activity, and one per next activity
 * day. Everything in a finding follows from those two days and the thresholds, and thousands of
 * quiet deals share a last activity day. Keyed by day numbers, worked out already: a deal's date
 * strings lie all over the heap, and looking one up reads it from memory.
 */
const byDay = new Memo<number, { none: SharedFinding<object>; byNext: Map<number, SharedFinding<object>> }>();
/** The same for a last activity the page gave only roughly (Deal.rough): its facts say so. */
const byRoughDay = new Memo<number, { none: SharedFinding<object>; byNext: Map<number, SharedFinding<object>> }>();

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
    if (deal.lastActivity === undefined) return never(ctx);
    const idle = ctx.count(ctx.dates.lastActivity, ctx.todayNumber);
    if (!(idle > t.days)) return null;
    if (t.quietWhenBooked && isBooked(ctx)) return null;
    const day = ctx.dates.lastActivity;
    const rough = (ctx.dates.rough & ROUGH.lastActivity) !== 0;
    const memo = rough ? byRoughDay : byDay;
    let known = memo.get(ctx, day);
    if (known === undefined) {
      const activity = lastActivityFact(ctx, day, deal.lastActivity, rough);
      known = memo.set(day, { none: new SharedFinding(activity), byNext: new Map() });
    }
    const next = deal.nextActivity;
    let shared = known.none;
    if (next !== undefined) {
      const nextDay = ctx.dates.nextActivity;
      let withNext = known.byNext.get(nextDay);
      // A date that could not be read has no day number: its finding is not kept.
      if (withNext === undefined || Number.isNaN(nextDay)) {
        // A site has a few hundred next activity days at most; the bound only guards odd input.
        if (known.byNext.size > 1000) known.byNext.clear();
        withNext = new SharedFinding(`Next activity: ${formatDay(next)}`);
        if (!Number.isNaN(nextDay)) known.byNext.set(nextDay, withNext);
      }
      shared = withNext;
    }
    const found = shared.get(t);
    if (found !== undefined) return found;
    const critical = idle >= criticalDaysAt(t);
    const activity = known.none.fact;
    const line = threshold.get(t, ctx.businessDays, undefined);
    return shared.set(t, {
      severity: critical ? 'critical' : 'warn',
      facts: next === undefined ? [activity, line] : [activity, line, shared.fact],
      fingerprint: critical ? 'critical' : 'warn',
      over: (idle - t.days) / t.days,
    });
  },
});
