import { dayNumber } from './days';
import type { Day } from './model';

/*
 * Facts are short English sentences with fixed formats: `3 Nov 2026` for days (en-GB, read
 * in UTC because a Day has no zone) and Intl currency formats for amounts. Formatters and
 * formatted days are cached: the radar formats only for deals that fire, but those can be many.
 */

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const dayCache = new Map<string, string>();

/** `2026-11-03` → `3 Nov 2026`; an unknown day stays as it is. */
export function formatDay(day: Day): string {
  let text = dayCache.get(day);
  if (text === undefined) {
    const n = dayNumber(day);
    text = Number.isNaN(n) ? day : dayFormat.format(n * 86_400_000);
    dayCache.set(day, text);
  }
  return text;
}

interface AmountFormat {
  fmt: Intl.NumberFormat;
  /** Appended when the currency is not an ISO code Intl knows. */
  suffix: string;
}

const amountFormats = new Map<string, AmountFormat>();

function amountFormat(currency: string | undefined): AmountFormat {
  const key = currency ?? '';
  let format = amountFormats.get(key);
  if (format === undefined) {
    const plain = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
    if (currency === undefined) format = { fmt: plain, suffix: '' };
    else {
      try {
        const fmt = new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 });
        format = { fmt, suffix: '' };
      } catch {
        // Not an ISO 4217 code (e.g. "kr" left over from the page): a plain number with the code after it.
        format = { fmt: plain, suffix: ` ${currency}` };
      }
    }
    amountFormats.set(key, format);
  }
  return format;
}

/** `120000, 'EUR'` → `€120,000`; unknown currencies as `120,000 kr`. */
export function formatAmount(amount: number, currency?: string): string {
  const { fmt, suffix } = amountFormat(currency);
  return fmt.format(amount) + suffix;
}

/** `1 day`, `5 days`, `3 business days`. */
export function countDays(n: number, business: boolean): string {
  const unit = business ? 'business day' : 'day';
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** `today`, `yesterday`, `5 days ago`, `3 business days ago`. */
export function daysAgo(n: number, business: boolean): string {
  if (n === 0) return 'today';
  if (n === 1 && !business) return 'yesterday';
  return `${countDays(n, business)} ago`;
}

export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** `Acme, Beta and 3 more`: names a few deals without flooding a warning. */
export function listNames(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

const onceCache = new WeakMap<object, Map<string, string>>();

/**
 * A fact that depends only on a rule's thresholds (plus `key`, e.g. the unit or the stage), built
 * once per thresholds object: thousands of warnings then share one "Threshold: …" string.
 */
export function onceFor(thresholds: object, key: string, build: () => string): string {
  let byKey = onceCache.get(thresholds);
  if (byKey === undefined) {
    byKey = new Map();
    onceCache.set(thresholds, byKey);
  }
  let text = byKey.get(key);
  if (text === undefined) {
    text = build();
    byKey.set(key, text);
  }
  return text;
}

/** The onceFor key for facts that only vary with the unit of days. */
export function unitKey(business: boolean): string {
  return business ? 'business' : 'calendar';
}
