import { z } from 'zod';
import { defineRule } from '../define-rule';
import { Memo, ThresholdLine } from '../format';

const threshold = new ThresholdLine<{ minContacts: number }>(
  (t) => `Threshold: at least ${t.minContacts} contact${t.minContacts === 1 ? '' : 's'}`,
);
/** Per number of contacts: the fact and the fingerprint. */
const byCount = new Memo<number, [string, string]>();

export default defineRule({
  id: 'single-threaded',
  title: 'Single-threaded',
  description: 'Only one contact, or none, on the deal, where the page shows contacts.',
  scope: 'deal',
  perStage: true,
  thresholds: z.object({
    minContacts: z.number().int().min(1).max(20).default(2).describe('Fewest contacts on a deal (contacts)'),
  }),
  nudges: [
    'How can I meet more of the people who will decide? Ask your contact who else should see the proposal.',
    'How can I make my contact look good inside their company? Offer a one-page summary they can forward to their team.',
    'How do people outside sales build wide networks? Borrow one habit, like a short intro call with a second team, and book it.',
  ],
  evaluate(ctx) {
    const { deal, thresholds: t } = ctx;
    // Only where the page shows contacts: elsewhere we do not know how many there are.
    if (!deal.shown.includes('contacts')) return null;
    const contacts = deal.contacts ?? 0;
    if (contacts >= t.minContacts) return null;
    const known =
      byCount.get(ctx, contacts) ??
      byCount.set(contacts, [
        contacts === 0
          ? 'No contact shown on the deal'
          : `${contacts} contact${contacts === 1 ? '' : 's'} on the deal`,
        `contacts:${contacts}`,
      ]);
    return {
      severity: 'warn',
      facts: [known[0], threshold.get(t, ctx.businessDays, undefined)],
      fingerprint: known[1],
      over: (t.minContacts - contacts) / t.minContacts,
    };
  },
});
