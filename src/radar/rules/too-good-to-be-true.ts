import { z } from 'zod';
import { defineRule } from '../define-rule';
import { countDays, daysAgo, formatAmount, formatDay } from '../format';
import { eventNumber } from '../history';

export default defineRule({
  id: 'too-good-to-be-true',
  title: 'Looks great, check it anyway',
  description: 'A late-stage or high-probability deal gone quiet, or an amount that grew without stage progress.',
  scope: 'deal',
  perStage: false,
  thresholds: z.object({
    probability: z.number().min(1).max(100).default(70).describe('High probability from (%)'),
    idleDays: z.number().int().min(1).max(365).default(14).describe('Quiet for at least (days)'),
    amountRisePercent: z.number().min(1).max(1000).default(50).describe('Amount up by (% without a stage change)'),
  }),
  nudges: [
    'How can I check this deal as hard as one that looks lost? List what the buyer has actually confirmed, and ask about the rest.',
    'How can I get the facts behind the strong numbers? Ask your contact to walk you through their approval steps.',
    'How would a guide test this deal? Ask one to review it and name its weakest point.',
  ],
  evaluate(ctx) {
    const { deal, history, thresholds: t } = ctx;
    const facts: string[] = [];
    const reasons: string[] = [];
    let over = 0;
    const n = ctx.openStageCount;
    const index = ctx.stageIndex(deal.stage);
    const late = n >= 2 && index >= n - Math.ceil(n / 3);
    const likely = deal.probability !== undefined && deal.probability >= t.probability;
    const idle = ctx.count(ctx.dates.lastActivity, ctx.todayNumber);
    if ((late || likely) && idle >= t.idleDays && deal.lastActivity !== undefined) {
      reasons.push('quiet');
      if (late) facts.push(`In ${deal.stage}, stage ${index + 1} of ${n}`);
      if (likely) facts.push(`Probability ${deal.probability}%`);
      facts.push(`Last activity ${daysAgo(idle, ctx.businessDays)}, on ${formatDay(deal.lastActivity)}`);
      over = (idle - t.idleDays) / t.idleDays;
    }
    // Amount changes since the last stage change (or ever, without one): growth with no stage progress.
    let base = Number.NaN;
    let baseAt = 0;
    for (const event of history) {
      if (event.field === 'stage') base = Number.NaN;
      else if (event.field === 'amount' && Number.isNaN(base)) {
        base = eventNumber(event.from);
        baseAt = event.at;
      }
    }
    const rise = deal.amount === undefined ? Number.NaN : ((deal.amount - base) * 100) / base;
    if (base > 0 && rise >= t.amountRisePercent && deal.amount !== undefined) {
      reasons.push('amount');
      const stage = deal.stage === undefined ? 'the same stage' : deal.stage;
      facts.push(
        `Amount up ${Math.round(rise)}% since ${formatDay(ctx.dayOf(baseAt))}, from ${formatAmount(base, deal.currency)} to ${formatAmount(deal.amount, deal.currency)}, still in ${stage}`,
      );
      over = Math.max(over, (rise - t.amountRisePercent) / t.amountRisePercent);
    }
    if (reasons.length === 0) return null;
    facts.push(
      `Threshold: late stage or probability from ${t.probability}% with no activity for ${countDays(t.idleDays, ctx.businessDays)}; or amount up ${t.amountRisePercent}% without a stage change`,
    );
    return { severity: reasons.length === 2 ? 'critical' : 'warn', facts, fingerprint: reasons.join('+'), over };
  },
});
