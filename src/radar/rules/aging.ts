import { z } from 'zod';
import { ROUGH } from '../clock';
import { defineRule } from '../define-rule';
import { countDays, criticalDaysAt, formatDay, Memo, SharedFinding, ThresholdLine } from '../format';

const threshold = new ThresholdLine<{ days: number; criticalDays: number }>(
  (t, business) => `Threshold: ${countDays(t.days, business)} (critical at ${criticalDaysAt(t)})`,
);
/** Per day number of the start, times two, plus one when it is the CRM's create date. */
const facts = new Memo<number, SharedFinding<object>>();

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
    const start = exact ? ctx.dates.created : ctx.dayNumberOf(deal.firstSeen);
    const age = ctx.count(start, ctx.todayNumber);
    if (!(age > t.days)) return null;
    const critical = age >= criticalDaysAt(t);
    // A create date the page gave only roughly ("a year ago") also gives a lower bound.
    const rough = exact && (ctx.dates.rough & ROUGH.created) !== 0;
    const key = start * 3 + (rough ? 2 : exact ? 1 : 0);
    let fact = facts.get(ctx, key);
    if (fact === undefined) {
      const since = formatDay(deal.created ?? ctx.dayOf(deal.firstSeen));
      const n = countDays(age, ctx.businessDays);
      fact = facts.set(
        key,
        new SharedFinding(
          rough
            ? `Open for at least ${n}: the page gives only a rough created date`
            : exact
              ? `Open for ${n}, created on ${since}`
              : `Open for at least ${n}: first seen on ${since}`,
        ),
      );
    }
    return (
      fact.get(t) ??
      fact.set(t, {
        severity: critical ? 'critical' : 'warn',
        facts: [fact.fact, threshold.get(t, ctx.businessDays, undefined)],
        fingerprint: critical ? 'critical' : 'warn',
        over: (age - t.days) / t.days,
      })
    );
  },
});
