import { describe, expect, it } from 'vitest';
import rule from '../../../../src/radar/rules/closing-soon-idle';
import { ago, ahead, makeDeal, runRule, runSite, silentWhenClosed } from '../helpers';

describe('closing-soon-idle', () => {
  it.each([
    { closeDate: ahead(7), lastActivity: ago(7), expected: 'warn' },
    { closeDate: ahead(8), lastActivity: ago(7), expected: null },
    { closeDate: ahead(0), lastActivity: ago(7), expected: 'warn' },
    { closeDate: ago(1), lastActivity: ago(7), expected: null },
    { closeDate: ahead(3), lastActivity: ago(6), expected: null },
    { closeDate: ahead(3), lastActivity: ago(13), expected: 'warn' },
    { closeDate: ahead(3), lastActivity: ago(14), expected: 'critical' },
    { closeDate: ahead(3), lastActivity: undefined, expected: null },
  ])(
    'closes $closeDate, last activity $lastActivity → $expected',
    ({ closeDate, lastActivity, expected }) => {
      expect(runRule(rule, makeDeal({ closeDate, lastActivity }))?.severity ?? null).toBe(expected);
    },
  );

  it('no activity ever logged, where the page shows the field: idle since the deal was created', () => {
    const deal = makeDeal({ closeDate: ahead(3), shown: ['lastActivity'], created: ago(9) });
    const finding = runRule(rule, deal);
    expect(finding?.severity).toBe('warn');
    expect(finding?.facts[1]).toBe('No activity logged since the deal was created on 11 Nov 2026, 9 days ago');
    expect(runRule(rule, makeDeal({ closeDate: ahead(3), shown: ['lastActivity'], created: ago(3) }))).toBeNull();
  });

  it('states the dates and the threshold', () => {
    expect(runRule(rule, makeDeal({ closeDate: ahead(5), lastActivity: ago(9) }))?.facts).toEqual([
      'Closes in 5 days, on 25 Nov 2026',
      'Last activity 9 days ago, on 11 Nov 2026',
      'Threshold: closing within 7 days with no activity for 7 (critical at 14)',
    ]);
    expect(runRule(rule, makeDeal({ closeDate: ahead(0), lastActivity: ago(9) }))?.facts[0]).toBe(
      'Closes today, on 20 Nov 2026',
    );
  });

  it.each([
    // Fri 13 Nov → Fri 20 Nov: 7 calendar days, 5 business days.
    { lastActivity: ago(7), business: false, fires: true },
    { lastActivity: ago(7), business: true, fires: false },
    // Wed 11 Nov → Fri 20 Nov: 7 business days.
    { lastActivity: ago(9), business: true, fires: true },
  ])(
    'business days $business, last activity $lastActivity → fires $fires',
    ({ lastActivity, business, fires }) => {
      expect(runRule(rule, makeDeal({ closeDate: ahead(7), lastActivity }), { business }) !== null).toBe(
        fires,
      );
    },
  );

  it('applies a per-stage override', () => {
    const settings = { rules: { 'closing-soon-idle': { stages: { negotiation: { idleDays: 3 } } } } };
    const late = makeDeal({ stage: 'Negotiation', closeDate: ahead(4), lastActivity: ago(4) });
    const early = makeDeal({ stage: 'Demo', closeDate: ahead(4), lastActivity: ago(4) });
    expect(runSite([rule], [late, early], { settings }).map((w) => w.dealId)).toEqual([late.id]);
  });

  it('raises nothing for won, lost or closed deals', () => {
    expect(silentWhenClosed(rule, makeDeal({ closeDate: ahead(2), lastActivity: ago(10) }))).toEqual({
      open: 1,
      closed: 0,
    });
  });
});
