import { describe, expect, it } from 'vitest';
import rule from '../../../../src/radar/rules/next-step-after-close';
import { ahead, makeDeal, runRule, silentWhenClosed } from '../helpers';

describe('next-step-after-close', () => {
  it.each([
    { nextActivity: ahead(12), closeDate: ahead(10), toleranceDays: 0, expected: 'warn' },
    { nextActivity: ahead(10), closeDate: ahead(10), toleranceDays: 0, expected: null },
    { nextActivity: ahead(5), closeDate: ahead(10), toleranceDays: 0, expected: null },
    { nextActivity: ahead(12), closeDate: ahead(10), toleranceDays: 2, expected: null },
    { nextActivity: ahead(13), closeDate: ahead(10), toleranceDays: 2, expected: 'warn' },
    { nextActivity: undefined, closeDate: ahead(10), toleranceDays: 0, expected: null },
    { nextActivity: ahead(12), closeDate: undefined, toleranceDays: 0, expected: null },
  ])('next $nextActivity, close $closeDate, tolerance $toleranceDays → $expected', (row) => {
    const finding = runRule(rule, makeDeal({ nextActivity: row.nextActivity, closeDate: row.closeDate }), {
      thresholds: { toleranceDays: row.toleranceDays },
    });
    expect(finding?.severity ?? null).toBe(row.expected);
  });

  it('states both dates and the gap', () => {
    expect(runRule(rule, makeDeal({ nextActivity: ahead(12), closeDate: ahead(10) }))?.facts).toEqual([
      'Next activity on 2 Dec 2026, 2 days after the close date, 30 Nov 2026',
      'Threshold: any next activity after the close date',
    ]);
  });

  it('counts business days on request', () => {
    // Mon 30 Nov → Sat 5 Dec: 5 calendar days, 4 business days.
    const deal = makeDeal({ closeDate: ahead(10), nextActivity: ahead(15) });
    expect(runRule(rule, deal, { thresholds: { toleranceDays: 4 } })).not.toBeNull();
    expect(runRule(rule, deal, { thresholds: { toleranceDays: 4 }, business: true })).toBeNull();
  });

  it('raises nothing for won, lost or closed deals', () => {
    expect(silentWhenClosed(rule, makeDeal({ nextActivity: ahead(12), closeDate: ahead(10) }))).toEqual({
      open: 1,
      closed: 0,
    });
  });
});
