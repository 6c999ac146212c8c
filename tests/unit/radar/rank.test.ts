import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Warning } from '../../../src/radar/model';
import { AmountPercentiles, rank, rankWarnings, scoreOf } from '../../../src/radar/rank';

const w = (id: string, score: number): Warning => ({
  id,
  site: 's',
  dealId: id,
  dealIds: [id],
  ruleId: 'r',
  severity: 'warn',
  score,
  facts: [],
  nudge: '',
  fingerprint: '',
  status: 'active',
  raisedAt: 0,
  updatedAt: 0,
});

describe('ranking', () => {
  it.each([
    ['warn', 0, 0, 0],
    ['warn', 0, 1, 22.5],
    ['warn', 1, 0.5, 25],
    ['critical', 0, 0, 50],
    ['critical', 1e9, 1, 100],
  ] as const)('scoreOf(%s, over %d, percentile %d) = %d', (severity, over, pct, score) => {
    expect(scoreOf(severity, over, pct)).toBeCloseTo(score, 1);
  });

  it('keeps every critical above every warning', () => {
    expect(scoreOf('warn', 1e9, 1)).toBeLessThanOrEqual(scoreOf('critical', 0, 0));
  });

  it('grows with how far past the threshold and with the amount', () => {
    expect(scoreOf('warn', 2, 0.5)).toBeGreaterThan(scoreOf('warn', 1, 0.5));
    expect(scoreOf('warn', 1, 0.9)).toBeGreaterThan(scoreOf('warn', 1, 0.1));
    expect(scoreOf('warn', -1, 0.5)).toBe(scoreOf('warn', 0, 0.5));
  });

  it('places amounts among the site amounts', () => {
    const p = new AmountPercentiles([10, 20, 30, 40, Number.NaN]);
    expect(p.of(5)).toBe(0);
    expect(p.of(10)).toBe(0.125);
    expect(p.of(25)).toBe(0.5);
    expect(p.of(40)).toBe(0.875);
    expect(p.of(100)).toBe(1);
    expect(p.of(undefined)).toBe(0.5);
    expect(new AmountPercentiles([]).of(10)).toBe(0.5);
  });

  it('gives the share of amounts below plus half of those equal, for any amounts (up to 4,096: exact)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 40 }), { maxLength: 300 }),
        fc.integer({ min: -8, max: 45 }),
        (amounts, x) => {
          const below = amounts.filter((a) => a < x).length;
          const equal = amounts.filter((a) => a === x).length;
          const expected = amounts.length === 0 ? 0.5 : (below + equal / 2) / amounts.length;
          expect(new AmountPercentiles(amounts).of(x)).toBeCloseTo(expected, 12);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('orders by score, then name case-insensitively, then id', () => {
    const order = rank([
      { warning: w('3', 40), name: 'beta' },
      { warning: w('2', 40), name: 'Alpha' },
      { warning: w('1', 70), name: 'zulu' },
      { warning: w('5', 40), name: 'alpha' },
    ]).map((x) => x.id);
    expect(order).toEqual(['1', '2', '5', '3']);
  });

  it('ranks stored warnings by a name lookup', () => {
    const names: Record<string, string> = { a: 'b', b: 'a' };
    expect(rankWarnings([w('a', 10), w('b', 10)], (x) => names[x.id] ?? '').map((x) => x.id)).toEqual([
      'b',
      'a',
    ]);
  });
});

describe('AmountPercentiles.table', () => {
  it.each([0, 7, 4096, 10_000])('kept and used again, gives the same percentiles (%i amounts)', (n) => {
    const amounts = Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) * 100 + (i % 3 === 0 ? 0.5 : 0));
    const first = new AmountPercentiles(amounts);
    const again = new AmountPercentiles(first.table());
    expect(first.table().length).toBe(Math.min(n, 4096));
    for (const a of [undefined, -1, 0, 50, 100, 12_345.5, 50_000, 99_900, 1e9]) expect(again.of(a)).toBe(first.of(a));
  });
});
