import { describe, expect, it } from 'vitest';
import rule from '../../../../src/radar/rules/aging';
import { ago, at, makeDeal, runRule, silentWhenClosed } from '../helpers';

describe('aging', () => {
  it.each([
    { created: ago(30), expected: null },
    { created: ago(90), expected: null },
    { created: ago(91), expected: 'warn' },
    { created: ago(179), expected: 'warn' },
    { created: ago(180), expected: 'critical' },
  ])('created $created → $expected', ({ created, expected }) => {
    expect(runRule(rule, makeDeal({ created }))?.severity ?? null).toBe(expected);
  });

  it('states the create date and the threshold', () => {
    expect(runRule(rule, makeDeal({ created: ago(120) }))?.facts).toEqual([
      'Open for 120 days, created on 23 Jul 2026',
      'Threshold: 90 days (critical at 180)',
    ]);
  });

  it('says "at least" when it only knows the first sighting', () => {
    expect(runRule(rule, makeDeal({ firstSeen: at(ago(100)) }))?.facts[0]).toBe(
      'Open for at least 100 days: first seen on 12 Aug 2026',
    );
  });

  it('counts business days on request', () => {
    // Wed 12 Aug → Fri 20 Nov: 100 calendar days, 72 business days.
    const deal = makeDeal({ created: ago(100) });
    expect(runRule(rule, deal)).not.toBeNull();
    expect(runRule(rule, deal, { business: true })).toBeNull();
    expect(runRule(rule, deal, { business: true, thresholds: { days: 70 } })?.facts[0]).toBe(
      'Open for 72 business days, created on 12 Aug 2026',
    );
  });

  it('raises nothing for won, lost or closed deals', () => {
    expect(silentWhenClosed(rule, makeDeal({ created: ago(200) }))).toEqual({ open: 1, closed: 0 });
  });
});
