import { z } from 'zod';
import { defineRule } from '../define-rule';
import { countDays, formatDay, onceFor, unitKey } from '../format';
import { type DaysInStage, daysInStage, stageDays } from '../stages';

/** The sentence that says how long a deal has been in its stage and how we know. */
export function describeDaysInStage(stage: string, d: DaysInStage, business: boolean): string {
  const n = countDays(d.days, business);
  if (d.source === 'crm') return `${n} in ${stage}, entered on ${formatDay(d.since)}`;
  if (d.source === 'change') return `${n} in ${stage}, since the stage change seen on ${formatDay(d.since)}`;
  return `At least ${n} in ${stage}: first seen there on ${formatDay(d.since)}`;
}

export default defineRule({
  id: 'stalled-in-stage',
  title: 'Stalled in stage',
  description: 'An open deal has stayed in its current stage for too long.',
  scope: 'deal',
  perStage: true,
  thresholds: z.object({
    days: z.number().int().min(1).max(365).default(21).describe('Warn after (days in one stage)'),
    criticalFactor: z.number().min(1).max(10).default(2).describe('Critical at (times the warn threshold)'),
  }),
  nudges: [
    'How can I learn what the buyer needs before the next step? Ask your champion what has to happen on their side, and by when.',
    'How does this deal differ from the ones that left this stage quickly? Put the facts side by side and note what is missing here.',
    'How can we agree the next step together? Propose a dated mutual plan in your next email.',
    'How would a guide who has closed this kind of deal move it on? Walk them through it and try their first suggestion.',
  ],
  evaluate(ctx) {
    const { deal, thresholds: t } = ctx;
    if (deal.stage === undefined) return null;
    // The number alone first: most deals do not fire, and they need no facts.
    if (!(stageDays(deal, ctx.history, ctx, ctx.dates.stageEntered) > t.days)) return null;
    const inStage = daysInStage(deal, ctx.history, ctx);
    if (inStage === null) return null;
    const criticalAt = Math.ceil(t.days * t.criticalFactor);
    const critical = inStage.days >= criticalAt;
    return {
      severity: critical ? 'critical' : 'warn',
      facts: [
        describeDaysInStage(deal.stage, inStage, ctx.businessDays),
        onceFor(
          t,
          `${unitKey(ctx.businessDays)}|${deal.stage}`,
          () =>
            `Threshold: ${countDays(t.days, ctx.businessDays)} in ${deal.stage} (critical at ${criticalAt})`,
        ),
      ],
      fingerprint: `${critical ? 'critical' : 'warn'}|${deal.stage.toLowerCase()}`,
      over: (inStage.days - t.days) / t.days,
    };
  },
});
