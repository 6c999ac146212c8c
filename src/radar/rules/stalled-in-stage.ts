import { z } from 'zod';
import { ROUGH } from '../clock';
import { defineRule } from '../define-rule';
import { countDays, formatDay, Memo, SharedFinding, ThresholdLine } from '../format';
import type { Day } from '../model';
import { changeIntoStage, type DaysInStage } from '../stages';

/** The sentence that says how long a deal has been in its stage and how we know. */
export function describeDaysInStage(stage: string, d: DaysInStage, business: boolean): string {
  const n = countDays(d.days, business);
  if (d.source === 'crm') return `${n} in ${stage}, entered on ${formatDay(d.since)}`;
  if (d.source === 'crm-rough') return `At least ${n} in ${stage}: the page gives only a rough date for when it entered`;
  if (d.source === 'change') return `${n} in ${stage}, since the stage change seen on ${formatDay(d.since)}`;
  return `At least ${n} in ${stage}: first seen there on ${formatDay(d.since)}`;
}

const threshold = new ThresholdLine<{ days: number; criticalFactor: number }, string>(
  (t, business, stage) =>
    `Threshold: ${countDays(t.days, business)} in ${stage} (critical at ${Math.ceil(t.days * t.criticalFactor)})`,
);
/**
 * Per stage name: the facts by day the stage was entered and source (see SOURCES), and the
 * fingerprint as warning and as critical.
 */
const byStage = new Memo<string, { facts: Memo<number, SharedFinding<object>>; prints: [string, string] }>();
const SOURCES = ['crm', 'change', 'first-seen', 'crm-rough'] as const;

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
    // Where the count starts, as stageDays() and daysInStage() say: the CRM's date, a stage
    // change, or the first sighting. The number alone first: most deals do not fire.
    const stage = deal.stage;
    let source = 0;
    let at = 0;
    let since = ctx.dates.stageEntered;
    if ((ctx.dates.rough & ROUGH.stageEntered) !== 0) source = 3;
    if (Number.isNaN(since)) {
      const change = changeIntoStage(deal, ctx.history);
      source = change === undefined ? 2 : 1;
      at = change === undefined ? deal.stageSeenSince : change.at;
      since = ctx.dayNumberOf(at);
    }
    const days = ctx.count(since, ctx.todayNumber);
    if (!(days > t.days)) return null;
    const known =
      byStage.get(ctx, stage) ??
      byStage.set(stage, {
        facts: new Memo(5000),
        prints: [`warn|${stage.toLowerCase()}`, `critical|${stage.toLowerCase()}`],
      });
    const key = since * SOURCES.length + source;
    let fact = known.facts.get(ctx, key);
    if (fact === undefined) {
      const day: Day = source === 0 || source === 3 ? (deal.stageEntered as Day) : ctx.dayOf(at);
      fact = known.facts.set(
        key,
        new SharedFinding(
          describeDaysInStage(
            stage,
            { days, since: day, source: SOURCES[source] ?? 'crm' },
            ctx.businessDays,
          ),
        ),
      );
    }
    const critical = days >= Math.ceil(t.days * t.criticalFactor);
    return (
      fact.get(t) ??
      fact.set(t, {
        severity: critical ? 'critical' : 'warn',
        facts: [fact.fact, threshold.get(t, ctx.businessDays, stage)],
        fingerprint: known.prints[critical ? 1 : 0],
        over: (days - t.days) / t.days,
      })
    );
  },
});
