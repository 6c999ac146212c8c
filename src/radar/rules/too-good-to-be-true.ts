import { z } from 'zod';
import { ROUGH } from '../clock';
import { defineRule } from '../define-rule';
import {
  countDays,
  factList,
  formatAmount,
  formatDay,
  lastActivityFact,
  Memo,
  ThresholdLine,
} from '../format';
import { eventNumber } from '../history';

const threshold = new ThresholdLine<{ probability: number; idleDays: number; amountRisePercent: number }>(
  (t, business) =>
    `Threshold: late stage or probability from ${t.probability}% with no activity for ${countDays(t.idleDays, business)}; or amount up ${t.amountRisePercent}% without a stage change`,
);
const probabilityFacts = new Memo<number>();
/** The last few stage facts: a site has a handful of stages, and the text depends on the pipeline too. */
const stageFacts = new Map<string, { index: number; count: number; text: string }>();

function stageFact(stage: string | undefined, index: number, count: number): string {
  const key = stage ?? '';
  const known = stageFacts.get(key);
  if (known !== undefined && known.index === index && known.count === count) return known.text;
  const text = `In ${stage}, stage ${index + 1} of ${count}`;
  if (stageFacts.size > 1000) stageFacts.clear();
  stageFacts.set(key, { index, count, text });
  return text;
}

export default defineRule({
  id: 'too-good-to-be-true',
  title: 'Looks great, check it anyway',
  description:
    'A late-stage or high-probability deal gone quiet, or an amount that grew without stage progress.',
  scope: 'deal',
  perStage: false,
  thresholds: z.object({
    probability: z.number().min(1).max(100).default(70).describe('High probability from (%)'),
    idleDays: z.number().int().min(1).max(365).default(14).describe('Quiet for at least (days)'),
    amountRisePercent: z
      .number()
      .min(1)
      .max(1000)
      .default(50)
      .describe('Amount up by (% without a stage change)'),
  }),
  nudges: [
    'How can I check this deal as hard as one that looks lost? List what the buyer has actually confirmed, and ask about the rest.',
    'How can I get the facts behind the strong numbers? Ask your contact to walk you through their approval steps.',
    'How would a guide test this deal? Ask one to review it and name its weakest point.',
  ],
  evaluate(ctx) {
    const { deal, history, thresholds: t } = ctx;
    const n = ctx.openStageCount;
    const index = ctx.stageIndex(deal.stage);
    const late = n >= 2 && index >= n - Math.ceil(n / 3);
    const likely = deal.probability !== undefined && deal.probability >= t.probability;
    const idle = ctx.count(ctx.dates.lastActivity, ctx.todayNumber);
    const quiet = (late || likely) && idle >= t.idleDays;
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
    const grew = base > 0 && rise >= t.amountRisePercent;
    if (!quiet && !grew) return null;
    const p = deal.probability;
    const facts = factList(
      quiet && late ? stageFact(deal.stage, index, n) : undefined,
      quiet && likely && p !== undefined
        ? (probabilityFacts.get(ctx, p) ?? probabilityFacts.set(p, `Probability ${p}%`))
        : undefined,
      quiet
        ? lastActivityFact(ctx, ctx.dates.lastActivity, deal.lastActivity ?? '', (ctx.dates.rough & ROUGH.lastActivity) !== 0)
        : undefined,
      grew
        ? `Amount up ${Math.round(rise)}% since ${formatDay(ctx.dayOf(baseAt))}, from ${formatAmount(base, deal.currency)} to ${formatAmount(deal.amount ?? 0, deal.currency)}, still in ${deal.stage ?? 'the same stage'}`
        : undefined,
      threshold.get(t, ctx.businessDays, undefined),
    );
    return {
      severity: quiet && grew ? 'critical' : 'warn',
      facts,
      fingerprint: quiet && grew ? 'quiet+amount' : quiet ? 'quiet' : 'amount',
      over: Math.max(
        quiet ? (idle - t.idleDays) / t.idleDays : 0,
        grew ? (rise - t.amountRisePercent) / t.amountRisePercent : 0,
      ),
    };
  },
});
