import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../../../src/radar/model';
import rule from '../../../../src/radar/rules/amount-dropped';
import { ago, event, makeDeal, runRule, silentWhenClosed } from '../helpers';

const change = (from: number, to: number, daysAgo: number) =>
  event('amount', String(from), String(to), ago(daysAgo));

describe('amount-dropped', () => {
  it.each<{ name: string; amount: number | undefined; history: ChangeEvent[]; expected: string | null }>([
    { name: 'no history', amount: 80_000, history: [], expected: null },
    { name: 'down 20%', amount: 80_000, history: [change(100_000, 80_000, 3)], expected: 'warn' },
    { name: 'down 19%', amount: 81_000, history: [change(100_000, 81_000, 3)], expected: null },
    { name: 'down 50%', amount: 50_000, history: [change(100_000, 50_000, 3)], expected: 'critical' },
    { name: 'went up', amount: 120_000, history: [change(100_000, 120_000, 3)], expected: null },
    {
      name: 'two small cuts add up from the highest seen',
      amount: 80_000,
      history: [change(100_000, 90_000, 10), change(90_000, 80_000, 3)],
      expected: 'warn',
    },
    { name: 'amount unknown now', amount: undefined, history: [change(100_000, 50_000, 3)], expected: null },
  ])('$name → $expected', ({ amount, history, expected }) => {
    expect(runRule(rule, makeDeal({ amount, currency: 'EUR' }), { history })?.severity ?? null).toBe(
      expected,
    );
  });

  it('compares with the highest amount seen and says so', () => {
    const history = [change(100_000, 90_000, 10), change(90_000, 80_000, 3)];
    expect(runRule(rule, makeDeal({ amount: 80_000, currency: 'EUR' }), { history })?.facts).toEqual([
      'Amount now €80,000, down 20% from the highest seen, €100,000',
      'The highest amount was seen before the change on 10 Nov 2026',
      'Threshold: down 20% from the highest amount seen (critical at 50%)',
    ]);
  });

  it('dates a peak that was itself a change', () => {
    const history = [change(50_000, 120_000, 10), change(120_000, 90_000, 3)];
    const finding = runRule(rule, makeDeal({ amount: 90_000, currency: 'USD' }), { history });
    expect(finding?.facts.slice(0, 2)).toEqual([
      'Amount now US$90,000, down 25% from the highest seen, US$120,000',
      'The highest amount was seen on 10 Nov 2026',
    ]);
  });

  it('writes unknown currency codes after the number', () => {
    const finding = runRule(rule, makeDeal({ amount: 8_000, currency: 'kr' }), {
      history: [change(10_000, 8_000, 1)],
    });
    expect(finding?.facts[0]).toBe('Amount now 8,000 kr, down 20% from the highest seen, 10,000 kr');
  });

  it('brings a dismissed warning back after a further cut, or when it turns critical', () => {
    const first = change(100_000, 78_000, 3);
    const a = runRule(rule, makeDeal({ amount: 78_000 }), { history: [first] });
    const b = runRule(rule, makeDeal({ amount: 76_000 }), { history: [first, change(78_000, 76_000, 1)] });
    const c = runRule(rule, makeDeal({ amount: 78_000 }), { history: [first], thresholds: { criticalPercent: 21 } });
    expect(a?.fingerprint).toBe(`cut|${first.at}|warn`);
    expect(b?.fingerprint).not.toBe(a?.fingerprint);
    expect(c?.severity).toBe('critical');
    expect(c?.fingerprint).not.toBe(a?.fingerprint);
  });

  it('keeps its fingerprint when the peak is pruned from the history: a dismissal does not end with nothing new', () => {
    const history = [change(50_000, 200_000, 40), change(200_000, 120_000, 20), change(120_000, 90_000, 2)];
    const all = runRule(rule, makeDeal({ amount: 90_000 }), { history });
    const pruned = runRule(rule, makeDeal({ amount: 90_000 }), { history: history.slice(2) });
    expect(all?.facts[0]).toMatch(/down 55% from the highest seen/);
    expect(pruned?.facts[0]).toMatch(/down 25% from the highest seen/);
    expect([all?.severity, pruned?.severity]).toEqual(['critical', 'warn']);
    // The severity fell with the peak: that changes the fingerprint, but one more step down of the
    // same severity would not have.
    const warnOnly = { thresholds: { criticalPercent: 90 } };
    expect(runRule(rule, makeDeal({ amount: 90_000 }), { history, ...warnOnly })?.fingerprint).toBe(
      runRule(rule, makeDeal({ amount: 90_000 }), { history: history.slice(1), ...warnOnly })?.fingerprint,
    );
  });

  it('takes the percentages from the settings', () => {
    const history = [change(100_000, 90_000, 3)];
    expect(
      runRule(rule, makeDeal({ amount: 90_000 }), {
        history,
        thresholds: { percent: 10, criticalPercent: 10 },
      })?.severity,
    ).toBe('critical');
  });

  it('never says critical below its own warning threshold, whatever the two settings say', () => {
    const finding = runRule(rule, makeDeal({ amount: 75_000 }), { history: [change(100_000, 75_000, 3)], thresholds: { percent: 20, criticalPercent: 10 } });
    expect(finding?.facts[2]).toBe('Threshold: down 20% from the highest amount seen (critical at 20%)');
    expect(runRule(rule, makeDeal({ amount: 85_000 }), { history: [change(100_000, 85_000, 3)], thresholds: { percent: 20, criticalPercent: 10 } })).toBeNull();
  });

  it('raises nothing for won, lost or closed deals', () => {
    expect(silentWhenClosed(rule, makeDeal({ amount: 50_000 }), [change(100_000, 50_000, 3)])).toEqual({
      open: 1,
      closed: 0,
    });
  });
});
