import { z } from 'zod';
import { ROUGH } from '../clock';
import { defineRule } from '../define-rule';
import { countDays, formatDay, lastActivityFact, Memo, neverActive, ThresholdLine } from '../format';

const threshold = new ThresholdLine<{ withinDays: number; idleDays: number }>(
  (t, business) =>
    `Threshold: closing within ${countDays(t.withinDays, business)} with no activity for ${t.idleDays} (critical at ${2 * t.idleDays})`,
);
/** Per close date: the fact, and the fingerprint as warning and as critical. */
const byClose = new Memo<number, [string, string, string]>();

export default defineRule({
  id: 'closing-soon-idle',
  title: 'Closing soon, gone quiet',
  description: 'The deal is due to close soon but nothing has happened on it lately.',
  scope: 'deal',
  perStage: true,
  thresholds: z.object({
    withinDays: z.number().int().min(1).max(90).default(7).describe('Closing within (days)'),
    idleDays: z.number().int().min(1).max(90).default(7).describe('No activity for at least (days)'),
  }),
  nudges: [
    'How can I make sure nothing blocks the close this week? Call your contact and walk through the last steps to signature.',
    'How can I act before the buyer decides without me? Book a short call today to confirm the decision date.',
    'How can I check this deal is as close as it looks? Ask who else must sign, and whether they have seen the final terms.',
  ],
  evaluate(ctx) {
    const { deal, thresholds: t } = ctx;
    if (deal.closeDate === undefined) return null;
    // No activity ever logged, where the page shows the field: idle since created or first seen.
    const never = deal.lastActivity === undefined ? neverActive(ctx) : null;
    if (deal.lastActivity === undefined && never === null) return null;
    const toClose = ctx.count(ctx.todayNumber, ctx.dates.closeDate);
    if (!(toClose >= 0 && toClose <= t.withinDays)) return null;
    const idle = never?.idle ?? ctx.count(ctx.dates.lastActivity, ctx.todayNumber);
    // "No activity in the last 7 days": the last one was 7 or more days ago.
    if (!(idle >= t.idleDays)) return null;
    const critical = idle >= 2 * t.idleDays;
    const close = deal.closeDate;
    // By the day number (known, as `toClose` is): the date string would have to be read from memory.
    let known = byClose.get(ctx, ctx.dates.closeDate);
    if (known === undefined) {
      const closes = toClose === 0 ? 'today' : `in ${countDays(toClose, ctx.businessDays)}`;
      known = byClose.set(ctx.dates.closeDate, [
        `Closes ${closes}, on ${formatDay(close)}`,
        `${close}|warn`,
        `${close}|critical`,
      ]);
    }
    return {
      severity: critical ? 'critical' : 'warn',
      facts: [
        known[0],
        never?.fact ??
          lastActivityFact(ctx, ctx.dates.lastActivity, deal.lastActivity ?? '', (ctx.dates.rough & ROUGH.lastActivity) !== 0),
        threshold.get(t, ctx.businessDays, undefined),
      ],
      fingerprint: critical ? known[2] : known[1],
      over: (idle - t.idleDays) / t.idleDays,
    };
  },
});
