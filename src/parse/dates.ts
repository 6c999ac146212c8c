/**
 * Calendar days from the raw strings CRMs show: absolute dates in the page's locale, ISO dates,
 * CJK dates and relative wording.
 *
 * No date library: Intl gives month and weekday names, date-pattern words and day/month order for
 * every locale the browser knows, at zero bundle cost (see locale.ts). Never guesses: a day/month
 * order with two readings and no usable locale is 'ambiguous'; anything else not understood is
 * 'unreadable'. Never throws.
 */
import type { Day } from '../radar/model';
import { addDays, dayDiff, readDay, type Ymd } from './calendar';
import {
  type Context,
  fullYear,
  namedMonthDate,
  type Num,
  numericDate,
  ok,
  withoutYear,
  yearless,
  yearOf,
} from './date-fields';
import { type DateTables, dateTables } from './locale';
import { relativeDay } from './relative';
import { bareKey, clean, type Token, tokenize } from './text';
import { timeEnd } from './times';
import { type ParsedDay, fail } from './types';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[t ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)? ?(?:z|utc|[+-]\d{2}(?::?\d{2})?)?)?$/;
const CJK_MARK = /[年月日년월일]/;
const CJK_DATE = /^(?:(\d{4}|\d{2}) ?[年년] ?)?(\d{1,2}) ?[月월] ?(\d{1,2}) ?[日일]/;
const CJK_TIME = /\d{1,2}:\d{2}(?::\d{2})?/g;
const ORDINALS = new Set(['st', 'nd', 'rd', 'th', 'er', 're', 'e', 'o', 'a']);
const MAX_TOKENS = 40;
const ASCII_WORD = /^[a-z]*$/;
const NAME_JOINERS = new Set(['.', "'", '’', '-']);
const HAS_LETTER = /\p{L}/u;

/** A month name written as several words ("ม.ค.", "de gen.", "d’abr."): its month and end index. */
function joinedMonth(
  tokens: readonly Token[],
  i: number,
  t: DateTables,
): { month: number; end: number } | null {
  let key = tokens[i]?.text ?? '';
  let found: { month: number; end: number } | null = null;
  let j = i + 1;
  for (let words = 1; words < 3; words++) {
    while (tokens[j]?.kind === 'punct' && NAME_JOINERS.has(tokens[j]?.text ?? '')) j += 1;
    const next = tokens[j];
    if (next?.kind !== 'word') break;
    key += next.text;
    j += 1;
    const month = t.months.get(key) ?? t.bareMonths.get(bareKey(key));
    if (month !== undefined) found = { month, end: j };
  }
  return found;
}

/** Numeric dates keep one separator: "11/3/2026", "03.11.2026", "2026-11-03", "2026. 2. 3.". */
const NUMERIC_SEPARATORS = new Set(['/', '.', '-']);
/** Stands in `seps` for a time of day between two numbers. */
const TIME_BETWEEN = 'time';

function general(text: string, t: DateTables, today: Ymd | null): ParsedDay {
  const tokens = tokenize(text);
  if (tokens.length > MAX_TOKENS) return fail('unreadable');
  const nums: Num[] = [];
  /** Punctuation between consecutive numbers; null when a word or time came between them. */
  const seps: (string | null)[] = [];
  let between: string | null = '';
  const months: { m: number; weekday: boolean }[] = [];
  let monthAt = -1;
  let times = 0;
  for (let i = 0; i < tokens.length; i++) {
    const end = timeEnd(tokens, i, t);
    if (end > i) {
      times += 1;
      between = TIME_BETWEEN;
      i = end - 1;
      continue;
    }
    const tok = tokens[i];
    if (!tok) break;
    if (tok.kind === 'num') {
      if (tok.text.length > 8) return fail('unreadable');
      if (nums.length > 0) seps.push(between);
      nums.push({ v: Number(tok.text), len: tok.text.length });
      between = '';
      continue;
    }
    if (tok.kind === 'punct') {
      if (!t.punct.has(tok.text)) return fail('unreadable');
      if (between !== null) between += tok.text;
      continue;
    }
    between = null;
    const next = tokens[i + 1];
    if (t.monthMarkers.has(tok.text) && next?.kind === 'num' && next.text.length <= 2) {
      if (monthAt < 0) monthAt = nums.length;
      months.push({ m: Number(next.text), weekday: false });
      i += 1;
      continue;
    }
    const joined = joinedMonth(tokens, i, t);
    if (joined) {
      if (monthAt < 0) monthAt = nums.length;
      months.push({ m: joined.month, weekday: false });
      i = joined.end - 1;
      continue;
    }
    const bare = ASCII_WORD.test(tok.text) ? tok.text : bareKey(tok.text);
    const month = t.months.get(tok.text) ?? t.bareMonths.get(bare);
    const weekday = t.weekdays.has(tok.text) || t.weekdays.has(bare);
    const previous = tokens[i - 1];
    if (month !== undefined) {
      if (monthAt < 0) monthAt = nums.length;
      months.push({ m: month, weekday });
    } else if (weekday || t.fillers.has(tok.text) || t.fillers.has(bare)) continue;
    else if (!(tok.glued && previous?.kind === 'num' && ORDINALS.has(tok.text))) return fail('unreadable');
  }
  if (times > 1) return fail('unreadable');
  let candidates = [...new Set(months.map((c) => c.m))];
  if (candidates.length > 1) candidates = [...new Set(months.filter((c) => !c.weekday).map((c) => c.m))];
  if (candidates.length > 1) return fail('unreadable');
  const [month] = candidates;
  const ctx: Context = { order: t.order, today, calendar: t.calendar };
  if (month !== undefined) return namedMonthDate(month, nums, monthAt, seps[0], ctx);
  const [only] = nums;
  if (nums.length === 1 && only?.len === 8) {
    const v = only.v;
    return ok(yearOf({ v: Math.floor(v / 10000), len: 4 }, ctx), Math.floor(v / 100) % 100, v % 100);
  }
  const [sep, sep2] = seps;
  if (nums.length === 3 && sep === sep2 && NUMERIC_SEPARATORS.has(sep ?? '')) return numericDate(nums, ctx);
  // Year-less: "11/3", or "3.11." with its closing dot where the day comes first.
  const dotted = sep === '.' && between === '.' && t.order !== 'MDY' && t.order !== 'YMD';
  if (nums.length === 2 && (sep === '/' || dotted)) return numericDate(nums, ctx);
  return fail('unreadable');
}

function cjk(text: string, today: Ymd | null): ParsedDay {
  const plain = text.replace(CJK_TIME, ' ').trim();
  const m = CJK_DATE.exec(plain);
  if (!m || /\d/.test(plain.slice(m[0].length))) return fail('unreadable');
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (m[1] === undefined) return yearless(month, day, today);
  return ok(m[1].length === 4 ? Number(m[1]) : fullYear(Number(m[1]), today), month, day);
}

/** One-entry cache: a scan passes the same `today` for every deal. */
let lastToday: { day: string; ymd: Ymd | null } = { day: '', ymd: null };

function todayOf(day: unknown): Ymd | null {
  if (typeof day !== 'string') return null;
  if (day !== lastToday.day) lastToday = { day, ymd: readDay(day) };
  return lastToday.ymd;
}

/**
 * Reads the calendar day `raw` shows. `locale` is the page's (BCP 47; '' when unknown), `today`
 * the reference day for relative and year-less dates.
 */
export function parseDay(raw: string, opts: { locale: string; today: Day }): ParsedDay {
  try {
    const cleaned = clean(raw);
    if (!cleaned.ok) return cleaned;
    const text = cleaned.text.toLowerCase();
    const today = todayOf(opts?.today);
    const iso = ISO.exec(text);
    if (iso) return ok(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    const relative = HAS_LETTER.test(text) ? relativeDay(text, today) : null;
    if (relative) return relative;
    if (CJK_MARK.test(text)) return cjk(text, today);
    return general(text, dateTables(typeof opts?.locale === 'string' ? opts.locale : ''), today);
  } catch {
    return fail('unreadable');
  }
}

/** How far ahead a year-less past date may come out and still be this year's (see pastDay). */
const AHEAD_DAYS = 7;

/**
 * Rough wording ("a month ago") of a date that can only lie in the past: the latest day it allows,
 * never after today, marked rough. What the rules count from it is an age the deal has at least:
 * at face value, "a month ago" (said of about 15 to 45 days ago) crossed a 30-day line on a guess.
 */
function leastAge(parsed: Extract<ParsedDay, { ok: true }>, today: Day): ParsedDay {
  const ago = dayDiff(today, parsed.day);
  if (!(ago < 0)) return parsed;
  return { ok: true, day: addDays(today, Math.min(0, ago + (parsed.slack ?? 0))), relative: parsed.relative, rough: true };
}

/**
 * A date of a field that can only lie in the past (last activity, created, stage entered): one
 * shown without a year that came out well after `today` ("Jan 5" read in November) is of the
 * year before. A day or so ahead is this year's: a CRM that writes its dates in a zone ahead of
 * the browser's shows tomorrow's date for part of every day. Other dates are as parsed.
 */
export function pastDay(parsed: ParsedDay, today: Day): ParsedDay {
  if (parsed.ok && parsed.slack !== undefined) return leastAge(parsed, today);
  if (!parsed.ok || parsed.yearless !== true || dayDiff(today, parsed.day) <= AHEAD_DAYS) return parsed;
  const day = readDay(parsed.day);
  return day ? withoutYear(ok(day.y - 1, day.m, day.d)) : parsed;
}
