import { ROUGH } from './clock';
import { dayNumber } from './days';
import type { DealContext, Finding, RadarClock } from './define-rule';
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
  /** How Intl writes whole amounts, to write them without it; undefined where that was not safe. */
  whole: WholeAmounts | undefined;
}

/*
 * Intl takes microseconds per amount, and the facts of a big pipeline hold thousands of amounts.
 * Whole amounts (nearly all of them) are written by hand in the format Intl uses: its text
 * before and after the digits, for positive and negative amounts, and its grouping separator
 * every three digits. That format is read from Intl once per currency and checked on sample
 * amounts against Intl itself; where anything differs, every amount goes to Intl.
 */
interface WholeAmounts {
  before: string;
  after: string;
  negativeBefore: string;
  negativeAfter: string;
  group: string;
}

/** Amounts written by hand: whole, and small enough that String() gives all their digits. */
const WHOLE_LIMIT = 1e15;
const WHOLE_SAMPLES = [
  0, 7, 42, 999, 1000, 12_345, 100_000, 999_999, 1_000_000, 123_456_789, 999_999_999_999_999,
];

function groupDigits(n: number, group: string): string {
  const digits = String(n);
  if (digits.length <= 3) return digits;
  let head = digits.length % 3;
  if (head === 0) head = 3;
  let text = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) text += group + digits.slice(i, i + 3);
  return text;
}

function writeWhole(w: WholeAmounts, amount: number): string {
  return amount < 0
    ? w.negativeBefore + groupDigits(-amount, w.group) + w.negativeAfter
    : w.before + groupDigits(amount, w.group) + w.after;
}

/** The text around the digits of `amount` as Intl writes it, and its grouping separator. */
function around(fmt: Intl.NumberFormat, amount: number): [string, string, string] | undefined {
  const parts = fmt.formatToParts(amount);
  const first = parts.findIndex((part) => part.type === 'integer');
  let last = -1;
  parts.forEach((part, i) => {
    if (part.type === 'integer') last = i;
  });
  if (first < 0) return undefined;
  const group = parts.find((part) => part.type === 'group')?.value ?? ',';
  const text = (list: Intl.NumberFormatPart[]) => list.map((part) => part.value).join('');
  return [text(parts.slice(0, first)), text(parts.slice(last + 1)), group];
}

function wholeAmounts(fmt: Intl.NumberFormat): WholeAmounts | undefined {
  const positive = around(fmt, 1_234_567);
  const negative = around(fmt, -1_234_567);
  if (positive === undefined || negative === undefined || positive[2] !== negative[2]) return undefined;
  const w: WholeAmounts = {
    before: positive[0],
    after: positive[1],
    negativeBefore: negative[0],
    negativeAfter: negative[1],
    group: positive[2],
  };
  for (const n of WHOLE_SAMPLES) {
    if (writeWhole(w, n) !== fmt.format(n) || (n > 0 && writeWhole(w, -n) !== fmt.format(-n)))
      return undefined;
  }
  return w;
}

const amountFormats = new Map<string, AmountFormat>();

// The last currency asked for: a site's deals mostly share one or a few.
let lastCurrency: string | undefined;
let lastFormat: AmountFormat | undefined;

function amountFormat(currency: string | undefined): AmountFormat {
  if (currency === lastCurrency && lastFormat !== undefined) return lastFormat;
  const key = currency ?? '';
  let format = amountFormats.get(key);
  if (format === undefined) {
    const plain = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
    let fmt = plain;
    let suffix = '';
    if (currency !== undefined) {
      try {
        fmt = new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 });
      } catch {
        // Not an ISO 4217 code (e.g. "kr" left over from the page): a plain number with the code after it.
        suffix = ` ${currency}`;
      }
    }
    format = { fmt, suffix, whole: wholeAmounts(fmt) };
    amountFormats.set(key, format);
  }
  lastCurrency = currency;
  lastFormat = format;
  return format;
}

/** `120000, 'EUR'` → `€120,000`; unknown currencies as `120,000 kr`. */
export function formatAmount(amount: number, currency?: string): string {
  const { fmt, suffix, whole } = amountFormat(currency);
  const hand =
    whole !== undefined &&
    Number.isInteger(amount) &&
    Math.abs(amount) < WHOLE_LIMIT &&
    !Object.is(amount, -0);
  return (hand ? writeWhole(whole, amount) : fmt.format(amount)) + suffix;
}

/** `1 day`, `5 days`, `3 business days`. */
export function countDays(n: number, business: boolean): string {
  const unit = business ? 'business day' : 'day';
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * The day count a rule with a warning and a critical threshold in days turns critical at: the
 * critical setting, but never before the warning's own threshold (a stage's override of the
 * warning days alone can put them past the critical days).
 */
export function criticalDaysAt(t: { days: number; criticalDays: number }): number {
  return Math.max(t.criticalDays, t.days + 1);
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
  /*
   * Whole-number keys (day numbers, counts) within DENSE of the first one kept sit in an array
   * by key: a warning asks a memo or two, and a Map hashes every time.
   */
  private dense: Array<V | undefined> = [];
  private first = Number.NaN;

  constructor(private readonly limit = 20_000) {}

  /** The value kept for `key` under this clock, or undefined. */
  get(clock: RadarClock, key: K): V | undefined {
    if (clock.count !== this.count || clock.todayNumber !== this.today) {
      this.map.clear();
      this.dense = [];
      this.first = Number.NaN;
      this.count = clock.count;
      this.today = clock.todayNumber;
    }
    if (typeof key === 'number') {
      const i = key - this.first;
      if (i >= 0 && i < DENSE && Number.isInteger(i)) return this.dense[i];
    }
    return this.map.get(key);
  }

  /** Keeps `value` for `key` (call right after a get under the same clock) and returns it. */
  set(key: K, value: V): V {
    if (typeof key === 'number' && Number.isInteger(key)) {
      if (Number.isNaN(this.first)) {
        this.first = key - DENSE / 2;
        this.dense = new Array<V | undefined>(DENSE).fill(undefined);
      }
      const i = key - this.first;
      if (i >= 0 && i < DENSE) {
        this.dense[i] = value;
        return value;
      }
    }
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}

/** How many whole-number keys a Memo keeps by index: ±2048 days around the first, for day numbers. */
const DENSE = 4096;

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
  // The lines of the last thresholds asked for, by argument: a short scan, as the argument
  // (a stage) changes from deal to deal while the thresholds mostly stay the same.
  private recentT: T | undefined;
  private recentBusiness = false;
  private recentArgs: A[] = [];
  private recentTexts: string[] = [];

  constructor(private readonly build: (t: T, business: boolean, arg: A) => string) {}

  get(t: T, business: boolean, arg: A): string {
    if (t === this.lastT && business === this.lastBusiness && arg === this.lastArg) return this.lastText;
    let text: string | undefined;
    if (t === this.recentT && business === this.recentBusiness) {
      const args = this.recentArgs;
      for (let i = 0; i < args.length; i++) {
        if (args[i] === arg) {
          text = this.recentTexts[i];
          break;
        }
      }
    } else {
      this.recentT = t;
      this.recentBusiness = business;
      this.recentArgs = [];
      this.recentTexts = [];
    }
    if (text === undefined) {
      let maps = this.byThresholds.get(t);
      if (maps === undefined) {
        maps = [new Map(), new Map()];
        this.byThresholds.set(t, maps);
      }
      const map = maps[business ? 1 : 0];
      text = map.get(arg);
      if (text === undefined) {
        text = this.build(t, business, arg);
        // Per-stage lines: a site has a handful of stages; the bound only guards odd input.
        if (map.size > 1000) map.clear();
        map.set(arg, text);
      }
      if (this.recentArgs.length < 16) {
        this.recentArgs.push(arg);
        this.recentTexts.push(text);
      }
    }
    this.lastT = t;
    this.lastBusiness = business;
    this.lastArg = arg;
    this.lastText = text;
    return text;
  }
}

/**
 * The facts given, leaving out the undefined ones, in an array of just their size: built with
 * push() instead, every warning's facts would keep room for 16 more.
 */
export function factList(
  a: string | undefined,
  b: string | undefined,
  c?: string,
  d?: string,
  e?: string,
): string[] {
  const n =
    (a === undefined ? 0 : 1) +
    (b === undefined ? 0 : 1) +
    (c === undefined ? 0 : 1) +
    (d === undefined ? 0 : 1) +
    (e === undefined ? 0 : 1);
  const facts = new Array<string>(n);
  let i = 0;
  if (a !== undefined) facts[i++] = a;
  if (b !== undefined) facts[i++] = b;
  if (c !== undefined) facts[i++] = c;
  if (d !== undefined) facts[i++] = d;
  if (e !== undefined) facts[i++] = e;
  return facts;
}

/**
 * A finding shared by every deal that fires for the same reason: same fact, same numbers. The
 * evaluator only reads a finding and its facts, and records are cloned when stored (as with a
 * deal's dealIds), so thousands of warnings need not each make their own. A rule keeps one per
 * memo key (under one clock) and asks for it with the thresholds in use: the finding is made
 * again when they change (a stage with its own thresholds), as its numbers depend on them.
 */
export class SharedFinding<T> {
  private t: T | undefined;
  private finding: Finding | undefined;

  /** `fact` is the finding's first fact, shared by the findings made here. */
  constructor(readonly fact: string) {}

  /** The finding kept for thresholds `t`, if any. */
  get(t: T): Finding | undefined {
    return t === this.t ? this.finding : undefined;
  }

  set(t: T, finding: Finding): Finding {
    this.t = t;
    this.finding = finding;
    return finding;
  }
}

const lastActivityFacts = new Memo<number>();
const roughActivityFacts = new Memo<number>();

/**
 * `Last activity 5 days ago, on 15 Nov 2026`: shared by the rules that look at the last
 * activity. `dayNum` is the day number of `day`. `rough`: the page gave the date only roughly
 * ("a month ago"), and `day` is the latest it allows: the age is a least age, and no day is named.
 */
export function lastActivityFact(clock: RadarClock, dayNum: number, day: Day, rough = false): string {
  const memo = rough ? roughActivityFacts : lastActivityFacts;
  let text = memo.get(clock, dayNum);
  if (text === undefined) {
    const idle = clock.count(dayNum, clock.todayNumber);
    text = memo.set(
      dayNum,
      rough
        ? `Last activity at least ${daysAgo(idle, clock.businessDays)}: the page gives only a rough date`
        : `Last activity ${daysAgo(idle, clock.businessDays)}, on ${formatDay(day)}`,
    );
  }
  return text;
}

/**
 * A deal whose page shows the last-activity field, empty: no activity was ever logged on it. How
 * long it has gone without one counts from the day it was created, where the page shows that,
 * else from the day Deal Radar first saw it (then "at least"). Null when the page does not show
 * the field (then an empty value means "not known", not "none") or a last activity is known.
 */
export function neverActive(ctx: DealContext<unknown>): { idle: number; fact: string } | null {
  const { deal } = ctx;
  if (deal.lastActivity !== undefined || !deal.shown.includes('lastActivity')) return null;
  const created = ctx.dates.created;
  const fromCreated = !Number.isNaN(created) && created <= ctx.todayNumber;
  const since = fromCreated ? created : ctx.dayNumberOf(deal.firstSeen);
  const idle = ctx.count(since, ctx.todayNumber);
  const day = formatDay(fromCreated ? (deal.created as Day) : ctx.dayOf(deal.firstSeen));
  // A create date the page gave only roughly ("a year ago"): a least age, and no day named.
  const rough = fromCreated && (ctx.dates.rough & ROUGH.created) !== 0;
  const fact = rough
    ? `No activity logged since the deal was created, at least ${countDays(idle, ctx.businessDays)} ago: the page gives only a rough created date`
    : fromCreated
      ? `No activity logged since the deal was created on ${day}, ${countDays(idle, ctx.businessDays)} ago`
      : `No activity logged since Deal Radar first saw the deal on ${day}: at least ${countDays(idle, ctx.businessDays)}`;
  return { idle, fact };
}
