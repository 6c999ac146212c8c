/**
 * Plain numbers as CRMs show them: grouping and decimal separators read from the string when it
 * tells, from the locale when it does not ("12.500" is 12500 in de-DE, 12.5 in en-US).
 * Also percentages and counts.
 */
import { numberTables } from './locale';
import { clean, MAX_LENGTH } from './text';
import { type ParsedNumber, type ParseFailure, fail } from './types';

export type DecimalSeparator = '.' | ',' | null;
export type Numeral = { ok: true; int: string; frac: string };

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const GROUPING_ONLY = new Set([' ', "'", '\u2019']);

/** The first run of digits and separators in `text` ("12 500", "1.234,50", ".5"), or null. */
export function findNumeral(text: string): { start: number; end: number } | null {
  let start = 0;
  while (
    start < text.length &&
    !(isDigit(text[start]) || ('.,'.includes(text[start] ?? '') && isDigit(text[start + 1])))
  ) {
    start += 1;
  }
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

/** Splits a numeral found by `findNumeral` into integer digits and fraction digits. */
export function readNumeral(run: string, decimal: DecimalSeparator): Numeral | ParseFailure {
  const lastDot = run.lastIndexOf('.');
  const lastComma = run.lastIndexOf(',');
  let point = -1;
  if (lastDot >= 0 && lastComma >= 0) {
    point = Math.max(lastDot, lastComma);
    if (run.indexOf(run[point] ?? '') !== point) return fail('unreadable');
  } else if (lastDot >= 0 || lastComma >= 0) {
    const at = Math.max(lastDot, lastComma);
    const mark = run[at] ?? '';
    const before = run.slice(0, at);
    const digitsBefore = before.replace(/\D/g, '');
    const grouped = [...before].some((c) => GROUPING_ONLY.has(c));
    if (run.indexOf(mark) !== at) point = -1;
    else if (run.length - at - 1 !== 3 || grouped || digitsBefore === '' || digitsBefore === '0') point = at;
    else if (digitsBefore.length > 3) point = at;
    else if (decimal === mark) point = at;
    else if (decimal === null) return fail('ambiguous');
  }
  const int = point >= 0 ? run.slice(0, point) : run;
  const frac = point >= 0 ? run.slice(point + 1) : '';
  if (!/^\d*$/.test(frac)) return fail('unreadable');
  const marks = new Set(int.replace(/\d/g, ''));
  if (marks.size > 1) return fail('unreadable');
  const [mark] = marks;
  if (mark !== undefined && !validGroups(int.split(mark))) return fail('unreadable');
  return { ok: true, int: int.replace(/\D/g, ''), frac };
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
