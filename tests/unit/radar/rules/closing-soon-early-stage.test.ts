import { describe, expect, it } from 'vitest';
import rule from '../../../../src/radar/rules/closing-soon-early-stage';
import { ago, ahead, makeDeal, runRule, silentWhenClosed } from '../helpers';

// Open stages in helpers.STAGES: Lead, Qualified, Demo, Proposal, Negotiation; the first half is Lead and Qualified.
describe('closing-soon-early-stage', () => {
  it.each([
    { stage: 'Lead', closeDate: ahead(14), expected: 'warn' },
    { stage: 'Lead', closeDate: ahead(15), expected: null },
    { stage: 'Qualified', closeDate: ahead(8), expected: 'warn' },
    { stage: 'qualified', closeDate: ahead(7), expected: 'critical' },
    { stage: 'LEAD', closeDate: ahead(0), expected: 'critical' },
    { stage: 'Demo', closeDate: ahead(5), expected: null },
    { stage: 'Negotiation', closeDate: ahead(5), expected: null },
    { stage: 'Something else', closeDate: ahead(5), expected: null },
    { stage: 'Lead', closeDate: ago(1), expected: null },
    { stage: undefined, closeDate: ahead(5), expected: null },
  ])('$stage closing $closeDate → $expected', ({ stage, closeDate, expected }) => {
    expect(runRule(rule, makeDeal({ stage, closeDate }))?.severity ?? null).toBe(expected);
  });

  it('does nothing when the stage order is unknown', () => {
    expect(runRule(rule, makeDeal({ stage: 'Lead', closeDate: ahead(3) }), { stageOrder: [] })).toBeNull();
  });

  it('states the dates, the position and the threshold', () => {
    expect(runRule(rule, makeDeal({ stage: 'Qualified', closeDate: ahead(10) }))?.facts).toEqual([
      'Closes in 10 days, on 30 Nov 2026',
      'Stage Qualified is step 2 of 5 open stages',
      'Threshold: closing within 14 days while in the first 2 stages (critical within 7)',
    ]);
  });

  it('counts business days on request', () => {
    // Fri 20 Nov → Fri 4 Dec: 14 calendar days, 10 business days.
    const deal = makeDeal({ stage: 'Lead', closeDate: ahead(14) });
    expect(runRule(rule, deal, { thresholds: { withinDays: 10 } })).toBeNull();
    expect(runRule(rule, deal, { thresholds: { withinDays: 10 }, business: true })?.facts[0]).toBe(
      'Closes in 10 business days, on 4 Dec 2026',
    );
  });

  it('raises nothing for won, lost or closed deals', () => {
    const deal = makeDeal({ stage: 'Lead', closeDate: ahead(5) });
    expect(silentWhenClosed(rule, deal)).toEqual({ open: 1, closed: 0 });
  });
});
