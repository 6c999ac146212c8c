import { dayNumber } from '../radar/days';
import type { Day } from '../radar/model';
import { relativeDays } from './i18n';

/*
 * Numbers, days and instants in the user's own locale. Facts come pre-formatted from the radar;
 * everything the popup itself says about time and counts goes through here.
 */

const DAY_MS = 86_400_000;
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function userLocale(): string {
  return typeof navigator === 'undefined' ? 'en' : navigator.language;
}

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(
  key: string,
  make: (locale: string) => T,
): T {
  const locale = userLocale();
  const id = `${locale}|${key}`;
  let fmt = formats.get(id);
  if (!fmt) {
    fmt = make(locale);
    formats.set(id, fmt);
  }
  return fmt as T;
}

/** 1200 → "1,200" (or "1.200", "1 200"). */
export function formatCount(n: number): string {
  return cached('count', (l) => new Intl.NumberFormat(l)).format(n);
}

/** An amount with its currency where Intl knows the code, else the plain number and the code. */
export function formatMoney(amount: number, currency?: string): string {
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return cached(
        `money|${currency}`,
        (l) => new Intl.NumberFormat(l, { style: 'currency', currency, maximumFractionDigits: 0 }),
      ).format(amount);
    } catch {
      // An unknown code: fall through to the plain number.
    }
  }
  const plain = cached('plain', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 2 })).format(amount);
  return currency ? `${plain} ${currency}` : plain;
}

/** A calendar day, `2026-11-03` → "3 Nov 2026" in the user's locale; unknown days stay as they are. */
export function formatDay(day: Day): string {
  const n = dayNumber(day);
  if (Number.isNaN(n)) return day;
  return cached(
    'day',
    (l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  ).format(n * DAY_MS);
}

/** An instant with weekday and time, e.g. "Thu, 4 Dec, 09:30". */
export function formatInstant(ms: number): string {
  return cached(
    'instant',
    (l) =>
      new Intl.DateTimeFormat(l, {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: 'numeric',
        minute: '2-digit',
      }),
  ).format(ms);
}

/** The local day of an instant, with its weekday, e.g. "Fri, 20 Nov". */
export function formatDate(ms: number): string {
  return cached(
    'date',
    (l) => new Intl.DateTimeFormat(l, { weekday: 'short', day: 'numeric', month: 'short' }),
  ).format(ms);
}

/** Local calendar days from `now` to `ms`: 0 today, 1 tomorrow, -1 yesterday. */
export function calendarDaysBetween(now: number, ms: number): number {
  const start = (t: number) => {
    const d = new Date(t);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  };
  return Math.round((start(ms) - start(now)) / DAY_MS);
}

/** "tomorrow", "in 3 days", "yesterday", in the user's locale. */
export function relativeTo(now: number, ms: number): string {
  return relativeDays(calendarDaysBetween(now, ms), userLocale());
}
