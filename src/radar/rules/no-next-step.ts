import { z } from 'zod';
import { defineRule } from '../define-rule';

const BOOKED_FLAGS = ['activity-planned', 'activity-today', 'activity-overdue'] as const;

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
    if (deal.flags.includes('activity-none')) {
      return {
        severity: 'warn',
        facts: ['The board shows no activity scheduled for this deal'],
        fingerprint: 'none',
        over: 0,
      };
    }
    if (BOOKED_FLAGS.some((flag) => deal.flags.includes(flag))) return null;
    const showsActivity = deal.shown.includes('nextActivity');
    const showsStep = deal.shown.includes('nextStep');
    // Only where the page shows the field: elsewhere an empty value means "not known", not "none".
    if (!showsActivity && !showsStep) return null;
    if (deal.nextActivity !== undefined) return null;
    if (deal.nextStep !== undefined && deal.nextStep.trim() !== '') return null;
    const shownAs = [showsActivity ? 'next activity' : '', showsStep ? 'next step' : ''].filter(Boolean).join(' or ');
    return {
      severity: 'warn',
      facts: [`The page shows no ${shownAs} for this deal`, 'Threshold: any open deal without a next step'],
      fingerprint: 'none',
      over: 0,
    };
  },
});
