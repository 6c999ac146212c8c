import { describe, expect, it } from 'vitest';
import type { Deal } from '../../../../src/radar/model';
import rule from '../../../../src/radar/rules/stage-bottleneck';
import { ago, at, makeDeal, runSite, SITE } from '../helpers';

const inStage = (name: string, days: number, extra: Partial<Deal> = {}) =>
  makeDeal({ name, stage: 'Proposal', stageEntered: ago(days), ...extra });

describe('stage-bottleneck', () => {
  it.each([
    { name: '2 of 4 stalled (50%)', days: [30, 25, 3, 3], expected: 'warn' },
    { name: '3 of 4 stalled (75%)', days: [30, 25, 22, 3], expected: 'critical' },
    { name: '1 of 3 stalled', days: [30, 3, 3], expected: null },
    { name: 'both of 2 stalled, too few deals', days: [30, 30], expected: null },
    { name: 'at the stalled threshold exactly', days: [21, 21, 21], expected: null },
  ])('$name → $expected', ({ days, expected }) => {
    const deals = days.map((d, i) => inStage(`Deal ${i}`, d));
    const warnings = runSite([rule], deals);
    expect(warnings[0]?.severity ?? null).toBe(expected);
    expect(warnings.length).toBe(expected === null ? 0 : 1);
  });

  it('keeps its fingerprint while deals come and go at one severity: a dismissal lasts until it turns critical', () => {
    const fingerprint = (days: number[]) => runSite([rule], days.map((d, i) => inStage(`Deal ${i}`, d)))[0]?.fingerprint;
    const three = fingerprint([30, 25, 22, 3, 3, 3]);
    expect(three).toBe('warn');
    // One more stalls, or one moves on: the same situation for a dismissal.
    expect(fingerprint([30, 25, 22, 22, 3, 3, 3])).toBe(three);
    expect(fingerprint([30, 25, 3, 3])).toBe(three);
    expect(fingerprint([30, 25, 22, 3])).toBe('critical');
  });

  it('names the stage and its stalled deals, longest first', () => {
    const deals = [
      inStage('Beta', 30),
      inStage('Alpha', 40),
      makeDeal({ name: 'Gamma', stage: 'proposal', stageSeenSince: at(ago(25)) }),
      inStage('Delta', 2),
      makeDeal({ name: 'Elsewhere', stage: 'Demo', stageEntered: ago(90) }),
    ];
    const [w] = runSite([rule], deals);
    expect(w?.id).toBe(`${SITE}|pipeline|stage-bottleneck|proposal`);
    expect(w?.dealId).toBeNull();
    expect(w?.dealIds).toEqual([deals[1]?.id, deals[0]?.id, deals[2]?.id]);
    expect(w?.facts).toEqual([
      '3 of 4 open deals in Proposal have been there longer than 21 days',
      'Stalled, days in stage: Alpha (40), Beta (30), Gamma (at least 25)',
      "Threshold: 50% of a stage's deals stalled, in stages with at least 3 deals",
    ]);
  });

  it('orders deals as long in the stage as the popup ranks names: lower-cased, by code units, then id', () => {
    const deals = [
      inStage('Émile', 30, { key: 'e' }),
      inStage('beta', 30, { key: 'b' }),
      inStage('Alpha', 30, { key: 'y' }),
      inStage('alpha', 30, { key: 'x' }),
      inStage('Zeta', 30, { key: 'z' }),
      inStage('Longest', 45, { key: 'l' }),
    ];
    const [w] = runSite([rule], deals);
    expect(w?.dealIds).toEqual(['l', 'x', 'y', 'b', 'z', 'e'].map((key) => `${SITE}|${key}`));
    expect(w?.facts[1]).toBe(
      'Stalled, days in stage: Longest (45), alpha (30), Alpha (30), beta (30), Zeta (30) and 1 more',
    );
  });

  it("uses stalled-in-stage's per-stage thresholds", () => {
    const deals = [inStage('A', 30), inStage('B', 30), inStage('C', 30)];
    expect(runSite([rule], deals)).toHaveLength(1);
    const settings = { rules: { 'stalled-in-stage': { stages: { proposal: { days: 35 } } } } };
    expect(runSite([rule], deals, { settings })).toHaveLength(0);
  });

  it('counts only open deals', () => {
    const deals = [
      inStage('A', 30),
      inStage('B', 30),
      inStage('C', 30, { outcome: 'won' }),
      inStage('D', 30, { outcome: 'lost' }),
    ];
    expect(runSite([rule], deals)).toHaveLength(0);
  });

  it('sees every deal of the site even when only a batch was evaluated', () => {
    const deals = [inStage('A', 30), inStage('B', 30), inStage('C', 30)];
    const only = new Set([deals[0]?.id ?? '']);
    expect(runSite([rule], deals, { only })[0]?.dealIds).toHaveLength(3);
  });

  it('takes its thresholds from the settings', () => {
    const deals = [inStage('A', 30), inStage('B', 3), inStage('C', 3)];
    expect(runSite([rule], deals)).toHaveLength(0);
    expect(
      runSite([rule], deals, { settings: { rules: { 'stage-bottleneck': { thresholds: { share: 30 } } } } }),
    ).toHaveLength(1);
  });
  it('lists every stalled deal when a stage is spelled more ways than the stage table keeps', () => {
    // 16 ways of casing "demo" with 0-7 spaces before and after: 1,024 spellings of one stage.
    const spellings: string[] = [];
    for (let mask = 0; mask < 16; mask++) {
      const cased = [...'demo'].map((c, i) => (mask & (1 << i) ? c.toUpperCase() : c)).join('');
      for (let before = 0; before < 8; before++)
        for (let after = 0; after < 8; after++) spellings.push(`${' '.repeat(before)}${cased}${' '.repeat(after)}`);
    }
    const deals = spellings.map((stage, i) => makeDeal({ name: `Deal ${i}`, key: `d${i}`, stage, stageEntered: ago(30 + (i % 7)) }));
    deals.push(makeDeal({ name: 'Fresh', key: 'fresh', stage: 'Demo', stageEntered: ago(2) }));
    const [w, ...rest] = runSite([rule], deals);
    expect(rest).toEqual([]);
    expect(w?.id).toBe(`${SITE}|pipeline|stage-bottleneck|demo`);
    expect(new Set(w?.dealIds)).toEqual(new Set(deals.slice(0, spellings.length).map((d) => d.id)));
    expect(w?.facts[0]).toBe('1024 of 1025 open deals in demo have been there longer than 21 days');
  });
});
