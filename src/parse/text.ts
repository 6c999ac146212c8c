/**
 * Shared clean-up and tokenising for every parser: strip what the eye does not see, cap the work,
 * recognise the "nothing here" placeholders CRMs show in empty cells.
 */
import { type ParseFailure, fail } from './types';

/** Longer trimmed input is refused: no CRM cell holds a date or amount this long. */
export const MAX_LENGTH = 200;
/** Raw strings longer than this are refused before any scanning (keeps 1 MB strings O(1)). */
const MAX_RAW = 4000;

/** Bidi controls, zero-width characters, soft hyphen, BOM. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;
/** JS `\s` covers U+00A0, U+202F, U+2000–U+200A, U+3000 and line breaks. */
const WHITESPACE = /\s+/g;

/** Decimal digits of other scripts: Arabic-Indic, Persian, Devanagari, Bengali, Thai. */
const OTHER_DIGITS = /[\u0660-\u0669\u06F0-\u06F9\u0966-\u096F\u09E6-\u09EF\u0E50-\u0E59]/g;
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6, 0x0e50];
/** Arabic decimal separator, thousands separator and percent sign. */
const ARABIC_MARKS = /[\u066B\u066C\u066A]/g;

function asciiDigit(c: string): string {
  const code = c.charCodeAt(0);
  const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9) ?? code;
  return String(code - zero);
}

function arabicMark(c: string): string {
  return c === '\u066B' ? '.' : c === '\u066C' ? ',' : '%';
}

/** Placeholders for an empty cell (compared after lower-casing). */
const EMPTY_MARKERS = new Set([
  '',
  '-',
  '--',
  '---',
  '\u2013',
  '\u2014',
  '\u2212',
  'n/a',
  'n.a.',
  'na',
  'none',
  '(none)',
  'null',
  '(empty)',
  '(blank)',
  'not set',
]);

export type Cleaned = { ok: true; text: string } | ParseFailure;

/** Normalises `raw` (NFKC, one plain space between words, trimmed) or says why there is nothing to parse. */
export function clean(raw: unknown, maxLength = MAX_LENGTH): Cleaned {
  if (typeof raw !== 'string') return fail('empty');
  if (raw.length > MAX_RAW) return fail('unreadable');
  let text = raw;
  if (!PRINTABLE_ASCII.test(text)) {
    text = text
      .replace(INVISIBLE, '')
      .normalize('NFKC')
      .replace(OTHER_DIGITS, asciiDigit)
      .replace(ARABIC_MARKS, arabicMark);
  }
  text = text.replace(WHITESPACE, ' ').trim();
  if (EMPTY_MARKERS.has(text.toLowerCase())) return fail('empty');
  if (text.length > maxLength) return fail('unreadable');
  return { ok: true, text };
}

/** A token: ASCII digit run, letter run (with combining marks), or one other non-space character. */
export type Token =
  | { kind: 'num'; text: string; glued: boolean }
  | { kind: 'word'; text: string; glued: boolean }
  | { kind: 'punct'; text: string; glued: boolean };

const LETTER = /[\p{L}\p{M}]/u;

type CharKind = 'num' | 'word' | 'punct' | 'space';

function charKind(code: number, char: string): CharKind {
  if (code >= 48 && code <= 57) return 'num';
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return 'word';
  if (code === 32) return 'space';
  if (code < 128) return 'punct';
  return LETTER.test(char) ? 'word' : /\s/.test(char) ? 'space' : 'punct';
}

/** Splits text into tokens; `glued` says no space separated a token from the previous one. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let spaced = false;
  while (i < text.length) {
    const code = text.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    const kind = charKind(code, text.slice(i, i + width));
    if (kind === 'space') {
      spaced = true;
      i += width;
      continue;
    }
    let end = i + width;
    if (kind !== 'punct') {
      while (end < text.length) {
        const next = text.codePointAt(end) ?? 0;
        const nextWidth = next > 0xffff ? 2 : 1;
        if (charKind(next, text.slice(end, end + nextWidth)) !== kind) break;
        end += nextWidth;
      }
    }
    tokens.push({ kind, text: text.slice(i, end), glued: tokens.length > 0 && !spaced });
    spaced = false;
    i = end;
  }
  return tokens;
}

/** Lower-case letters and marks only, NFKC: the key under which names are compared. */
export function wordKey(word: string): string {
  return word
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}]/gu, '');
}

/** `wordKey` without diacritics, so `fevr` finds `févr`. */
export function bareKey(key: string): string {
  return key.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}
