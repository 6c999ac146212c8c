import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../../../src/radar/model';
import rule from '../../../../src/radar/rules/stage-regressed';
import { ago, event, makeDeal, NOW, runRule, silentWhenClosed } from '../helpers';

const DAY = 86_400_000;

const move = (from: string, to: string, daysAgo: number) => event('stage', from, to, ago(daysAgo));

describe('stage-regressed', () => {
  it.each<{ name: string; stage: string; history: ChangeEvent[]; expected: string | null }>([
    { name: 'only forward', stage: 'Proposal', history: [move('Demo', 'Proposal', 5)], expected: null },
    { name: 'one step back', stage: 'Demo', history: [move('Proposal', 'Demo', 5)], expected: 'warn' },
    {
      name: 'two stages back',
      stage: 'Qualified',
      history: [move('Demo', 'Proposal', 30), move('Proposal', 'Qualified', 5)],
      expected: 'critical',
    },
    {
      name: 'back, then forward again',
      stage: 'Proposal',
      history: [move('Proposal', 'Demo', 5), move('Demo', 'Proposal', 2)],
      expected: null,
    },
    {
      name: 'back twice',
      stage: 'Demo',
      history: [move('Proposal', 'Demo', 40), move('Demo', 'Proposal', 30), move('Proposal', 'Demo', 5)],
      expected: 'critical',
    },
    { name: 'outside the look-back', stage: 'Demo', history: [move('Proposal', 'Demo', 91)], expected: null },
    {
      name: 'stages not in the order',
      stage: 'Other',
      history: [move('Unknown', 'Other', 5)],
      expected: null,
    },
    {
      name: 'reopened from a closed stage',
      stage: 'Negotiation',
      history: [move('Closed Lost', 'Negotiation', 5)],
      expected: null,
    },
    { name: 'case-insensitive', stage: 'demo', history: [move('PROPOSAL', 'demo', 5)], expected: 'warn' },
  ])('$name → $expected', ({ stage, history, expected }) => {
    expect(runRule(rule, makeDeal({ stage }), { history })?.severity ?? null).toBe(expected);
  });

  it('the fingerprint changes with a new step back, not as old ones leave the look-back window', () => {
    const history = [move('Proposal', 'Demo', 80), move('Demo', 'Proposal', 70), move('Proposal', 'Demo', 5)];
    const today = runRule(rule, makeDeal({ stage: 'Demo' }), { history });
    // Fifteen days on, the first step back is 95 days old: one step back counted, no longer critical.
    const later = runRule(rule, makeDeal({ stage: 'Demo' }), { history, now: NOW + 15 * DAY });
    expect([today?.severity, later?.severity]).toEqual(['critical', 'warn']);
    expect(later?.fingerprint).toBe(today?.fingerprint);
    // A new step back is news.
    const again = [...history, move('Demo', 'Proposal', 3), move('Proposal', 'Demo', 1)];
    expect(runRule(rule, makeDeal({ stage: 'Demo' }), { history: again })?.fingerprint).not.toBe(today?.fingerprint);
  });

  it('states the move and the threshold', () => {
    const history = [move('Demo', 'Proposal', 30), move('Proposal', 'Qualified', 5)];
    expect(runRule(rule, makeDeal({ stage: 'Qualified' }), { history })?.facts).toEqual([
      'Moved back from Proposal to Qualified, seen on 15 Nov 2026',
      'Now in Qualified, 2 stages behind Proposal',
      'Threshold: any step back in the last 90 days (critical at 2 stages or 2 times)',
    ]);
  });

  it('counts the moves back', () => {
    const history = [move('Proposal', 'Demo', 40), move('Demo', 'Proposal', 30), move('Proposal', 'Demo', 5)];
    const finding = runRule(rule, makeDeal({ stage: 'Demo' }), { history });
    expect(finding?.facts).toContain('Moved back 2 times in the last 90 days');
    // The last step back is what the fingerprint names.
    expect(finding?.fingerprint).toBe(`back|${history[2]?.at}`);
  });

  it('takes the look-back from the settings', () => {
    const history = [move('Proposal', 'Demo', 100)];
    expect(
      runRule(rule, makeDeal({ stage: 'Demo' }), { history, thresholds: { lookbackDays: 120 } }),
    ).not.toBeNull();
  });

  it('counts the look-back in business days on request', () => {
    // Thu 1 Oct → Fri 20 Nov: 50 calendar days, 36 business days.
    const history = [move('Proposal', 'Demo', 50)];
    const deal = makeDeal({ stage: 'Demo' });
    expect(runRule(rule, deal, { history, thresholds: { lookbackDays: 40 } })).toBeNull();
    expect(runRule(rule, deal, { history, thresholds: { lookbackDays: 40 }, business: true })).not.toBeNull();
  });

  it('raises nothing for won, lost or closed deals', () => {
    expect(silentWhenClosed(rule, makeDeal({ stage: 'Demo' }), [move('Proposal', 'Demo', 5)])).toEqual({
      open: 1,
      closed: 0,
    });
  });
});
