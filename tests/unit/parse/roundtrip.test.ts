import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, parseAmount, parseDay } from '../../../src/parse';

const today = '2026-11-27';
const LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP'];
const MS_PER_DAY = 86_400_000;
const FIRST = Date.UTC(1970, 0, 1) / MS_PER_DAY;
const LAST = Date.UTC(2100, 11, 31) / MS_PER_DAY;
/** Two-digit years are read as the century nearest today: 1977–2075 from 2026. */
const FIRST_TWO_DIGIT = Date.UTC(1977, 0, 1) / MS_PER_DAY;
const LAST_TWO_DIGIT = Date.UTC(2075, 11, 31) / MS_PER_DAY;

const FORMATS: Record<string, Intl.DateTimeFormatOptions> = {
  short: { dateStyle: 'short' },
  medium: { dateStyle: 'medium' },
  long: { dateStyle: 'long' },
  full: { dateStyle: 'full' },
  'long + time': { dateStyle: 'long', timeStyle: 'short' },
  'medium + time': { dateStyle: 'medium', timeStyle: 'medium' },
  numeric: { year: 'numeric', month: 'numeric', day: 'numeric' },
  '2-digit': { year: 'numeric', month: '2-digit', day: '2-digit' },
  '2-digit year': { year: '2-digit', month: '2-digit', day: '2-digit' },
  'short month + weekday': { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' },
  'short month, 2-digit year': { year: '2-digit', month: 'short', day: 'numeric' },
};

function dayOfNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

describe('parseDay reads back what Intl.DateTimeFormat writes', () => {
  for (const locale of LOCALES) {
    for (const [name, options] of Object.entries(FORMATS)) {
      const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
      const twoDigitYear = !format.format(new Date(Date.UTC(2031, 0, 15))).includes('2031');
      const [first, last] = twoDigitYear ? [FIRST_TWO_DIGIT, LAST_TWO_DIGIT] : [FIRST, LAST];
      it(`${locale} ${name} (${format.format(new Date(Date.UTC(2026, 10, 3, 10, 15)))})`, () => {
        fc.assert(
          fc.property(
            fc.integer({ min: first, max: last }),
            fc.integer({ min: 0, max: 1439 }),
            (n, minute) => {
              const text = format.format(new Date(n * MS_PER_DAY + minute * 60_000));
              expect(parseDay(text, { locale, today })).toEqual({
                ok: true,
                day: dayOfNumber(n),
                relative: false,
              });
            },
          ),
          { numRuns: 150 },
        );
      });
    }
  }
});

describe('parseDay reads month names of other locales too', () => {
  const others = [
    'es-ES',
    'pt-BR',
    'it-IT',
    'nl-NL',
    'pl-PL',
    'ru-RU',
    'sv-SE',
    'ko-KR',
    'zh-CN',
    'tr-TR',
    'he-IL',
    'hi-IN',
  ];
  for (const locale of others) {
    it(locale, () => {
      const formats = ['medium', 'long', 'full'].map(
        (dateStyle) =>
          new Intl.DateTimeFormat(locale, { dateStyle, timeZone: 'UTC' } as Intl.DateTimeFormatOptions),
      );
      for (let month = 0; month < 12; month++) {
        const n = Date.UTC(2030, month, 13) / MS_PER_DAY;
        for (const format of formats) {
          const text = format.format(new Date(n * MS_PER_DAY));
          expect(parseDay(text, { locale, today }), text).toEqual({
            ok: true,
            day: dayOfNumber(n),
            relative: false,
          });
        }
      }
    });
  }
});

describe('relative dates move by calendar days', () => {
  it('"N days ago" and "in N days" agree with addDays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (n) => {
        expect(parseDay(`${n} days ago`, { locale: 'en-US', today })).toMatchObject({
          day: addDays(today, -n),
        });
        expect(parseDay(`in ${n} days`, { locale: 'en-US', today })).toMatchObject({
          day: addDays(today, n),
        });
      }),
    );
  });
});

const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'SEK', 'INR', 'CAD', 'AUD', 'CNY', 'KRW', 'BRL'];

describe('parseAmount reads back what Intl.NumberFormat writes', () => {
  for (const locale of LOCALES) {
    for (const currency of CURRENCIES) {
      for (const currencySign of ['standard', 'accounting'] as const) {
        const format = new Intl.NumberFormat(locale, { style: 'currency', currency, currencySign });
        const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
        it(`${locale} ${currency} ${currencySign} (${format.format(-1234567.891)})`, () => {
          fc.assert(
            fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
              const value = cents / 100;
              const expected = Number(value.toFixed(digits));
              const result = parseAmount(format.format(value), { locale });
              expect(result).toMatchObject({ ok: true, currency });
              if (result.ok) expect(Math.abs(result.value - expected)).toBeLessThan(0.005);
            }),
            { numRuns: 60 },
          );
        });
      }
    }
  }

  it('plain grouped numbers in the same locales', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LOCALES), fc.integer({ min: -1e13, max: 1e13 }), (locale, cents) => {
        const value = cents / 100;
        const text = new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(value);
        const result = parseAmount(text, { locale });
        expect(
          result.ok && Math.abs(result.value - value) < 0.005,
          `${text} → ${JSON.stringify(result)}`,
        ).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
