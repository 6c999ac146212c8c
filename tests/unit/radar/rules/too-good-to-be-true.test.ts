import { describe, expect, it } from 'vitest';
import type { ChangeEvent, Deal } from '../../../../src/radar/model';
import rule from '../../../../src/radar/rules/too-good-to-be-true';
import { ago, event, makeDeal, runRule, silentWhenClosed } from '../helpers';

const raise = (from: number, to: number, daysAgo: number) =>
  event('amount', String(from), String(to), ago(daysAgo));

// Open stages in helpers.STAGES: 5; the last third is Proposal and Negotiation.
describe('too-good-to-be-true', () => {
  it.each<{ name: string; deal: Partial<Deal>; history?: ChangeEvent[]; expected: string | null }>([
    {
      name: 'late stage, quiet 14 days',
      deal: { stage: 'Negotiation', lastActivity: ago(14) },
      expected: 'warn',
    },
    { name: 'late stage, quiet 13 days', deal: { stage: 'Proposal', lastActivity: ago(13) }, expected: null },
    { name: 'early stage, quiet', deal: { stage: 'Demo', lastActivity: ago(30) }, expected: null },
    {
      name: 'probability 70%, quiet',
      deal: { stage: 'Demo', probability: 70, lastActivity: ago(20) },
      expected: 'warn',
    },
    {
      name: 'probability 69%, quiet',
      deal: { stage: 'Demo', probability: 69, lastActivity: ago(20) },
      expected: null,
    },
    { name: 'late stage, activity unknown', deal: { stage: 'Negotiation' }, expected: null },
    {
      name: 'amount up 50% without a stage change',
      deal: { stage: 'Demo', amount: 75_000 },
      history: [raise(50_000, 75_000, 10)],
      expected: 'warn',
    },
    {
      name: 'amount up 49%',
      deal: { stage: 'Demo', amount: 74_500 },
      history: [raise(50_000, 74_500, 10)],
      expected: null,
    },
    {
      name: 'amount up, then the stage moved',
      deal: { stage: 'Demo', amount: 80_000 },
      history: [raise(50_000, 80_000, 10), event('stage', 'Qualified', 'Demo', ago(5))],
      expected: null,
    },
    {
      name: 'stage moved, then amount up',
      deal: { stage: 'Demo', amount: 80_000 },
      history: [event('stage', 'Qualified', 'Demo', ago(20)), raise(50_000, 80_000, 10)],
      expected: 'warn',
    },
    {
      name: 'both',
      deal: { stage: 'Negotiation', lastActivity: ago(20), amount: 80_000 },
      history: [raise(50_000, 80_000, 10)],
      expected: 'critical',
    },
  ])('$name → $expected', ({ deal, history, expected }) => {
    expect(runRule(rule, makeDeal(deal), { history: history ?? [] })?.severity ?? null).toBe(expected);
  });

  it('states what looks good and what is missing', () => {
    expect(
      runRule(rule, makeDeal({ stage: 'Negotiation', probability: 90, lastActivity: ago(14) }))?.facts,
    ).toEqual([
      'In Negotiation, stage 5 of 5',
      'Probability 90%',
      'Last activity 14 days ago, on 6 Nov 2026',
      'Threshold: late stage or probability from 70% with no activity for 14 days; or amount up 50% without a stage change',
    ]);
  });

  it('states the amount rise', () => {
    const finding = runRule(rule, makeDeal({ stage: 'Demo', amount: 80_000, currency: 'EUR' }), {
      history: [raise(50_000, 80_000, 10)],
    });
    expect(finding?.facts[0]).toBe('Amount up 60% since 10 Nov 2026, from €50,000 to €80,000, still in Demo');
    expect(finding?.fingerprint).toBe('amount');
  });

  it('counts business days on request', () => {
    // Fri 6 Nov → Fri 20 Nov: 14 calendar days, 10 business days.
    const deal = makeDeal({ stage: 'Negotiation', lastActivity: ago(14) });
    expect(runRule(rule, deal)).not.toBeNull();
    expect(runRule(rule, deal, { business: true })).toBeNull();
  });

  it('raises nothing for won, lost or closed deals', () => {
    expect(silentWhenClosed(rule, makeDeal({ stage: 'Negotiation', lastActivity: ago(20) }))).toEqual({
      open: 1,
      closed: 0,
    });
  });
});
