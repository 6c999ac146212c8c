import { z } from 'zod';
import { defineRule } from '../define-rule';
import { countDays, formatDay, onceFor, unitKey } from '../format';

export default defineRule({
  id: 'aging',
  title: 'Aging deal',
  description: 'The deal has been open for a long time since it was created.',
  scope: 'deal',
  perStage: false,
  thresholds: z.object({
    days: z.number().int().min(7).max(3650).default(90).describe('Warn after (days open)'),
    criticalDays: z.number().int().min(7).max(3650).default(180).describe('Critical after (days open)'),
  }),
  nudges: [
    'How can I see this deal with fresh eyes? Write down what is known and not known, and test it with your contact.',
    'How can I help the buyer decide, either way? Ask plainly whether this is still a priority this quarter.',
    'How would a guide judge this deal? Review it with someone who has closed long deals and agree one step, or a clean close.',
  ],
  evaluate(ctx) {
    const { deal, thresholds: t } = ctx;
    // The CRM's create date where shown; else our first sighting, which only gives a lower bound.
    const exact = deal.created !== undefined;
    const age = ctx.count(exact ? ctx.dates.created : ctx.dayNumberOf(deal.firstSeen), ctx.todayNumber);
    if (!(age > t.days)) return null;
    const since = deal.created ?? ctx.dayOf(deal.firstSeen);
    const critical = age >= t.criticalDays;
    const n = countDays(age, ctx.businessDays);
    return {
      severity: critical ? 'critical' : 'warn',
      facts: [
        exact
          ? `Open for ${n}, created on ${formatDay(since)}`
          : `Open for at least ${n}: first seen on ${formatDay(since)}`,
        onceFor(
          t,
          unitKey(ctx.businessDays),
          () => `Threshold: ${countDays(t.days, ctx.businessDays)} (critical at ${t.criticalDays})`,
        ),
      ],
      fingerprint: critical ? 'critical' : 'warn',
      over: (age - t.days) / t.days,
    };
  },
});
