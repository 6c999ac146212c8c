import { z } from 'zod';
import { defineRule } from '../define-rule';
import { countDays, factList, formatDay, ThresholdLine } from '../format';

const threshold = new ThresholdLine<{ lookbackDays: number }>(
  (t, business) =>
    `Threshold: any step back in the last ${countDays(t.lookbackDays, business)} (critical at 2 stages or 2 times)`,
);

export default defineRule({
  id: 'stage-regressed',
  title: 'Moved back a stage',
  description: 'The deal moved backwards in the pipeline and has not moved forward again.',
  scope: 'deal',
  perStage: false,
  thresholds: z.object({
    lookbackDays: z.number().int().min(1).max(730).default(90).describe('Look back over (days)'),
  }),
  nudges: [
    'How can I learn what changed on their side? Ask your contact what new question or new person came up.',
    'How can I turn the step back into firmer ground? Agree with the buyer what must be true to move forward again.',
    'How have others won back a deal that moved back? Ask a colleague who has done it and try their approach.',
  ],
  evaluate(ctx) {
    const { deal, history, thresholds: t } = ctx;
    let count = 0;
    let last: (typeof history)[number] | undefined;
    let lastFrom = -1;
    for (const event of history) {
      if (event.field !== 'stage') continue;
      const from = ctx.stageIndex(event.from);
      const to = ctx.stageIndex(event.to);
      if (from < 0 || to < 0 || to >= from) continue;
      if (ctx.count(ctx.dayNumberOf(event.at), ctx.todayNumber) > t.lookbackDays) continue;
      count++;
      last = event;
      lastFrom = from;
    }
    if (last === undefined) return null;
    const current = ctx.stageIndex(deal.stage ?? last.to);
    // Moved forward again to where it was: the step back is over.
    if (current < 0 || current >= lastFrom) return null;
    const stepsBack = lastFrom - current;
    const critical = stepsBack >= 2 || count >= 2;
    const facts = factList(
      `Moved back from ${last.from} to ${last.to}, seen on ${formatDay(ctx.dayOf(last.at))}`,
      `Now in ${deal.stage ?? last.to}, ${stepsBack} stage${stepsBack === 1 ? '' : 's'} behind ${last.from}`,
      count > 1
        ? `Moved back ${count} times in the last ${countDays(t.lookbackDays, ctx.businessDays)}`
        : undefined,
      threshold.get(t, ctx.businessDays, undefined),
    );
    return {
      severity: critical ? 'critical' : 'warn',
      facts,
      // The last step back: a new one is news. Not the count, which falls as old steps back
      // leave the look-back window (a dismissal would end as time passes, with nothing new).
      fingerprint: `back|${last.at}`,
      over: stepsBack - 1 + (count - 1),
    };
  },
});
