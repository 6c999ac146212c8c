import { describe, expect, it } from 'vitest';
import rule from '../../../../src/radar/rules/no-activity';
import { ago, ahead, at, makeDeal, runRule, runSite, silentWhenClosed } from '../helpers';

describe('no-activity', () => {
  it.each([
    { lastActivity: ago(0), expected: null },
    { lastActivity: ago(14), expected: null },
    { lastActivity: ago(15), expected: 'warn' },
    { lastActivity: ago(29), expected: 'warn' },
    { lastActivity: ago(30), expected: 'critical' },
    { lastActivity: undefined, expected: null },
  ])('last activity $lastActivity → $expected', ({ lastActivity, expected }) => {
    const finding = runRule(rule, makeDeal({ lastActivity }));
    expect(finding?.severity ?? null).toBe(expected);
  });

  it('a deal on which no activity was ever logged, where the page shows the field: counted from its creation, else its first sighting', () => {
    const shown: Array<'lastActivity'> = ['lastActivity'];
    const created = runRule(rule, makeDeal({ shown, created: ago(40) }));
    expect(created?.severity).toBe('critical');
    expect(created?.facts).toEqual([
      'No activity logged since the deal was created on 11 Oct 2026, 40 days ago',
      'Threshold: 14 days (critical at 30)',
    ]);
    const firstSeen = runRule(rule, makeDeal({ shown, firstSeen: at(ago(20)) }));
    expect(firstSeen?.severity).toBe('warn');
    expect(firstSeen?.facts[0]).toBe('No activity logged since Deal Radar first saw the deal on 31 Oct 2026: at least 20 days');
    // Young deals, a page without the field, or a booked next step with quietWhenBooked: nothing.
    expect(runRule(rule, makeDeal({ shown, created: ago(10) }))).toBeNull();
    expect(runRule(rule, makeDeal({ created: ago(40) }))).toBeNull();
    expect(runRule(rule, makeDeal({ shown, created: ago(40), nextActivity: ahead(2) }), { thresholds: { quietWhenBooked: true } })).toBeNull();
  });

  it('is never critical before its own warning threshold, as a stage override of the warning days alone can set them', () => {
    const settings = { rules: { 'no-activity': { enabled: true, thresholds: { days: 14, criticalDays: 30, quietWhenBooked: false }, stages: { lead: { days: 45 } } } } };
    const lead = (days: number) => runSite([rule], [makeDeal({ stage: 'Lead', lastActivity: ago(days) })], { settings })[0];
    expect(lead(40)).toBeUndefined();
    expect(lead(46)?.severity).toBe('critical');
    expect(lead(46)?.facts[1]).toBe('Threshold: 45 days (critical at 46)');
    // Elsewhere the settings as they are.
    expect(runSite([rule], [makeDeal({ stage: 'Demo', lastActivity: ago(20) })], { settings })[0]?.facts[1]).toBe('Threshold: 14 days (critical at 30)');
  });

  it('states the dates and the threshold', () => {
    const finding = runRule(rule, makeDeal({ lastActivity: ago(23) }));
    expect(finding?.facts).toEqual([
      'Last activity 23 days ago, on 28 Oct 2026',
      'Threshold: 14 days (critical at 30)',
    ]);
    expect(finding?.over).toBeCloseTo(9 / 14);
  });

  it.each([
    { quiet: false, deal: { nextActivity: ahead(3) }, fires: true },
    { quiet: true, deal: { nextActivity: ahead(3) }, fires: false },
    { quiet: true, deal: { nextActivity: ago(0) }, fires: false },
    { quiet: true, deal: { flags: ['activity-planned' as const] }, fires: false },
    { quiet: true, deal: { nextActivity: ago(2) }, fires: true },
    { quiet: true, deal: {}, fires: true },
  ])('quietWhenBooked=$quiet with $deal → fires $fires', ({ quiet, deal, fires }) => {
    const finding = runRule(rule, makeDeal({ lastActivity: ago(20), ...deal }), {
      thresholds: { quietWhenBooked: quiet },
    });
    expect(finding !== null).toBe(fires);
  });

  it('mentions a booked next activity when it does not keep quiet', () => {
    const finding = runRule(rule, makeDeal({ lastActivity: ago(20), nextActivity: ahead(3) }));
    expect(finding?.facts).toContain('Next activity: 23 Nov 2026');
  });

  it.each([
    // Mon 2 Nov → Fri 20 Nov: 14 business days, 18 calendar days.
    { lastActivity: ago(18), business: false, expected: 'Last activity 18 days ago, on 2 Nov 2026' },
    { lastActivity: ago(18), business: true, expected: null },
    { lastActivity: ago(19), business: true, expected: 'Last activity 15 business days ago, on 1 Nov 2026' },
  ])('business days $business from $lastActivity', ({ lastActivity, business, expected }) => {
    const finding = runRule(rule, makeDeal({ lastActivity }), { business });
    expect(finding?.facts[0] ?? null).toBe(expected);
    if (business && finding) expect(finding.facts[1]).toBe('Threshold: 14 business days (critical at 30)');
  });

  it('applies a per-stage override, case-insensitively', () => {
    const settings = { rules: { 'no-activity': { stages: { ' PROPOSAL ': { days: 5 } } } } };
    const proposal = makeDeal({ stage: 'Proposal', lastActivity: ago(7) });
    const demo = makeDeal({ stage: 'Demo', lastActivity: ago(7) });
    const fired = runSite([rule], [proposal, demo], { settings }).map((w) => w.dealId);
    expect(fired).toEqual([proposal.id]);
  });

  it('raises nothing for won, lost or closed deals', () => {
    expect(silentWhenClosed(rule, makeDeal({ lastActivity: ago(40) }))).toEqual({ open: 1, closed: 0 });
  });
});
