import { z } from 'zod';
import { defineRule, recentActivity } from '../define-rule';
import { listNames, percent } from '../format';
import type { Deal } from '../model';

/** How many deals the facts name. */
const NAMED = 5;

export default defineRule({
  id: 'pipeline-going-quiet',
  title: 'Pipeline going quiet',
  description: 'Fewer deals had activity this week than the week before.',
  scope: 'pipeline',
  perStage: false,
  thresholds: z.object({
    dropPercent: z.number().min(5).max(100).default(30).describe('Warn when the active share fell by (%)'),
    minDeals: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(5)
      .describe('Only with at least (open deals with a last activity date)'),
  }),
  nudges: [
    'How can I make room for outreach every day? Block a fixed hour for follow-ups and keep it all week.',
    'How can I find what took my time away from deals? Look at last week in your calendar and move one thing out.',
    'How do people in other fields keep in touch with many clients? Adopt one routine, like a weekly check-in list, and start today.',
  ],
  evaluate(ctx) {
    const { thresholds: t, weekAgo } = ctx;
    // Weeks are calendar weeks here, business days or not: "last 7 days" means today and the 6 before.
    const today = ctx.todayNumber;
    const lastActivity = ctx.columns.lastActivity;
    // Counted as a scan records it for the day (DailyCount.recent), so a week later the two compare.
    const { known, active: thisWeek } = recentActivity(lastActivity, today);
    if (known < t.minDeals) return [];
    let lastWeekCount = 0;
    for (let i = 0; i < ctx.deals.length; i++) {
      const ago = today - (lastActivity[i] as number);
      if (ago >= 7 && ago <= 13) lastWeekCount++;
    }
    // The share a week ago as a scan recorded it then, where one did; else estimated from the last
    // activity dates alone, where a deal active in both weeks counts only in the latest.
    const measured = weekAgo !== undefined && weekAgo.known >= t.minDeals;
    if (measured ? weekAgo.active === 0 : lastWeekCount === 0) return [];
    const before = measured ? weekAgo.active / weekAgo.known : lastWeekCount / known;
    const now = thisWeek / known;
    const drop = ((before - now) * 100) / before;
    if (!(drop >= t.dropPercent)) return [];
    const critical = drop >= Math.min(100, 2 * t.dropPercent);
    // The deals of the week before, gathered only now that they are named: on most scans the
    // pipeline is not going quiet, and lists of a fifth of the deals, grown one by one, were the
    // collector's work on every scan.
    const lastWeek: Deal[] = new Array(lastWeekCount);
    const lastWeekAt: number[] = new Array(lastWeekCount);
    for (let i = 0, k = 0; i < ctx.deals.length; i++) {
      const ago = today - (lastActivity[i] as number);
      if (ago >= 7 && ago <= 13) {
        lastWeek[k] = (ctx.deals[i] as (typeof ctx.deals)[number]).deal;
        lastWeekAt[k++] = i;
      }
    }
    return [
      {
        key: 'all',
        dealIds: lastWeek.map((d) => d.id),
        dealIndexes: lastWeekAt,
        severity: critical ? 'critical' : 'warn',
        facts: [
          measured
            ? `${thisWeek} of ${known} open deals (${percent(now)}) had activity in the last 7 days, against ${weekAgo.active} of ${weekAgo.known} (${percent(before)}) a week ago: down ${Math.round(drop)}%`
            : `${thisWeek} of ${known} open deals (${percent(now)}) had activity in the last 7 days, against ${lastWeek.length} (${percent(before)}) the week before: down ${Math.round(drop)}%`,
          measured
            ? 'A week ago: as Deal Radar counted it when it read this CRM that day'
            : "Computed from each deal's last activity date only: a deal active in both weeks counts in the latest one, so the real drop may be larger",
          ...(lastWeek.length > 0
            ? [`Last active the week before, quiet since: ${listNames(lastWeek.slice(0, NAMED + 1).map((d) => d.name), NAMED, lastWeek.length)}`]
            : []),
          `Threshold: down ${t.dropPercent}% (critical at ${Math.min(100, 2 * t.dropPercent)}%), with at least ${t.minDeals} deals`,
        ],
        fingerprint: critical ? 'critical' : 'warn',
        over: (drop - t.dropPercent) / t.dropPercent,
      },
    ];
  },
});
