import { describe, expect, it } from 'vitest';
import { addDays, dayDiff, dayOf } from '../../../src/parse';

describe('addDays and dayDiff', () => {
  it.each<[string, number, string]>([
    ['2026-11-27', 0, '2026-11-27'],
    ['2026-11-27', 5, '2026-12-02'],
    ['2026-11-27', -27, '2026-10-31'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['1970-01-01', -1, '1969-12-31'],
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-11-27', 2.9, '2026-11-29'],
  ])('addDays(%s, %d) = %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
    if (Number.isInteger(n)) expect(dayDiff(day, expected)).toBe(n);
  });

  it('counts calendar days across DST changes and years', () => {
    expect(dayDiff('2026-03-01', '2026-04-01')).toBe(31);
    expect(dayDiff('2026-10-01', '2026-11-01')).toBe(31);
    expect(dayDiff('1970-01-01', '2100-12-31')).toBe(47846);
    expect(dayDiff('2026-11-27', '2026-11-20')).toBe(-7);
  });

  it('throws RangeError on malformed days (a programming error, not page data)', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('Nov 3', 1)).toThrow(RangeError);
    expect(() => addDays('2026-11-27', Number.NaN)).toThrow(RangeError);
    expect(() => dayDiff('2026-11-27', '2026-13-01')).toThrow(RangeError);
  });
});

describe('dayOf', () => {
  const instant = Date.UTC(2026, 10, 27, 23, 30);

  it('gives the calendar day in a time zone', () => {
    expect(dayOf(instant, 'UTC')).toBe('2026-11-27');
    expect(dayOf(instant, 'Europe/Berlin')).toBe('2026-11-28');
    expect(dayOf(instant, 'America/Los_Angeles')).toBe('2026-11-27');
    expect(dayOf(Date.UTC(2026, 10, 27, 3), 'America/Los_Angeles')).toBe('2026-11-26');
    expect(dayOf(0, 'UTC')).toBe('1970-01-01');
  });

  it('uses the runtime zone without one', () => {
    const d = new Date(instant);
    const expected = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(dayOf(instant)).toBe(expected);
  });

  it('throws RangeError on an invalid instant or zone', () => {
    expect(() => dayOf(Number.NaN)).toThrow(RangeError);
    expect(() => dayOf(instant, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
