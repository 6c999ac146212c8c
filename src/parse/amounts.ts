/**
 * Money amounts: "$12,500.00", "USD 12,500", "$1.2M", "€12.000,00", "12 500 kr", "¥1,200,000",
 * "1,2 Mio. €", "(1,200)", "-1,200". Decimal vs grouping separator as in numbers.ts; symbols and
 * codes to ISO 4217 as in currencies.ts.
 */
import { currencyOf, MULTIPLIERS } from './currencies';
import { findNumeral, numberTables, numeralValue, readNumeral } from './numbers';
import { clean } from './text';
import { type ParsedAmount, fail } from './types';

/** U+2212 minus, U+2012 figure dash, U+2013 en dash, U+FE63 / U+FF0D small and fullwidth hyphen-minus. */
const MINUS_LIKE = /[\u2212\u2012\u2013\uFE63\uFF0D]/g;
const SIGN_CHARS = '-+()';

type Reading = { currency: string | null; exponent: number | null; signs: string; words: number };

function setCurrency(into: Reading, code: string): boolean {
  if (into.currency !== null && into.currency !== code) return false;
  into.currency = code;
  return true;
}

/** "12.5k", "1,2 Mio", "1.2M€", "120万円": a magnitude, maybe glued to a currency. */
function readMagnitude(word: string, region: string | null, into: Reading): boolean {
  for (let cut = word.length; cut > 0; cut--) {
    const exponent = MULTIPLIERS.get(word.slice(0, cut));
    if (exponent === undefined) continue;
    const rest = word.slice(cut);
    const restCurrency = rest === '' ? null : currencyOf(rest, region);
    if (rest !== '' && !restCurrency) continue;
    into.exponent = exponent;
    return restCurrency ? setCurrency(into, restCurrency) : true;
  }
  return false;
}

/** Reads one space-separated chunk next to the number; false when it is not understood. */
function readChunk(chunk: string, afterNumber: boolean, region: string | null, into: Reading): boolean {
  let start = 0;
  let end = chunk.length;
  while (start < end && SIGN_CHARS.includes(chunk[start] ?? '')) start += 1;
  while (end > start && SIGN_CHARS.includes(chunk[end - 1] ?? '')) end -= 1;
  into.signs += chunk.slice(0, start) + chunk.slice(end);
  if (start === end) return true;
  const word = chunk.slice(start, end);
  const magnitudeAllowed = afterNumber && into.words === 0;
  into.words += 1;
  const currency = currencyOf(word, region);
  if (currency) return setCurrency(into, currency);
  return magnitudeAllowed && readMagnitude(word, region, into);
}

/** +1, -1 ("-1,200", "(1,200)", "1,200-"), or 0 when the signs contradict each other. */
function sign(signs: string): 1 | -1 | 0 {
  let minus = 0;
  let plus = 0;
  let open = 0;
  let close = 0;
  for (const c of signs) {
    if (c === '-') minus += 1;
    else if (c === '+') plus += 1;
    else if (c === '(') open += 1;
    else close += 1;
  }
  if (open !== close || minus + plus + open > 1) return 0;
  return minus === 1 || open === 1 ? -1 : 1;
}

function chunks(text: string): string[] {
  return text
    .replace(/\./g, '')
    .split(' ')
    .filter((w) => w !== '');
}

/** Digits after the decimal point of each currency, as Intl writes it (2 for EUR, 0 for JPY, 3 for KWD). */
const minorDigits = new Map<string, number | null>();
function minorUnits(currency: string): number | null {
  let digits = minorDigits.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? null;
    } catch {
      digits = null;
    }
    minorDigits.set(currency, digits);
  }
  return digits;
}

/**
 * "12,500" with one mark and three digits after it is 12.5 or 12500 as the page's locale writes
 * numbers. Beside a currency that has no third decimal ("$12,500" on a German page, "12.000 €" on
 * an English one), the three digits are a group: a CRM's interface language and its number format
 * are set apart, and 12.5 would be a thousandth of the amount.
 */
function grouped(n: { ok: true; int: string; frac: string }, currency: string | null): { ok: true; int: string; frac: string } {
  if (currency === null || n.frac.length !== 3 || n.int.length === 0 || n.int.length > 3 || n.int.startsWith('0')) return n;
  const digits = minorUnits(currency);
  return digits === null || digits >= 3 ? n : { ok: true, int: n.int + n.frac, frac: '' };
}

/**
 * Reads a money amount. `locale` (the page's, '' when unknown) settles "12.500" / "12,500" and
 * regional symbols ("$" on an en-CA page is CAD; "kr" on nb-NO is NOK).
 */
export function parseAmount(raw: string, opts: { locale: string }): ParsedAmount {
  try {
    const cleaned = clean(raw);
    if (!cleaned.ok) return cleaned;
    const text = cleaned.text.toLowerCase().replace(MINUS_LIKE, '-');
    const span = findNumeral(text);
    if (!span) return fail('unreadable');
    const before = text.slice(0, span.start);
    const after = text.slice(span.end);
    if (/\d/.test(after)) return fail('unreadable');
    const { decimal, region } = numberTables(opts?.locale ?? '');
    const reading: Reading = { currency: null, exponent: null, signs: '', words: 0 };
    for (const chunk of chunks(before))
      if (!readChunk(chunk, false, region, reading)) return fail('unreadable');
    reading.words = 0;
    for (const chunk of chunks(after))
      if (!readChunk(chunk, true, region, reading)) return fail('unreadable');
    const direction = sign(reading.signs);
    if (direction === 0) return fail('unreadable');
    const read = readNumeral(text.slice(span.start, span.end), decimal);
    if (!read.ok) return read;
    const numeral = reading.exponent === null ? grouped(read, reading.currency) : read;
    const value = direction * numeralValue(numeral, reading.exponent ?? 0);
    if (!Number.isFinite(value)) return fail('unreadable');
    const amount = value === 0 ? 0 : value;
    return reading.currency
      ? { ok: true, value: amount, currency: reading.currency }
      : { ok: true, value: amount };
  } catch {
    return fail('unreadable');
  }
}
