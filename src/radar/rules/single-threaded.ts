import { z } from 'zod';
import { defineRule } from '../define-rule';
import { Memo, SharedFinding, ThresholdLine } from '../format';

const threshold = new ThresholdLine<{ minContacts: number }>(
  (t) => `Threshold: at least ${t.minContacts} contact${t.minContacts === 1 ? '' : 's'}`,
);
/** Per number of contacts: the fingerprint and the finding (see SharedFinding). */
const byCount = new Memo<number, { fingerprint: string; shared: SharedFinding<object> }>();

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
      byCount.set(contacts, {
        fingerprint: `contacts:${contacts}`,
        shared: new SharedFinding(
          contacts === 0
            ? 'No contact shown on the deal'
            : `${contacts} contact${contacts === 1 ? '' : 's'} on the deal`,
        ),
      });
    const { shared } = known;
    return (
      shared.get(t) ??
      shared.set(t, {
        severity: 'warn',
        facts: [shared.fact, threshold.get(t, ctx.businessDays, undefined)],
        fingerprint: known.fingerprint,
        over: (t.minContacts - contacts) / t.minContacts,
      })
    );
  },
});
