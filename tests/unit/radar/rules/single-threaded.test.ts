import { describe, expect, it } from 'vitest';
import type { Deal } from '../../../../src/radar/model';
import rule from '../../../../src/radar/rules/single-threaded';
import { makeDeal, runRule, runSite, silentWhenClosed } from '../helpers';

describe('single-threaded', () => {
  it.each<{ name: string; deal: Partial<Deal>; fact: string | null }>([
    { name: 'contacts not on the page', deal: { contacts: 1 }, fact: null },
    { name: 'one contact', deal: { shown: ['contacts'], contacts: 1 }, fact: '1 contact on the deal' },
    { name: 'no contact', deal: { shown: ['contacts'], contacts: 0 }, fact: 'No contact shown on the deal' },
    { name: 'an empty contacts cell', deal: { shown: ['contacts'] }, fact: 'No contact shown on the deal' },
    { name: 'two contacts', deal: { shown: ['contacts'], contacts: 2 }, fact: null },
  ])('$name', ({ deal, fact }) => {
    const finding = runRule(rule, makeDeal(deal));
    expect(finding?.facts[0] ?? null).toBe(fact);
    if (finding) expect(finding.facts[1]).toBe('Threshold: at least 2 contacts');
  });

  it('takes the minimum from the settings', () => {
    const finding = runRule(rule, makeDeal({ shown: ['contacts'], contacts: 2 }), {
      thresholds: { minContacts: 3 },
    });
    expect(finding?.facts).toEqual(['2 contacts on the deal', 'Threshold: at least 3 contacts']);
    expect(finding?.over).toBeCloseTo(1 / 3);
  });

  it('applies a per-stage override', () => {
    const settings = { rules: { 'single-threaded': { stages: { negotiation: { minContacts: 3 } } } } };
    const late = makeDeal({ stage: 'Negotiation', shown: ['contacts'], contacts: 2 });
    const early = makeDeal({ stage: 'Demo', shown: ['contacts'], contacts: 2 });
    expect(runSite([rule], [late, early], { settings }).map((w) => w.dealId)).toEqual([late.id]);
  });

  it('raises nothing for won, lost or closed deals', () => {
    expect(silentWhenClosed(rule, makeDeal({ shown: ['contacts'], contacts: 1 }))).toEqual({
      open: 1,
      closed: 0,
    });
  });
});
