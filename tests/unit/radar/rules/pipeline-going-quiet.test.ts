import { describe, expect, it } from 'vitest';
import type { Deal } from '../../../../src/radar/model';
import rule from '../../../../src/radar/rules/pipeline-going-quiet';
import { ago, makeDeal, runSite, SITE } from '../helpers';

/** Deals whose last activity was `days` ago, one per entry. */
const deals = (days: number[], extra: Partial<Deal> = {}) =>
  days.map((d, i) => makeDeal({ name: `Deal ${i}`, lastActivity: ago(d), ...extra }));

describe('pipeline-going-quiet', () => {
  it.each([
    // 10 deals: this week vs the week before.
    { name: '3 vs 5 (down 40%)', days: [0, 3, 6, 7, 8, 9, 10, 13, 20, 30], expected: 'warn' },
    { name: '2 vs 5 (down 60%)', days: [0, 6, 7, 8, 9, 10, 13, 20, 30, 40], expected: 'critical' },
    { name: '5 vs 7 (down 29%)', days: [0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13], expected: null },
    { name: 'more active this week', days: [0, 1, 2, 3, 4, 7, 8, 20, 30, 40], expected: null },
    { name: 'nobody active the week before', days: [0, 20, 21, 22, 23], expected: null },
    { name: 'too few deals', days: [0, 7, 8, 9], expected: null },
  ])('$name → $expected', ({ days, expected }) => {
    const warnings = runSite([rule], deals(days));
    expect(warnings[0]?.severity ?? null).toBe(expected);
  });

  it('compares with the share a scan recorded a week ago, where one did: a real drop the last activity dates alone miss', () => {
    // All 10 active a week ago; now 6 of them (down 40%). From the dates alone the week before
    // holds only the 4 gone quiet since, and nothing fires.
    const list = deals([0, 1, 2, 3, 4, 5, 8, 9, 10, 11]);
    expect(runSite([rule], list)).toEqual([]);
    const [w] = runSite([rule], list, { weekAgo: { known: 10, active: 10 } });
    expect(w?.severity).toBe('warn');
    expect(w?.facts.slice(0, 3)).toEqual([
      '6 of 10 open deals (60%) had activity in the last 7 days, against 10 of 10 (100%) a week ago: down 40%',
      'A week ago: as Deal Radar counted it when it read this CRM that day',
      'Last active the week before, quiet since: Deal 6, Deal 7, Deal 8, Deal 9',
    ]);
    expect(runSite([rule], deals([0, 1, 2, 3, 8, 9, 10, 11, 12, 13]), { weekAgo: { known: 10, active: 10 } })[0]?.severity).toBe('critical');
    // A record of too few deals, or of nobody active, settles nothing / nothing to fall from.
    expect(runSite([rule], list, { weekAgo: { known: 3, active: 3 } })).toEqual([]);
    expect(runSite([rule], deals([0, 3, 6, 7, 8, 9, 10, 13, 20, 30]), { weekAgo: { known: 10, active: 0 } })).toEqual([]);
  });

  it('says how it was computed and names the deals gone quiet', () => {
    const list = deals([0, 3, 6, 7, 8, 9, 10, 13, 20, 30]);
    const [w] = runSite([rule], list);
    expect(w?.id).toBe(`${SITE}|pipeline|pipeline-going-quiet|all`);
    expect(w?.dealIds).toEqual(list.slice(3, 8).map((d) => d.id));
    expect(w?.facts).toEqual([
      '3 of 10 open deals (30%) had activity in the last 7 days, against 5 (50%) the week before: down 40%',
      "Computed from each deal's last activity date only: a deal active in both weeks counts in the latest one, so the real drop may be larger",
      'Last active the week before, quiet since: Deal 3, Deal 4, Deal 5, Deal 6, Deal 7',
      'Threshold: down 30% (critical at 60%), with at least 5 deals',
    ]);
  });

  it('leaves out deals without a last activity date and closed deals', () => {
    const list = [...deals([0, 3, 6, 7, 8, 9, 10, 13]), ...deals([1, 2, 3], { outcome: 'won' }), makeDeal()];
    expect(runSite([rule], list)[0]?.facts[0]).toBe(
      '3 of 8 open deals (38%) had activity in the last 7 days, against 5 (63%) the week before: down 40%',
    );
  });

  it('takes its thresholds from the settings', () => {
    const list = deals([0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13]);
    expect(
      runSite([rule], list, {
        settings: { rules: { 'pipeline-going-quiet': { thresholds: { dropPercent: 25 } } } },
      }),
    ).toHaveLength(1);
  });
});
