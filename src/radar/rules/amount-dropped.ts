import { z } from 'zod';
import { defineRule } from '../define-rule';
import { formatAmount, formatDay, ThresholdLine } from '../format';
import { eventNumber } from '../history';

const threshold = new ThresholdLine<{ percent: number; criticalPercent: number }>(
  (t) => `Threshold: down ${t.percent}% from the highest amount seen (critical at ${Math.max(t.criticalPercent, t.percent)}%)`,
);

export default defineRule({
  id: 'amount-dropped',
  title: 'Amount dropped',
  description: 'The deal amount fell well below the highest amount seen on it.',
  scope: 'deal',
  perStage: false,
  thresholds: z.object({
    percent: z.number().min(1).max(99).default(20).describe('Warn when down by (% from the highest seen)'),
    criticalPercent: z
      .number()
      .min(1)
      .max(100)
      .default(50)
      .describe('Critical when down by (% from the highest seen)'),
  }),
  nudges: [
    'How can I understand what the buyer values now? Ask which part of the offer matters most, and rebuild it around that.',
    'How can I get the facts behind the smaller number? Check whether budget, scope or a competitor changed it.',
    'How can I keep the value while meeting their budget? Offer a phased plan rather than a lower price.',
  ],
  evaluate(ctx) {
    const { deal, history, thresholds: t } = ctx;
    const current = deal.amount;
    if (current === undefined) return null;
    // From the highest amount seen rather than the previous one: several small cuts add up.
    let peak = current;
    let peakAt: number | undefined;
    let peakBefore = false;
    // The last cut: a further one is news for a dismissed warning.
    let cutAt: number | undefined;
    for (const event of history) {
      if (event.field !== 'amount') continue;
      const from = eventNumber(event.from);
      const to = eventNumber(event.to);
      if (to < from) cutAt = event.at; // isCut(event), on the numbers already read
      if (from > peak) {
        peak = from;
        peakAt = event.at;
        peakBefore = true;
      }
      if (to > peak) {
        peak = to;
        peakAt = event.at;
        peakBefore = false;
      }
    }
    if (!(peak > 0) || peakAt === undefined) return null;
    const drop = ((peak - current) * 100) / peak;
    if (!(drop >= t.percent)) return null;
    // Never critical below the warning's own threshold, whatever the two settings say.
    const critical = drop >= Math.max(t.criticalPercent, t.percent);
    const when = formatDay(ctx.dayOf(peakAt));
    return {
      severity: critical ? 'critical' : 'warn',
      facts: [
        `Amount now ${formatAmount(current, deal.currency)}, down ${Math.round(drop)}% from the highest seen, ${formatAmount(peak, deal.currency)}`,
        peakBefore
          ? `The highest amount was seen before the change on ${when}`
          : `The highest amount was seen on ${when}`,
        threshold.get(t, ctx.businessDays, undefined),
      ],
      // The last cut and the severity: a further cut, or critical now, brings a dismissed warning
      // back. Not how far down it is, which shrinks when the peak is pruned from the history
      // (retention, or storage full): a dismissal would end with nothing new.
      fingerprint: `cut|${cutAt ?? peakAt}|${critical ? 'critical' : 'warn'}`,
      over: (drop - t.percent) / t.percent,
    };
  },
});
