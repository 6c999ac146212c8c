import { describe, expect, it } from 'vitest';
import rule from '../../../../src/radar/rules/close-date-slipped';
import { ago, event, makeDeal, runRule, silentWhenClosed } from '../helpers';

const slip = (from: string, to: string, daysAgo: number) => event('closeDate', from, to, ago(daysAgo));

describe('close-date-slipped', () => {
  it.each([
    { name: 'no history', closeDate: '2026-12-01', history: [], expected: null },
    {
      name: 'one short slip',
      closeDate: '2026-11-10',
      history: [slip('2026-11-01', '2026-11-10', 20)],
      expected: null,
    },
    {
      name: 'two slips',
      closeDate: '2026-11-20',
      history: [slip('2026-11-01', '2026-11-10', 20), slip('2026-11-10', '2026-11-20', 10)],
      expected: 'warn',
    },
    {
      name: 'exactly 30 days',
      closeDate: '2026-12-01',
      history: [slip('2026-11-01', '2026-12-01', 5)],
      expected: null,
    },
    {
      name: 'one slip of 31 days',
      closeDate: '2026-12-02',
      history: [slip('2026-11-01', '2026-12-02', 5)],
      expected: 'warn',
    },
    {
      name: 'two slips, 45 days',
      closeDate: '2026-12-16',
      history: [slip('2026-11-01', '2026-11-10', 20), slip('2026-11-10', '2026-12-16', 5)],
      expected: 'critical',
    },
    {
      name: 'pulled in, then pushed back to where it was',
      closeDate: '2026-12-01',
      history: [slip('2026-12-01', '2026-11-15', 20), slip('2026-11-15', '2026-12-01', 5)],
      expected: null,
    },
    {
      name: 'only pulled in',
      closeDate: '2026-11-15',
      history: [slip('2026-12-15', '2026-11-15', 5)],
      expected: null,
    },
  ])('$name → $expected', ({ closeDate, history, expected }) => {
    expect(runRule(rule, makeDeal({ closeDate }), { history })?.severity ?? null).toBe(expected);
  });

  it('states the slips, the distance and the threshold', () => {
    const history = [slip('2026-11-01', '2026-11-10', 20), slip('2026-11-10', '2026-11-20', 10)];
    const finding = runRule(rule, makeDeal({ closeDate: '2026-11-20' }), { history });
    expect(finding?.facts).toEqual([
      'Close date moved later 2 times; last on 10 Nov 2026, from 10 Nov 2026 to 20 Nov 2026',
      'Now 20 Nov 2026: 19 days later than the first close date seen, 1 Nov 2026',
      'Threshold: moved later 2 times, or by more than 30 days in total',
    ]);
  });

  it('changes its fingerprint with each new slip, so a dismissed warning comes back', () => {
    const two = [slip('2026-11-01', '2026-11-05', 20), slip('2026-11-05', '2026-11-10', 10)];
    const three = [...two, slip('2026-11-10', '2026-11-12', 2)];
    const a = runRule(rule, makeDeal({ closeDate: '2026-11-10' }), { history: two });
    const b = runRule(rule, makeDeal({ closeDate: '2026-11-12' }), { history: three });
    expect(a?.fingerprint).toBe(`slip|${two[1]?.at}|warn`);
    expect(b?.fingerprint).toBe(`slip|${three[2]?.at}|warn`);
  });

  it('keeps its fingerprint when older slips are pruned from the history: a dismissal does not end with nothing new', () => {
    const three = [
      slip('2026-10-01', '2026-10-05', 40),
      slip('2026-10-05', '2026-10-09', 20),
      slip('2026-10-09', '2026-10-12', 2),
    ];
    const all = runRule(rule, makeDeal({ closeDate: '2026-10-12' }), { history: three });
    const pruned = runRule(rule, makeDeal({ closeDate: '2026-10-12' }), { history: three.slice(1) });
    expect(all?.facts[0]).toMatch(/^Close date moved later 3 times/);
    expect(pruned?.facts[0]).toMatch(/^Close date moved later 2 times/);
    expect(pruned?.fingerprint).toBe(all?.fingerprint);
  });

  it('changes its fingerprint when it turns critical', () => {
    const history = [slip('2026-10-01', '2026-10-20', 20), slip('2026-10-20', '2026-10-25', 10)];
    const warn = runRule(rule, makeDeal({ closeDate: '2026-10-25' }), { history });
    const critical = runRule(rule, makeDeal({ closeDate: '2026-10-25' }), { history, thresholds: { totalDays: 10 } });
    expect([warn?.severity, critical?.severity]).toEqual(['warn', 'critical']);
    expect(critical?.fingerprint).not.toBe(warn?.fingerprint);
  });

  it('takes thresholds from the settings', () => {
    const history = [slip('2026-11-01', '2026-11-10', 20)];
    expect(
      runRule(rule, makeDeal({ closeDate: '2026-11-10' }), { history, thresholds: { slips: 1 } })?.facts[0],
    ).toBe('Close date moved later once; last on 31 Oct 2026, from 1 Nov 2026 to 10 Nov 2026');
  });

  it('says how the close date now stands against the first one seen: later, earlier or the same', () => {
    const twice = (a: string, b: string, c: string) => [slip(a, b, 20), slip(b, c, 10)];
    const now = (closeDate: string, history: ReturnType<typeof twice>) =>
      runRule(rule, makeDeal({ closeDate }), { history })?.facts[1];
    // Pushed, pulled in, pushed again: two slips, one day later in all.
    const zigzag = [...twice('2026-11-01', '2026-11-05', '2026-10-30'), slip('2026-10-30', '2026-11-02', 2)];
    expect(now('2026-11-02', zigzag)).toBe('Now 2 Nov 2026: 1 day later than the first close date seen, 1 Nov 2026');
    // Pushed twice, then pulled in before the first date: still two slips, and the date is earlier.
    const pulled = [...twice('2026-11-10', '2026-11-15', '2026-11-20'), slip('2026-11-20', '2026-11-05', 2)];
    expect(now('2026-11-05', pulled)).toBe(
      'Now 5 Nov 2026: 5 days earlier than the first close date seen, 10 Nov 2026',
    );
    const back = [...twice('2026-11-10', '2026-11-15', '2026-11-20'), slip('2026-11-20', '2026-11-10', 2)];
    expect(now('2026-11-10', back)).toBe('Now 10 Nov 2026: the same as the first close date seen, 10 Nov 2026');
  });

  it('a close date it cannot read: the slips still count, and no distance is made up', () => {
    const history = [slip('2026-11-01', '2026-11-10', 20), slip('2026-11-10', '2026-11-20', 10)];
    const finding = runRule(rule, makeDeal({ closeDate: 'soon' }), { history });
    expect(finding?.severity).toBe('warn');
    expect(finding?.facts[1]).toBe('Now soon; the first close date seen, 1 Nov 2026');
    expect(finding?.facts.join(' ')).not.toMatch(/NaN/);
    expect(finding?.over).toBe(0);
  });

  it('raises nothing for won, lost or closed deals', () => {
    const history = [slip('2026-11-01', '2026-11-10', 20), slip('2026-11-10', '2026-11-20', 10)];
    expect(silentWhenClosed(rule, makeDeal({ closeDate: '2026-11-20' }), history)).toEqual({
      open: 1,
      closed: 0,
    });
  });
});
