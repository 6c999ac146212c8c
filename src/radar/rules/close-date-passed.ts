import { z } from 'zod';
import { defineRule } from '../define-rule';
import { countDays, daysAgo, formatDay, Memo, SharedFinding, ThresholdLine } from '../format';
import { StageTable } from '../stages';

const threshold = new ThresholdLine<{ graceDays: number }>((t, business) =>
  t.graceDays > 0
    ? `Threshold: ${countDays(t.graceDays, business)} after the close date`
    : 'Threshold: the day after the close date',
);
/**
 * Per close date (its day number): the finding of a deal without a stage, and one per stage.
 * Everything in a finding follows from the date, the stage and the thresholds, and many deals
 * share them.
 */
const byClose = new Memo<
  number,
  { none: SharedFinding<object>; byStage: StageTable<SharedFinding<object>> }
>();
const stageFacts = new Memo<string>();

export default defineRule({
  id: 'close-date-passed',
  title: 'Close date passed',
  description: 'An open deal whose expected close date is already behind us.',
  scope: 'deal',
  perStage: false,
  thresholds: z.object({
    graceDays: z.number().int().min(0).max(60).default(0).describe('Grace after the close date (days)'),
  }),
  nudges: [
    'How can I set a close date the buyer would sign off on? Ask them for their real decision date and update the deal today.',
    'How can I get the facts on where this decision stands? Ask your contact who still has to approve it, and note it in the deal.',
    'How can I turn this into the outcome I want? Write down the one step that would get a yes, and book it this week.',
  ],
  evaluate(ctx) {
    const { deal, thresholds: t } = ctx;
    if (deal.closeDate === undefined) return null;
    const late = ctx.count(ctx.dates.closeDate, ctx.todayNumber);
    // Passed is a matter of the calendar: a Friday close date has passed on Saturday, though no
    // business day has (then the fact counts calendar days). The grace counts as the user counts.
    if (!(ctx.dates.closeDate < ctx.todayNumber)) return null;
    if (!(late > t.graceDays || (late === 0 && t.graceDays === 0))) return null;
    const close = deal.closeDate;
    // By the day number (known, as `late` is): the date string would have to be read from memory.
    const day = ctx.dates.closeDate;
    let known = byClose.get(ctx, day);
    if (known === undefined) {
      const ago = late > 0 ? daysAgo(late, ctx.businessDays) : daysAgo(ctx.todayNumber - day, false);
      known = byClose.set(day, { none: new SharedFinding(`Close date ${formatDay(close)} passed ${ago}`), byStage: new StageTable() });
    }
    const stage = deal.stage;
    let shared = known.none;
    if (stage !== undefined) {
      let inStage = known.byStage.get(stage);
      if (inStage === undefined) {
        inStage = new SharedFinding(
          stageFacts.get(ctx, stage) ?? stageFacts.set(stage, `Still open, in ${stage}`),
        );
        known.byStage.set(stage, inStage);
      }
      shared = inStage;
    }
    const passed = known.none.fact;
    const line = threshold.get(t, ctx.businessDays, undefined);
    return (
      shared.get(t) ??
      shared.set(t, {
        severity: 'critical',
        facts: stage === undefined ? [passed, line] : [passed, shared.fact, line],
        // A new close date that passes again is a new situation: it brings a dismissed warning back.
        fingerprint: close,
        // A month late counts as twice the threshold.
        over: Math.max(0, late - t.graceDays) / 30,
      })
    );
  },
});
