/**
 * Calendar arithmetic on `Day` strings (`YYYY-MM-DD`, proleptic Gregorian, no time zone).
 * Integer day numbers (days since 1970-01-01) avoid `Date` pitfalls with years < 100 and DST.
 */
import type { Day } from '../radar/model';

/** Years a parsed date may have; anything else is a misreading. */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2100;

export type Ymd = { y: number; m: number; d: number };

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** A real date in the accepted year range. */
export function isValidYmd(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    y >= MIN_YEAR &&
    y <= MAX_YEAR &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

/** Days since 1970-01-01 (after H. Hinnant's `days_from_civil`). */
export function dayNumber({ y, m, d }: Ymd): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of `dayNumber`. */
export function fromDayNumber(n: number): Ymd {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Formats a date as a `Day`; years must be 0–9999. */
export function toDay({ y, m, d }: Ymd): Day {
  if (!(y >= 0 && y <= 9999)) throw new RangeError(`Year out of range for a Day: ${y}`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DAY_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Reads a `Day` string; null when it is not a real `YYYY-MM-DD` date. */
export function readDay(day: string): Ymd | null {
  const m = DAY_SHAPE.exec(day);
  if (!m) return null;
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (ymd.m < 1 || ymd.m > 12 || ymd.d < 1 || ymd.d > daysInMonth(ymd.y, ymd.m)) return null;
  return ymd;
}

function mustRead(day: Day): Ymd {
  const ymd = readDay(day);
  if (!ymd) throw new RangeError(`Not a YYYY-MM-DD day: ${JSON.stringify(day)}`);
  return ymd;
}

/** `day` plus `n` calendar days (`n` truncated to an integer). Throws RangeError on a malformed day. */
export function addDays(day: Day, n: number): Day {
  if (!Number.isFinite(n)) throw new RangeError(`Not a finite number of days: ${n}`);
  return toDay(fromDayNumber(dayNumber(mustRead(day)) + Math.trunc(n)));
}

/** Calendar days from `from` to `to` (positive when `to` is later). Throws RangeError on a malformed day. */
export function dayDiff(from: Day, to: Day): number {
  return dayNumber(mustRead(to)) - dayNumber(mustRead(from));
}

/** Adds calendar months, clamping the day to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function addMonths({ y, m, d }: Ymd, n: number): Ymd {
  const total = y * 12 + (m - 1) + n;
  const y2 = Math.floor(total / 12);
  const m2 = total - y2 * 12 + 1;
  return { y: y2, m: m2, d: Math.min(d, daysInMonth(y2, m2)) };
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    if (zoneFormats.size >= 32) zoneFormats.clear();
    zoneFormats.set(timeZone, format);
  }
  return format;
}

/**
 * The calendar day of an instant: in `timeZone` (IANA name) when given, else in the runtime's zone.
 * Throws RangeError for a non-finite instant, one outside years 1–9999, or an unknown time zone.
 */
export function dayOf(epochMs: number, timeZone?: string): Day {
  const date = new Date(epochMs);
  const utcYear = date.getUTCFullYear();
  if (!(utcYear >= 1 && utcYear <= 9999)) throw new RangeError(`Instant out of range: ${epochMs}`);
  if (timeZone === undefined)
    return toDay({ y: date.getFullYear(), m: date.getMonth() + 1, d: date.getDate() });
  let y = 0;
  let m = 0;
  let d = 0;
  for (const part of zoneFormat(timeZone).formatToParts(date)) {
    if (part.type === 'year') y = Number(part.value);
    else if (part.type === 'month') m = Number(part.value);
    else if (part.type === 'day') d = Number(part.value);
  }
  return toDay({ y, m, d });
}
