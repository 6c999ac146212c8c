import { fromDayNumber, dayNumber as ymdToNumber } from '../parse/calendar';
import type { Day } from './model';

/*
 * Calendar-day arithmetic on `YYYY-MM-DD` strings without Date objects on the hot path:
 * a day becomes a day number (days since 1970-01-01) and back. Unknown or malformed days
 * give NaN, which every comparison treats as "not known".
 */

/** The day number of a `YYYY-MM-DD` string; NaN when missing or malformed. Hot path: no allocation. */
export function dayNumber(day: Day | undefined | null): number {
  if (day === undefined || day === null || day.length !== 10) return Number.NaN;
  const y0 = day.charCodeAt(0) - 48;
  const y1 = day.charCodeAt(1) - 48;
  const y2 = day.charCodeAt(2) - 48;
  const y3 = day.charCodeAt(3) - 48;
  const m0 = day.charCodeAt(5) - 48;
  const m1 = day.charCodeAt(6) - 48;
  const d0 = day.charCodeAt(8) - 48;
  const d1 = day.charCodeAt(9) - 48;
  // Every digit in 0–9 (`>>> 0` turns a negative into a large number), dashes in place.
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    m0 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9 ||
    day.charCodeAt(4) !== 45 ||
    day.charCodeAt(7) !== 45
  ) {
    return Number.NaN;
  }
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (m < 1 || m > 12 || d < 1 || d > 31) return Number.NaN;
  return civilToDayNumber(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m, d);
}

/** Days since 1970-01-01 from year, month (1–12), day (1–31): the parser's calendar arithmetic. */
export function civilToDayNumber(year: number, month: number, day: number): number {
  return ymdToNumber({ y: year, m: month, d: day });
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The `YYYY-MM-DD` string of a day number. */
export function dayFromNumber(n: number): Day {
  const { y, m, d } = fromDayNumber(n);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Signed calendar days `to - from`; NaN when either is unknown. */
export function dayDiff(from: Day | undefined, to: Day | undefined): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(day: Day, n: number): Day {
  return dayFromNumber(dayNumber(day) + n);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOfNumber(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function weekday(day: Day): number {
  return weekdayOfNumber(dayNumber(day));
}

/** Bit i set = weekday i is a weekend day. */
export function weekendMask(weekend: readonly number[]): number {
  let mask = 0;
  for (const d of weekend) if (Number.isInteger(d) && d >= 0 && d <= 6) mask |= 1 << d;
  return mask;
}

/**
 * Business days from day number `a` to `b`: the work days d with a < d ≤ b (Fri → Mon = 1),
 * negative when b is before a. Whole weeks in O(1), at most six single days after that.
 */
export function businessDaysBetween(a: number, b: number, mask: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  if (b < a) return -businessDaysBetween(b, a, mask);
  let workPerWeek = 7;
  for (let i = 0; i < 7; i++) if (mask & (1 << i)) workPerWeek--;
  const span = b - a;
  const weeks = Math.floor(span / 7);
  let count = weeks * workPerWeek;
  for (let d = a + weeks * 7 + 1; d <= b; d++) if (!(mask & (1 << weekdayOfNumber(d)))) count++;
  return count;
}

/** Signed business days `to - from` (see businessDaysBetween). */
export function businessDays(from: Day | undefined, to: Day | undefined, weekend: readonly number[]): number {
  return businessDaysBetween(dayNumber(from), dayNumber(to), weekendMask(weekend));
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day of an instant: in `timeZone` when given, else in the runtime's local zone.
 * `en-CA` formats as `YYYY-MM-DD`, but we read the parts to not depend on that.
 */
export function dayOf(epochMs: number, timeZone?: string): Day {
  if (timeZone === undefined) {
    const d = new Date(epochMs);
    return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`;
  }
  let fmt = zoneFormats.get(timeZone);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    zoneFormats.set(timeZone, fmt);
  }
  let y = 0;
  let m = 0;
  let d = 0;
  for (const part of fmt.formatToParts(epochMs)) {
    if (part.type === 'year') y = Number(part.value);
    else if (part.type === 'month') m = Number(part.value);
    else if (part.type === 'day') d = Number(part.value);
  }
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds to add to an instant to get the wall-clock time in `timeZone` (the runtime's zone without one). */
export function zoneOffset(epochMs: number, timeZone?: string): number {
  if (timeZone === undefined) return -new Date(epochMs).getTimezoneOffset() * 60_000;
  let fmt = offsetFormats.get(timeZone);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormats.set(timeZone, fmt);
  }
  const wall = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of fmt.formatToParts(epochMs)) {
    if (part.type in wall) wall[part.type as keyof typeof wall] = Number(part.value);
  }
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}
