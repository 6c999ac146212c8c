/**
 * From the numbers and month a date string holds to a calendar day: which number is the day,
 * the month, the year; two-digit years; dates without a year.
 */
import { dayNumber, isValidYmd, MAX_YEAR, toDay, type Ymd } from './calendar';
import type { DateOrder, DateTables } from './locale';
import { type ParsedDay, fail } from './types';

export type Num = { v: number; len: number };

export function ok(y: number, m: number, d: number): ParsedDay {
  return isValidYmd(y, m, d) ? { ok: true, day: toDay({ y, m, d }), relative: false } : fail('unreadable');
}

/** A two-digit year as the century that puts it nearest to today's year (26 → 2026). */
export function fullYear(yy: number, today: Ymd | null): number {
  const base = today?.y ?? 2000;
  let best = 2000 + yy;
  for (const c of [1900 + yy, 2100 + yy]) if (Math.abs(c - base) < Math.abs(best - base)) best = c;
  return best;
}

export type Context = { order: DateOrder | null; today: Ymd | null; calendar: DateTables['calendar'] };

/** The Gregorian year a written year stands for; NaN (so unreadable) when it cannot be told. */
export function yearOf(n: Num, ctx: Context): number {
  if (n.len === 2) return ctx.calendar === 'gregory' ? fullYear(n.v, ctx.today) : Number.NaN;
  if (n.len !== 4) return Number.NaN;
  // Thai pages count Buddhist Era years (2569 = 2026); no Gregorian year in range is that large.
  return ctx.calendar === 'buddhist' && n.v > MAX_YEAR ? n.v - 543 : n.v;
}

/** A day read from a string that showed no year. */
export function withoutYear(parsed: ParsedDay): ParsedDay {
  return parsed.ok ? { ...parsed, yearless: true } : parsed;
}

/** A date shown without a year: the year that puts it nearest to today (flagged `yearless`). */
export function yearless(m: number, d: number, today: Ymd | null): ParsedDay {
  if (!today) return fail('unreadable');
  const now = dayNumber(today);
  let best: Ymd | null = null;
  for (const y of [today.y - 1, today.y, today.y + 1]) {
    if (!isValidYmd(y, m, d)) continue;
    if (!best || Math.abs(dayNumber({ y, m, d }) - now) < Math.abs(dayNumber(best) - now)) best = { y, m, d };
  }
  return best ? withoutYear(ok(best.y, best.m, best.d)) : fail('unreadable');
}

/** Day and month from two numbers: their size decides when it can, else the locale's order. */
function dayMonth(
  a: number,
  b: number,
  order: DateOrder | null,
): { d: number; m: number } | 'ambiguous' | null {
  if (a === b) return { d: a, m: b };
  const aMonth = a >= 1 && a <= 12;
  const bMonth = b >= 1 && b <= 12;
  if (!aMonth && !bMonth) return null;
  if (!aMonth) return { d: a, m: b };
  if (!bMonth) return { d: b, m: a };
  if (order === 'DMY') return { d: a, m: b };
  if (order === 'MDY') return { d: b, m: a };
  return 'ambiguous';
}

export function numericDate(nums: readonly Num[], ctx: Context): ParsedDay {
  const { order, today } = ctx;
  const [a, b, c] = nums;
  if (!a || !b) return fail('unreadable');
  if (!c) {
    // Year-less "11/3" or "3.11.": month and day in the locale's order (year-first locales write M/D).
    if (a.len > 2 || b.len > 2) return fail('unreadable');
    const dm = dayMonth(a.v, b.v, order === 'YMD' ? 'MDY' : order);
    if (dm === 'ambiguous') return fail('ambiguous');
    return dm ? yearless(dm.m, dm.d, today) : fail('unreadable');
  }
  if (b.len > 2) return fail('unreadable');
  if (a.len === 4 && c.len <= 2) return ok(yearOf(a, ctx), b.v, c.v);
  if (a.len > 2) return fail('unreadable');
  if (c.len === 4 || (c.len === 2 && order !== 'YMD')) {
    const dm = dayMonth(a.v, b.v, order === 'YMD' ? null : order);
    if (dm === 'ambiguous') return fail('ambiguous');
    return dm ? ok(yearOf(c, ctx), dm.m, dm.d) : fail('unreadable');
  }
  if (order === 'YMD' && a.len === 2 && c.len <= 2) return ok(yearOf(a, ctx), b.v, c.v);
  return fail('unreadable');
}

/** Separators that may stand between day and a two-digit year: "Nov 3, 26", "Nov 3 '26". */
const SHORT_YEAR_SEPARATORS = new Set([',', "'", ",'"]);

/**
 * A date with a month name. `monthAt` is how many numbers came before the name; `sep` what came
 * between the two numbers (punctuation, or null for words).
 */
export function namedMonthDate(
  month: number,
  nums: readonly Num[],
  monthAt: number,
  sep: string | null | undefined,
  ctx: Context,
): ParsedDay {
  const [a, b, extra] = nums;
  if (!a || extra) return fail('unreadable');
  if (!b) return a.len <= 2 ? yearless(month, a.v, ctx.today) : fail('unreadable');
  if (a.len === 4 && b.len <= 2) return ok(yearOf(a, ctx), month, b.v);
  if (b.len === 4 && a.len <= 2) return ok(yearOf(b, ctx), month, a.v);
  // Two small numbers: one is a two-digit year (first in year-first locales: "31. nov. 3." in hu).
  const [year, day] = ctx.order === 'YMD' ? [a, b] : [b, a];
  if (year.len !== 2 || day.len > 2) return fail('unreadable');
  // Accept only the shapes Intl writes: the name between them, or "Nov 3, 26", "Nov 3 '26".
  if (monthAt !== 1 && !SHORT_YEAR_SEPARATORS.has(sep ?? '')) return fail('unreadable');
  return ok(yearOf(year, ctx), month, day.v);
}
