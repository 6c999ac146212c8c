import { dayNumber } from './days';
import type { RadarClock } from './define-rule';
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

/**
 * `Acme, Beta and 3 more`: names a few deals without flooding a warning. `total` is how many
 * there are when `names` holds only the first ones (at least `max` of them, when there are more).
 */
export function listNames(names: readonly string[], max = 5, total = names.length): string {
  if (total <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${total - max} more`;
}

/**
 * Strings shared by every warning that says the same thing. Once the clock is fixed ("today",
 * calendar or business days), most facts depend only on a day number, a stage or a count, so a
 * run over 100,000 deals builds a few hundred strings instead of one (or several) per warning.
 * One memo per kind of fact; it starts over when the clock changes (a new `count` function is
 * made per clock), and when it grows past `limit`, which only odd input can make it do.
 */
export class Memo<K, V = string> {
  private count: unknown;
  private today = Number.NaN;
  private readonly map = new Map<K, V>();

  constructor(private readonly limit = 20_000) {}

  /** The value kept for `key` under this clock, or undefined. */
  get(clock: RadarClock, key: K): V | undefined {
    if (clock.count !== this.count || clock.todayNumber !== this.today) {
      this.map.clear();
      this.count = clock.count;
      this.today = clock.todayNumber;
    }
    return this.map.get(key);
  }

  /** Keeps `value` for `key` (call right after a get under the same clock) and returns it. */
  set(key: K, value: V): V {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}

/**
 * The "Threshold: …" fact of a rule, built once per thresholds object (each stage override has
 * its own), unit of days and `arg` (e.g. the stage): thousands of warnings share one string.
 * `build` is a plain function of its arguments, so a lookup allocates nothing.
 */
export class ThresholdLine<T extends object, A = undefined> {
  // The last line returned: consecutive deals mostly ask for the same one.
  private lastT: T | undefined;
  private lastBusiness = false;
  private lastArg: A | undefined;
  private lastText = '';
  private readonly byThresholds = new WeakMap<T, [Map<A, string>, Map<A, string>]>();

  constructor(private readonly build: (t: T, business: boolean, arg: A) => string) {}

  get(t: T, business: boolean, arg: A): string {
    if (t === this.lastT && business === this.lastBusiness && arg === this.lastArg) return this.lastText;
    let maps = this.byThresholds.get(t);
    if (maps === undefined) {
      maps = [new Map(), new Map()];
      this.byThresholds.set(t, maps);
    }
    const map = maps[business ? 1 : 0];
    let text = map.get(arg);
    if (text === undefined) {
      text = this.build(t, business, arg);
      // Per-stage lines: a site has a handful of stages; the bound only guards odd input.
      if (map.size > 1000) map.clear();
      map.set(arg, text);
    }
    this.lastT = t;
    this.lastBusiness = business;
    this.lastArg = arg;
    this.lastText = text;
    return text;
  }
}

const lastActivityFacts = new Memo<number>();

/**
 * `Last activity 5 days ago, on 15 Nov 2026`: shared by the rules that look at the last
 * activity. `dayNum` is the day number of `day`.
 */
export function lastActivityFact(clock: RadarClock, dayNum: number, day: Day): string {
  let text = lastActivityFacts.get(clock, dayNum);
  if (text === undefined) {
    const idle = clock.count(dayNum, clock.todayNumber);
    text = lastActivityFacts.set(
      dayNum,
      `Last activity ${daysAgo(idle, clock.businessDays)}, on ${formatDay(day)}`,
    );
  }
  return text;
}
