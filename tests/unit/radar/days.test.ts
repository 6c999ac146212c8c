import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClock } from '../../../src/radar/clock';
import {
  addDays,
  businessDays,
  businessDaysBetween,
  dayDiff,
  dayFromNumber,
  dayNumber,
  dayOf,
  weekday,
  weekdayOfNumber,
  weekendMask,
  zoneOffset,
} from '../../../src/radar/days';

describe('days', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2026-11-20', 20777],
  ])('dayNumber(%s) = %i', (day, n) => {
    expect(dayNumber(day)).toBe(n);
    expect(dayFromNumber(n)).toBe(day);
  });

  it.each([
    undefined,
    '',
    '2026-13-01',
    '2026-00-10',
    '2026-11-32',
    '2026/11/20',
    '20-11-2026',
    'abcd-ef-gh',
  ])('dayNumber(%s) is NaN', (day) => {
    expect(dayNumber(day)).toBeNaN();
  });

  it('agrees with Date for any day, both ways', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(dayFromNumber(n)).toBe(iso);
        expect(dayNumber(iso)).toBe(n);
        expect(weekdayOfNumber(n)).toBe(new Date(n * 86_400_000).getUTCDay());
      }),
    );
  });

  it.each([
    ['2026-11-20', '2026-11-20', 0],
    ['2026-11-20', '2026-12-01', 11],
    ['2026-12-01', '2026-11-20', -11],
    ['2028-02-28', '2028-03-01', 2],
    ['2027-02-28', '2027-03-01', 1],
  ])('dayDiff(%s, %s) = %i', (from, to, n) => {
    expect(dayDiff(from, to)).toBe(n);
    expect(addDays(from, n)).toBe(to);
  });

  it('gives NaN for an unknown day', () => {
    expect(dayDiff(undefined, '2026-11-20')).toBeNaN();
  });

  it.each([
    ['2026-11-20', 5],
    ['2026-11-21', 6],
    ['2026-11-22', 0],
  ])('weekday(%s) = %i', (day, n) => {
    expect(weekday(day)).toBe(n);
  });

  it.each([
    // from, to, weekend, business days
    ['2026-11-20', '2026-11-23', [0, 6], 1], // Fri → Mon
    ['2026-11-21', '2026-11-23', [0, 6], 1], // Sat → Mon
    ['2026-11-23', '2026-11-23', [0, 6], 0],
    ['2026-11-16', '2026-11-20', [0, 6], 4],
    ['2026-11-23', '2026-11-20', [0, 6], -1], // Mon → Fri before
    ['2026-11-02', '2026-11-20', [0, 6], 14],
    ['2026-11-19', '2026-11-22', [5, 6], 1], // Fri/Sat weekend: Thu → Sun
    ['2026-11-20', '2026-11-27', [], 7],
  ])('businessDays(%s, %s, %j) = %i', (from, to, weekend, n) => {
    expect(businessDays(from, to, weekend)).toBe(n);
  });

  it('counts business days like a day-by-day loop', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: -60, max: 60 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 6 }),
        (a, span, weekend) => {
          const mask = weekendMask(weekend);
          const b = a + span;
          let naive = 0;
          for (let d = Math.min(a, b) + 1; d <= Math.max(a, b); d++)
            if (!weekend.includes(weekdayOfNumber(d))) naive++;
          expect(businessDaysBetween(a, b, mask)).toBe(b < a ? -naive : naive);
        },
      ),
    );
  });

  it.each([
    // 23:30 UTC on 20 Nov is already 21 Nov in Auckland, still 20 Nov in New York.
    [Date.UTC(2026, 10, 20, 23, 30), 'UTC', '2026-11-20'],
    [Date.UTC(2026, 10, 20, 23, 30), 'Pacific/Auckland', '2026-11-21'],
    [Date.UTC(2026, 10, 21, 3, 0), 'America/New_York', '2026-11-20'],
  ])('dayOf(%i, %s) = %s', (ms, zone, day) => {
    expect(dayOf(ms, zone)).toBe(day);
  });

  it('uses the local zone without one', () => {
    const d = new Date(2026, 10, 20, 12);
    expect(dayOf(d.getTime())).toBe('2026-11-20');
  });
});

describe('zone offsets and the clock', () => {
  it.each([
    [Date.UTC(2026, 6, 1, 12), 'Europe/Berlin', 2 * 3_600_000],
    [Date.UTC(2026, 11, 1, 12), 'Europe/Berlin', 3_600_000],
    [Date.UTC(2026, 11, 1, 12), 'Asia/Kolkata', 5.5 * 3_600_000],
    [Date.UTC(2026, 11, 1, 12), 'America/New_York', -5 * 3_600_000],
    [Date.UTC(2026, 11, 1, 12), 'UTC', 0],
  ])('zoneOffset(%i, %s) = %i', (ms, zone, offset) => {
    expect(zoneOffset(ms, zone)).toBe(offset);
  });

  it('gives the same day as Intl for any instant, across DST changes', () => {
    for (const zone of [
      'Europe/Berlin',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
    ]) {
      const clock = createClock(0, { business: false, weekend: [0, 6] }, zone);
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }), (ms) => {
          expect(clock.dayOf(ms)).toBe(dayOf(ms, zone));
          expect(clock.dayNumberOf(ms)).toBe(dayNumber(dayOf(ms, zone)));
        }),
        { numRuns: 300 },
      );
      // Around the 2026 spring change in Europe and the US, minute by minute.
      for (let ms = Date.UTC(2026, 2, 8, 0); ms < Date.UTC(2026, 2, 8, 12); ms += 60_000) {
        expect(clock.dayOf(ms)).toBe(dayOf(ms, zone));
      }
      for (let ms = Date.UTC(2026, 2, 28, 20); ms < Date.UTC(2026, 2, 29, 8); ms += 60_000) {
        expect(clock.dayOf(ms)).toBe(dayOf(ms, zone));
      }
    }
  });

  it('counts calendar or business days', () => {
    const calendar = createClock(0, { business: false, weekend: [0, 6] }, 'UTC');
    const business = createClock(0, { business: true, weekend: [0, 6] }, 'UTC');
    const allWeekend = createClock(0, { business: true, weekend: [0, 1, 2, 3, 4, 5, 6] }, 'UTC');
    expect(calendar.days('2026-11-20', '2026-11-23')).toBe(3);
    expect(business.days('2026-11-20', '2026-11-23')).toBe(1);
    expect(business.businessDays).toBe(true);
    // A week with no work days cannot count business days: calendar days instead.
    expect(allWeekend.businessDays).toBe(false);
  });
});
