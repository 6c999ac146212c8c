import { describe, expect, it } from 'vitest';
import rule from '../../../../src/radar/rules/next-step-overdue';
import { ago, ahead, makeDeal, NOW, runRule, silentWhenClosed } from '../helpers';

const DAY = 86_400_000;

describe('next-step-overdue', () => {
  it.each([
    { nextActivity: ahead(2), expected: null },
    { nextActivity: ago(0), expected: null },
    { nextActivity: ago(1), expected: 'warn' },
    { nextActivity: ago(6), expected: 'warn' },
    { nextActivity: ago(7), expected: 'critical' },
    { nextActivity: undefined, expected: null },
  ])('next activity $nextActivity → $expected', ({ nextActivity, expected }) => {
    expect(runRule(rule, makeDeal({ nextActivity }))?.severity ?? null).toBe(expected);
  });

  it.each([
    { nextActivity: ago(1), fact: 'Next activity was due yesterday, on 19 Nov 2026' },
    { nextActivity: ago(3), fact: 'Next activity was due 3 days ago, on 17 Nov 2026' },
  ])('states the date: $fact', ({ nextActivity, fact }) => {
    expect(runRule(rule, makeDeal({ nextActivity }))?.facts).toEqual([
      fact,
      'Threshold: any overdue next activity (critical after 7 days)',
    ]);
  });

  it('reads the board flag when no date is shown', () => {
    const finding = runRule(rule, makeDeal({ flags: ['activity-overdue'] }));
    expect(finding?.severity).toBe('warn');
    expect(finding?.facts).toEqual([
      'The board marks the next activity as overdue; its date is not shown',
      'Threshold: any overdue next activity (critical after 7 days)',
    ]);
  });

  it('lets a future date win over a stale flag', () => {
    expect(runRule(rule, makeDeal({ flags: ['activity-overdue'], nextActivity: ahead(1) }))).toBeNull();
  });

  it('counts business days on request', () => {
    // Thu 12 Nov → Fri 20 Nov: 8 calendar days, 6 business days.
    const deal = makeDeal({ nextActivity: ago(8) });
    expect(runRule(rule, deal)?.severity).toBe('critical');
    expect(runRule(rule, deal, { business: true })?.severity).toBe('warn');
    expect(runRule(rule, deal, { business: true })?.facts[0]).toBe(
      'Next activity was due 6 business days ago, on 12 Nov 2026',
    );
  });

  it('in business days, an activity due on Friday is overdue over the weekend', () => {
    const deal = makeDeal({ nextActivity: '2026-11-20' });
    const finding = runRule(rule, deal, { business: true, now: NOW + DAY });
    expect(finding?.severity).toBe('warn');
    expect(finding?.facts[0]).toBe('Next activity was due yesterday, on 20 Nov 2026');
    expect(runRule(rule, deal, { business: true })).toBeNull();
  });

  it('raises nothing for won, lost or closed deals', () => {
    expect(silentWhenClosed(rule, makeDeal({ nextActivity: ago(3) }))).toEqual({ open: 1, closed: 0 });
  });
});
