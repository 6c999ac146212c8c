import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ParseFailure,
  parseAmount,
  parseCount,
  parseDay,
  parseDuration,
  parsePercent,
} from '../../../src/parse';

const today = '2026-11-27';
const locales = ['', 'en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'ar-EG', 'th-TH', 'xx', 'not a locale!'];
const reasons = ['empty', 'ambiguous', 'unreadable'];

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Pieces that reach deep into the parsers. */
const piece = fc.constantFrom(
  ...[
    'Nov',
    'november',
    'März',
    'févr.',
    '年',
    '月',
    '日',
    '3',
    '03',
    '11',
    '2026',
    '26',
    '1969',
    '12,500',
    '1.2',
  ],
  ...['/', '.', ',', '-', ':', ' ', '\u00a0', '\u202f', '\u202e', '\u2066', '\u200b', '(', ')', '+', '%'],
  ...['ago', 'in', 'days', 'a', 'week', 'vor', 'il y a', 'today', 'am', 'pm', 'Tue', 'at', 'um', 'UTC'],
  ...['$', '€', '¥', 'kr', 'USD', 'CA$', 'k', 'M', 'Mio', '万', 'n/a', '--', '\ud800', '١٢'],
);
const strings = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: codeUnit, maxLength: 60 }),
  fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
  fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(' ')),
);
const locale = fc.constantFrom(...locales);

function isFailure(result: { ok: boolean }): result is ParseFailure {
  return !result.ok;
}

function isRealDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1970 && y <= 2100 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

describe('parsers never throw and only return valid values', () => {
  it('parseDay', () => {
    fc.assert(
      fc.property(strings, locale, (raw, loc) => {
        const result = parseDay(raw, { locale: loc, today });
        if (isFailure(result)) return reasons.includes(result.reason);
        return isRealDay(result.day) && typeof result.relative === 'boolean';
      }),
      { numRuns: 3000 },
    );
  });

  it('parseAmount', () => {
    fc.assert(
      fc.property(strings, locale, (raw, loc) => {
        const result = parseAmount(raw, { locale: loc });
        if (isFailure(result)) return reasons.includes(result.reason);
        return (
          Number.isFinite(result.value) &&
          (result.currency === undefined || /^[A-Z]{3}$/.test(result.currency))
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('parseDuration, parsePercent, parseCount', () => {
    fc.assert(
      fc.property(strings, locale, (raw, loc) => {
        const duration = parseDuration(raw);
        const percent = parsePercent(raw, { locale: loc });
        const count = parseCount(raw);
        return (
          (isFailure(duration)
            ? reasons.includes(duration.reason)
            : duration.days >= 0 && Number.isFinite(duration.days)) &&
          (isFailure(percent)
            ? reasons.includes(percent.reason)
            : percent.value >= 0 && percent.value <= 100) &&
          (isFailure(count)
            ? reasons.includes(count.reason)
            : Number.isInteger(count.value) && count.value >= 0)
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('read the same with bidi controls and zero-width characters sprinkled in', () => {
    const invisible = fc.constantFrom(
      '\u202e',
      '\u202c',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200b',
      '\u200f',
      '\ufeff',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), invisible, fc.nat(), (parts, mark, at) => {
        const raw = parts.join(' ');
        const cut = at % (raw.length + 1);
        const marked = raw.slice(0, cut) + mark + raw.slice(cut);
        expect(parseDay(marked, { locale: 'en-US', today })).toEqual(
          parseDay(raw, { locale: 'en-US', today }),
        );
        expect(parseAmount(marked, { locale: 'de-DE' })).toEqual(parseAmount(raw, { locale: 'de-DE' }));
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
