import { describe, expect, test } from 'vitest';
import { dailyTotals, summarize } from '../../../src/ui/trend';

const TODAY = '2026-11-27';

describe('the 30-day trend', () => {
  test('sums sites per day; a site keeps its last count on days it was not read; nothing before the first reading', () => {
    const points = dailyTotals(
      [
        { site: 'a', day: '2026-11-20', active: 4 },
        { site: 'a', day: '2026-11-25', active: 6 },
        { site: 'b', day: '2026-11-22', active: 10 },
        // Outside the window: ignored.
        { site: 'b', day: '2026-10-01', active: 99 },
        { site: 'b', day: '2026-11-28', active: 99 },
      ],
      TODAY,
    );
    expect(points).toHaveLength(30);
    expect(points[0]).toEqual({ day: '2026-10-29', active: null });
    expect(points.at(-1)).toEqual({ day: TODAY, active: 16 });
    const byDay = Object.fromEntries(points.map((p) => [p.day, p.active]));
    expect(byDay['2026-11-19']).toBeNull();
    expect(byDay['2026-11-20']).toBe(4);
    expect(byDay['2026-11-21']).toBe(4);
    expect(byDay['2026-11-22']).toBe(14);
    expect(byDay['2026-11-25']).toBe(16);
  });

  test('the summary: today, a week ago, the peak (latest of equal peaks)', () => {
    const points = dailyTotals(
      [
        { site: 'a', day: '2026-11-10', active: 9 },
        { site: 'a', day: '2026-11-15', active: 3 },
        { site: 'a', day: '2026-11-18', active: 9 },
        { site: 'a', day: '2026-11-20', active: 7 },
        { site: 'a', day: '2026-11-26', active: 5 },
      ],
      TODAY,
    );
    // 9 on the 18th carries over to the 19th: the latest day of the peak.
    expect(summarize(points)).toEqual({
      today: 5,
      weekAgo: 7,
      peak: { day: '2026-11-19', active: 9 },
      known: 18,
    });
  });

  test('no readings at all', () => {
    expect(summarize(dailyTotals([], TODAY))).toEqual({ today: null, weekAgo: null, peak: null, known: 0 });
  });
});
