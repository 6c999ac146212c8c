import { describe, expect, it } from 'vitest';
import rule from '../../../../src/radar/rules/close-date-passed';
import { ago, ahead, makeDeal, runRule, silentWhenClosed } from '../helpers';

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

  it('raises nothing for won, lost or closed deals', () => {
    expect(silentWhenClosed(rule, makeDeal({ closeDate: ago(10) }))).toEqual({ open: 1, closed: 0 });
  });
});
