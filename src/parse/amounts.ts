/**
 * Money amounts: "$12,500.00", "USD 12,500", "$1.2M", "€12.000,00", "12 500 kr", "¥1,200,000",
 * "1,2 Mio. €", "(1,200)", "-1,200". Decimal vs grouping separator as in numbers.ts; symbols and
 * codes to ISO 4217 as in currencies.ts.
 */
import { currencyOf, MULTIPLIERS } from './currencies';
import { numberTables } from './locale';
import { findNumeral, numeralValue, readNumeral } from './numbers';
import { clean } from './text';
import { type ParsedAmount, fail } from './types';

const SIGNS = /^[-+()]+|[-+()]+$/g;
/** U+2212 minus, U+2012 figure dash, U+2013 en dash, U+FE63 / U+FF0D small and fullwidth hyphen-minus. */
const MINUS_LIKE = /[\u2212\u2012\u2013\uFE63\uFF0D]/g;

type Reading = { currency: string | null; exponent: number | null; signs: string };

/** Reads one chunk next to the number; false when it is neither currency nor magnitude. */
function readChunk(chunk: string, first: boolean, region: string | null, into: Reading): boolean {
  const word = chunk.replace(SIGNS, (s) => {
    into.signs += s;
    return '';
  });
  if (word === '') return true;
  const setCurrency = (code: string) => {
    if (into.currency !== null && into.currency !== code) return false;
    into.currency = code;
    return true;
  };
  const currency = currencyOf(word, region);
  if (currency) return setCurrency(currency);
  if (!first) return false;
  for (let cut = word.length; cut > 0; cut--) {
    const exponent = MULTIPLIERS.get(word.slice(0, cut));
    if (exponent === undefined) continue;
    const rest = word.slice(cut);
    const restCurrency = rest === '' ? null : currencyOf(rest, region);
    if (rest !== '' && !restCurrency) continue;
    into.exponent = exponent;
    return restCurrency ? setCurrency(restCurrency) : true;
  }
  return false;
}

function sign(signs: string): 1 | -1 | 0 {
  const count = (c: string) => signs.split(c).length - 1;
  const minus = count('-');
  const plus = count('+');
  const open = count('(');
  if (open !== count(')') || open > 1 || minus + plus + open > 1) return 0;
  return minus === 1 || open === 1 ? -1 : 1;
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
    const reading: Reading = { currency: null, exponent: null, signs: '' };
    const words = (s: string) =>
      s
        .replace(/\./g, '')
        .split(' ')
        .filter((w) => w !== '');
    for (const chunk of words(before))
      if (!readChunk(chunk, false, region, reading)) return fail('unreadable');
    let first = true;
    for (const chunk of words(after)) {
      if (!readChunk(chunk, first && reading.exponent === null, region, reading)) return fail('unreadable');
      if (chunk.replace(SIGNS, '') !== '') first = false;
    }
    const direction = sign(reading.signs);
    if (direction === 0) return fail('unreadable');
    const numeral = readNumeral(text.slice(span.start, span.end), decimal);
    if (!numeral.ok) return numeral;
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
