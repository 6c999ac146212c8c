/**
 * Plain numbers as CRMs show them: grouping and decimal separators read from the string when it
 * tells, from the locale when it does not ("12.500" is 12500 in de-DE, 12.5 in en-US).
 * Also percentages and counts.
 */
import { remember, supportedLocale } from './locale';
import { clean, MAX_LENGTH } from './text';
import { type ParsedNumber, type ParseFailure, fail } from './types';

export type DecimalSeparator = '.' | ',' | null;

export type NumberTables = {
  /** The locale's decimal separator when it is '.' or ','; null when unknown. */
  decimal: DecimalSeparator;
  /** Region (ISO 3166) of the locale, likely-subtags filled in ('sv' → 'SE'); null when unknown. */
  region: string | null;
};

const numberCache = new Map<string, NumberTables>();

export function numberTables(locale: string): NumberTables {
  const hit = numberCache.get(locale);
  if (hit) return hit;
  const tag = supportedLocale(locale);
  let decimal: DecimalSeparator = null;
  let region: string | null = null;
  if (tag) {
    const part = new Intl.NumberFormat(tag, { numberingSystem: 'latn' })
      .formatToParts(1.5)
      .find((p) => p.type === 'decimal');
    decimal = part?.value === '.' || part?.value === ',' ? part.value : null;
    try {
      region = new Intl.Locale(tag).maximize().region ?? null;
    } catch {
      region = null;
    }
  }
  return remember(numberCache, locale, { decimal, region });
}

export type Numeral = { ok: true; int: string; frac: string };

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const GROUPING_ONLY = new Set([' ', "'", '\u2019']);

/** A leading ".5" belongs to the number, unless the dot ends a word ("Rs.1,500", "Fr.12"). */
function leadingMark(text: string, at: number): boolean {
  return '.,'.includes(text[at] ?? '') && isDigit(text[at + 1]) && !/\p{L}/u.test(text[at - 1] ?? '');
}

/** The first run of digits and separators in `text` ("12 500", "1.234,50", ".5"), or null. */
export function findNumeral(text: string): { start: number; end: number } | null {
  let start = 0;
  while (start < text.length && !(isDigit(text[start]) || leadingMark(text, start))) start += 1;
  if (start >= text.length) return null;
  let end = start + 1;
  while (end < text.length) {
    const c = text[end] ?? '';
    const between = isDigit(text[end - 1]) && isDigit(text[end + 1]);
    if (isDigit(c) || (between && (c === '.' || c === ',' || GROUPING_ONLY.has(c)))) end += 1;
    else break;
  }
  return { start, end };
}

/** Groups of three after the first (or the Indian 2-2-3), first group 1–3 digits. */
function validGroups(groups: readonly string[]): boolean {
  const [first, ...rest] = groups;
  const last = rest[rest.length - 1];
  if (!first || first.length > 3 || last?.length !== 3) return false;
  const middle = rest.slice(0, -1);
  if (middle.every((g) => g.length === 3)) return true;
  return first.length <= 2 && middle.every((g) => g.length === 2);
}

/** Decides which mark, if any, is the decimal point: its index, -1 for none, or a failure. */
function decimalPoint(run: string, decimal: DecimalSeparator): number | ParseFailure {
  const lastDot = run.lastIndexOf('.');
  const lastComma = run.lastIndexOf(',');
  const at = Math.max(lastDot, lastComma);
  if (at < 0) return -1;
  const mark = run[at] ?? '';
  if (run.indexOf(mark) !== at) return lastDot >= 0 && lastComma >= 0 ? fail('unreadable') : -1;
  if (lastDot >= 0 && lastComma >= 0) return at;
  // One mark, once: a decimal point unless it could be grouping ("12,500"); then the locale decides.
  let digitsBefore = 0;
  let leadingZero = false;
  for (let i = 0; i < at; i++) {
    const c = run[i] ?? '';
    if (GROUPING_ONLY.has(c)) return at;
    if (digitsBefore === 0) leadingZero = c === '0';
    digitsBefore += 1;
  }
  if (
    run.length - at - 1 !== 3 ||
    digitsBefore === 0 ||
    digitsBefore > 3 ||
    (leadingZero && digitsBefore === 1)
  ) {
    return at;
  }
  if (decimal === mark) return at;
  return decimal === null ? fail('ambiguous') : -1;
}

/** Splits a numeral found by `findNumeral` into integer digits and fraction digits. */
export function readNumeral(run: string, decimal: DecimalSeparator): Numeral | ParseFailure {
  const point = decimalPoint(run, decimal);
  if (typeof point !== 'number') return point;
  const end = point >= 0 ? point : run.length;
  let int = '';
  let mark = '';
  const groups: string[] = [];
  let group = '';
  for (let i = 0; i < end; i++) {
    const c = run[i] ?? '';
    if (isDigit(c)) {
      int += c;
      group += c;
      continue;
    }
    if (mark !== '' && c !== mark) return fail('unreadable');
    mark = c;
    groups.push(group);
    group = '';
  }
  groups.push(group);
  if (mark !== '' && !validGroups(groups)) return fail('unreadable');
  const frac = point >= 0 ? run.slice(point + 1) : '';
  for (const c of frac) if (!isDigit(c)) return fail('unreadable');
  return { ok: true, int, frac };
}

/** The numeral's value times 10^exponent, computed in decimal (no 1.15 × 10⁶ rounding noise). */
export function numeralValue({ int, frac }: Numeral, exponent = 0): number {
  return Number(`${int || '0'}.${frac || '0'}e${exponent}`);
}

const PERCENT_WORDS = /\s?(?:%|percent|pct|prozent|pour cent)$|^%\s?/;

/** A percentage 0–100 ("40%", "40 %", "%40", "12,5 %" in de). A bare number is read as percent. */
export function parsePercent(raw: string, opts: { locale: string }): ParsedNumber {
  try {
    const cleaned = clean(raw);
    if (!cleaned.ok) return cleaned;
    const text = cleaned.text.toLowerCase().replace(PERCENT_WORDS, '');
    const span = findNumeral(text);
    if (span?.start !== 0 || span.end !== text.length) return fail('unreadable');
    const numeral = readNumeral(text, numberTables(opts?.locale ?? '').decimal);
    if (!numeral.ok) return numeral;
    const value = numeralValue(numeral);
    return value >= 0 && value <= 100 ? { ok: true, value } : fail('unreadable');
  } catch {
    return fail('unreadable');
  }
}

const COUNT_NUMBER = /^\(?(\d{1,6})\)?(?: [\p{L}\p{M}][\p{L}\p{M} .'-]*)?$/u;
const MORE = /\+ ?(\d{1,4})(?: (?:more|others?|weitere|autres?))?$/u;

/**
 * A count: "3", "3 contacts", "(3)", or a list of names separated by commas, semicolons or line
 * breaks ("Ann Lee, Bo Chan" → 2; "Ann Lee +2 more" → 3).
 */
export function parseCount(raw: string): ParsedNumber {
  try {
    if (typeof raw !== 'string') return fail('empty');
    const lines = raw.length <= 4000 ? raw.replace(/[\n\r\u2028\u2029]+/g, ';') : raw;
    const cleaned = clean(lines, MAX_LENGTH * 10);
    if (!cleaned.ok) return cleaned;
    const text = cleaned.text;
    const number = COUNT_NUMBER.exec(text);
    if (number) return { ok: true, value: Number(number[1]) };
    const more = MORE.exec(text);
    const head = more ? text.slice(0, more.index) : text;
    const names = head
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (names.length === 0) return more ? fail('unreadable') : fail('empty');
    if (!names.every((n) => /\p{L}/u.test(n))) return fail('unreadable');
    return { ok: true, value: names.length + (more ? Number(more[1]) : 0) };
  } catch {
    return fail('unreadable');
  }
}
