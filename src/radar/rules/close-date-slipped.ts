import { z } from 'zod';
import { dayDiff } from '../days';
import { defineRule } from '../define-rule';
import { countDays, formatDay, ThresholdLine } from '../format';
import { isSlip } from '../history';
import type { Day } from '../model';

const threshold = new ThresholdLine<{ slips: number; totalDays: number }>(
  (t) => `Threshold: moved later ${t.slips} times, or by more than ${t.totalDays} days in total`,
);

/** Where the close date is now against the first one seen: later, earlier, the same, or no distance when either is unreadable. */
function nowFact(current: Day, first: string, total: number): string {
  const now = `Now ${formatDay(current)}`;
  const firstSeen = `the first close date seen, ${formatDay(first)}`;
  if (Number.isNaN(total)) return `${now}; ${firstSeen}`;
  if (total === 0) return `${now}: the same as ${firstSeen}`;
  return `${now}: ${countDays(Math.abs(total), false)} ${total > 0 ? 'later' : 'earlier'} than ${firstSeen}`;
}

export default defineRule({
  id: 'close-date-slipped',
  title: 'Close date keeps slipping',
  description: 'The close date was moved later several times, or far in total.',
  scope: 'deal',
  perStage: false,
  thresholds: z.object({
    slips: z.number().int().min(1).max(20).default(2).describe('Warn after (times moved later)'),
    totalDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(30)
      .describe('Warn when moved later in total by more than (days)'),
  }),
  nudges: [
    'How can I find what keeps moving the date on their side? Ask your contact which step took longer than planned.',
    'How can I anchor the date to something that matters to them? Tie the close to a date in their plans, like a launch or a budget cut-off.',
    'How did others keep a slipping deal on track? Ask a colleague who closed a similar one what they did at this point.',
  ],
  evaluate(ctx) {
    const { deal, history, thresholds: t } = ctx;
    const current = deal.closeDate;
    // Nothing to compare with: the history need not be read.
    if (current === undefined) return null;
    let slips = 0;
    let first: string | undefined;
    let lastSlip: (typeof history)[number] | undefined;
    for (const event of history) {
      if (event.field !== 'closeDate') continue;
      if (first === undefined) first = event.from ?? event.to ?? undefined;
      if (isSlip(event)) {
        slips++;
        lastSlip = event;
      }
    }
    if (first === undefined || lastSlip === undefined) return null;
    // Net distance, in calendar days between the two dates: a date pulled in and pushed out again counts once.
    const total = dayDiff(first, current);
    const bySlips = slips >= t.slips;
    const byDays = total > t.totalDays;
    if (!bySlips && !byDays) return null;
    const critical = bySlips && byDays;
    return {
      severity: critical ? 'critical' : 'warn',
      facts: [
        `Close date moved later ${slips === 1 ? 'once' : `${slips} times`}; last on ${formatDay(ctx.dayOf(lastSlip.at))}, from ${formatDay(lastSlip.from ?? '')} to ${formatDay(lastSlip.to ?? '')}`,
        nowFact(current, first, total),
        threshold.get(t, ctx.businessDays, undefined),
      ],
      // The last slip and the severity: a new slip, or critical now, brings a dismissed warning
      // back. Not the number of slips, which falls when old history is pruned (retention, or
      // storage full): a dismissal would end with nothing new.
      fingerprint: `slip|${lastSlip.at}|${critical ? 'critical' : 'warn'}`,
      // A date that cannot be read has no distance: the slips alone say how far past the threshold.
      over: Math.max(slips / t.slips, Number.isNaN(total) ? 0 : total / t.totalDays) - 1,
    };
  },
});
