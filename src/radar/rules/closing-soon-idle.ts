import { z } from 'zod';
import { defineRule } from '../define-rule';
import { countDays, daysAgo, formatDay, onceFor, unitKey } from '../format';

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
    if (deal.closeDate === undefined || deal.lastActivity === undefined) return null;
    const toClose = ctx.count(ctx.todayNumber, ctx.dates.closeDate);
    if (!(toClose >= 0 && toClose <= t.withinDays)) return null;
    const idle = ctx.count(ctx.dates.lastActivity, ctx.todayNumber);
    // "No activity in the last 7 days": the last one was 7 or more days ago.
    if (!(idle >= t.idleDays)) return null;
    const critical = idle >= 2 * t.idleDays;
    const closes = toClose === 0 ? 'today' : `in ${countDays(toClose, ctx.businessDays)}`;
    return {
      severity: critical ? 'critical' : 'warn',
      facts: [
        `Closes ${closes}, on ${formatDay(deal.closeDate)}`,
        `Last activity ${daysAgo(idle, ctx.businessDays)}, on ${formatDay(deal.lastActivity)}`,
        onceFor(
          t,
          unitKey(ctx.businessDays),
          () =>
            `Threshold: closing within ${countDays(t.withinDays, ctx.businessDays)} with no activity for ${t.idleDays} (critical at ${2 * t.idleDays})`,
        ),
      ],
      fingerprint: `${deal.closeDate}|${critical ? 'critical' : 'warn'}`,
      over: (idle - t.idleDays) / t.idleDays,
    };
  },
});
