import { describe, expect, it } from 'vitest';
import rule from '../../../../src/radar/rules/stalled-in-stage';
import { ago, at, event, makeDeal, runRule, runSite, silentWhenClosed } from '../helpers';

describe('stalled-in-stage', () => {
  it.each([
    { entered: ago(21), expected: null },
    { entered: ago(22), expected: 'warn' },
    { entered: ago(41), expected: 'warn' },
    { entered: ago(42), expected: 'critical' },
  ])('entered $entered → $expected', ({ entered, expected }) => {
    const finding = runRule(rule, makeDeal({ stage: 'Proposal', stageEntered: entered }));
    expect(finding?.severity ?? null).toBe(expected);
  });

  it('does nothing without a stage', () => {
    expect(runRule(rule, makeDeal({ stageEntered: ago(50) }))).toBeNull();
  });

  it.each([
    {
      source: 'the CRM stage-entered date',
      deal: { stageEntered: ago(30) },
      history: [],
      fact: '30 days in Proposal, entered on 21 Oct 2026',
    },
    {
      source: 'the last stage change into this stage',
      deal: {},
      history: [event('stage', 'Demo', 'Proposal', ago(25))],
      fact: '25 days in Proposal, since the stage change seen on 26 Oct 2026',
    },
    {
      source: 'the first sighting, as a lower bound',
      deal: { stageSeenSince: at(ago(30)) },
      history: [],
      fact: 'At least 30 days in Proposal: first seen there on 21 Oct 2026',
    },
    {
      source: 'the first sighting when the last change went elsewhere',
      deal: { stageSeenSince: at(ago(24)) },
      history: [event('stage', 'Proposal', 'Demo', ago(40))],
      fact: 'At least 24 days in Proposal: first seen there on 27 Oct 2026',
    },
  ])('counts days from $source', ({ deal, history, fact }) => {
    const finding = runRule(rule, makeDeal({ stage: 'Proposal', ...deal }), { history });
    expect(finding?.facts).toEqual([fact, 'Threshold: 21 days in Proposal (critical at 42)']);
  });

  it('counts business days on request', () => {
    // Mon 26 Oct → Fri 20 Nov: 25 calendar days, 19 business days.
    const deal = makeDeal({ stage: 'Proposal', stageEntered: ago(25) });
    expect(runRule(rule, deal)?.severity).toBe('warn');
    expect(runRule(rule, deal, { business: true })).toBeNull();
    expect(runRule(rule, deal, { business: true, thresholds: { days: 18 } })?.facts[0]).toBe(
      '19 business days in Proposal, entered on 26 Oct 2026',
    );
  });

  it.each([
    { stage: 'Negotiation', entered: ago(12), expected: 'warn' },
    { stage: 'negotiation', entered: ago(20), expected: 'critical' },
    { stage: 'Negotiation', entered: ago(10), expected: null },
    { stage: 'Demo', entered: ago(12), expected: null },
    { stage: 'Demo', entered: ago(22), expected: 'warn' },
  ])('per-stage override: $stage entered $entered → $expected', ({ stage, entered, expected }) => {
    const settings = { rules: { 'stalled-in-stage': { stages: { Negotiation: { days: 10 } } } } };
    const warnings = runSite([rule], [makeDeal({ stage, stageEntered: entered })], { settings });
    expect(warnings[0]?.severity ?? null).toBe(expected);
  });

  it('fingerprints severity and stage', () => {
    const finding = runRule(rule, makeDeal({ stage: 'Proposal', stageEntered: ago(50) }));
    expect(finding?.fingerprint).toBe('critical|proposal');
  });

  it('raises nothing for won, lost or closed deals', () => {
    expect(silentWhenClosed(rule, makeDeal({ stage: 'Proposal', stageEntered: ago(60) }))).toEqual({
      open: 1,
      closed: 0,
    });
  });
});
