import { z } from 'zod';
import { defineRule, type Finding } from '../define-rule';

/** Shared by every such warning, as findings are only read (see SharedFinding). */
const THRESHOLD = 'Threshold: any open deal without a next step';
const none = (fact: string): Finding => ({
  severity: 'warn',
  facts: [fact, THRESHOLD],
  fingerprint: 'none',
  over: 0,
});
const BOTH = none('The page shows no next activity or next step for this deal');
const ACTIVITY = none('The page shows no next activity for this deal');
const STEP = none('The page shows no next step for this deal');
const BOARD = none('The board shows no activity scheduled for this deal');

export default defineRule({
  id: 'no-next-step',
  title: 'No next step',
  description: 'An open deal has no next activity or next step, where the page shows that field.',
  scope: 'deal',
  perStage: false,
  thresholds: z.object({}),
  nudges: [
    'How can I leave every conversation with a date in the calendar? Book the next meeting now, while the last one is fresh.',
    'How can I stay ahead of this deal rather than wait for it? Add one next step with a date, even a small one.',
    'How do the most consistent sellers on your team plan next steps? Copy their habit for a week and keep what works for you.',
  ],
  evaluate(ctx) {
    const { deal } = ctx;
    if (deal.flags.length > 0 && deal.flags.includes('activity-none')) return BOARD;
    // Any other board icon (planned, today, overdue) means a next activity exists.
    if (deal.flags.length > 0) return null;
    const showsActivity = deal.shown.includes('nextActivity');
    const showsStep = deal.shown.includes('nextStep');
    // Only where the page shows the field: elsewhere an empty value means "not known", not "none".
    if (!showsActivity && !showsStep) return null;
    if (deal.nextActivity !== undefined) return null;
    if (deal.nextStep !== undefined && deal.nextStep.trim() !== '') return null;
    return showsActivity && showsStep ? BOTH : showsActivity ? ACTIVITY : STEP;
  },
});
