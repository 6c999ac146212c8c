import { describe, expect, it } from 'vitest';
import rule from '../../../../src/radar/rules/close-date-passed';
import { ago, ahead, makeDeal, NOW, runRule, silentWhenClosed } from '../helpers';

const DAY = 86_400_000;

describe('close-date-passed', () => {
  it.each([
    { closeDate: ahead(3), graceDays: 0, expected: null },
    { closeDate: ago(0), graceDays: 0, expected: null },
    { closeDate: ago(1), graceDays: 0, expected: 'critical' },
    { closeDate: ago(3), graceDays: 3, expected: null },
    { closeDate: ago(4), graceDays: 3, expected: 'critical' },
    { closeDate: undefined, graceDays: 0, expected: null },
  ])('close date $closeDate, grace $graceDays → $expected', ({ closeDate, graceDays, expected }) => {
    const finding = runRule(rule, makeDeal({ closeDate }), { thresholds: { graceDays } });
    expect(finding?.severity ?? null).toBe(expected);
  });

  it('states the date, the stage and the threshold', () => {
    const finding = runRule(rule, makeDeal({ closeDate: ago(5), stage: 'Demo' }));
    expect(finding?.facts).toEqual([
      'Close date 15 Nov 2026 passed 5 days ago',
      'Still open, in Demo',
      'Threshold: the day after the close date',
    ]);
    expect(finding?.fingerprint).toBe('2026-11-15');
  });

  it('counts business days on request', () => {
    // Sat 14 Nov → Fri 20 Nov: 6 calendar days, 5 business days.
    const deal = makeDeal({ closeDate: ago(6) });
    expect(runRule(rule, deal, { thresholds: { graceDays: 5 } })).not.toBeNull();
    expect(runRule(rule, deal, { thresholds: { graceDays: 5 }, business: true })).toBeNull();
    expect(runRule(rule, deal, { thresholds: { graceDays: 4 }, business: true })?.facts).toEqual([
      'Close date 14 Nov 2026 passed 5 business days ago',
      'Threshold: 4 business days after the close date',
    ]);
  });

  it('in business days, a close date passed over the weekend is passed all the same', () => {
    // Close date Fri 20 Nov; looked at on Sat 21 and Sun 22: no business day since, one and two calendar days.
    const deal = makeDeal({ closeDate: '2026-11-20' });
    for (const [now, said] of [[NOW + DAY, 'yesterday'], [NOW + 2 * DAY, '2 days ago']] as const) {
      const finding = runRule(rule, deal, { business: true, now });
      expect(finding?.facts[0]).toBe(`Close date 20 Nov 2026 passed ${said}`);
      expect(finding?.over).toBe(0);
    }
    // On the day itself, nothing; with a grace of a business day, Monday is still within it.
    expect(runRule(rule, deal, { business: true })).toBeNull();
    expect(runRule(rule, deal, { business: true, now: NOW + 3 * DAY, thresholds: { graceDays: 1 } })).toBeNull();
    expect(runRule(rule, deal, { business: true, now: NOW + 4 * DAY, thresholds: { graceDays: 1 } })?.facts[0]).toBe(
      'Close date 20 Nov 2026 passed 2 business days ago',
    );
  });

  it('raises nothing for won, lost or closed deals', () => {
    expect(silentWhenClosed(rule, makeDeal({ closeDate: ago(10) }))).toEqual({ open: 1, closed: 0 });
  });
});
