import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../../src/parse';

type Expected = readonly [number, string?] | 'empty' | 'ambiguous' | 'unreadable';

function check(raw: string, locale: string, expected: Expected) {
  const result = parseAmount(raw, { locale });
  if (typeof expected === 'string') {
    expect(result).toEqual({ ok: false, reason: expected });
    return;
  }
  const [value, currency] = expected;
  expect(result).toEqual(currency ? { ok: true, value, currency } : { ok: true, value });
}

describe('parseAmount: examples from the issue', () => {
  it.each<[string, string, Expected]>([
    ['$12,500.00', 'en-US', [12500, 'USD']],
    ['USD 12,500', 'en-US', [12500, 'USD']],
    ['$1.2M', 'en-US', [1_200_000, 'USD']],
    ['€12.000,00', 'de-DE', [12000, 'EUR']],
    ['12 500 kr', 'sv-SE', [12500, 'SEK']],
    ['¥1,200,000', 'ja-JP', [1_200_000, 'JPY']],
    ['12.5k', 'en-US', [12500]],
    ['1,2 Mio. €', 'de-DE', [1_200_000, 'EUR']],
    ['12\u00a0500 €', 'fr-FR', [12500, 'EUR']],
    ['12\u202f500,50\u00a0€', 'fr-FR', [12500.5, 'EUR']],
    ['(1,200)', 'en-US', [-1200]],
    ['-1,200', 'en-US', [-1200]],
  ])('%s (%s)', check);
});

describe('parseAmount: decimal or grouping separator', () => {
  it.each<[string, string, Expected]>([
    // The string tells
    ['12.000,00', '', [12000]],
    ['12,500.00', '', [12500]],
    ['1,234,567', '', [1234567]],
    ['1.234.567', '', [1234567]],
    ['1 234,567', '', [1234.567]],
    ['12,5', '', [12.5]],
    ['12.50', '', [12.5]],
    ['0.500', '', [0.5]],
    ['1234.567', '', [1234.567]],
    ['.5', '', [0.5]],
    ["1'234.50", '', [1234.5]],
    ['12,34,567.89', '', [1234567.89]],
    // The locale tells
    ['12.500', 'de-DE', [12500]],
    ['12.500', 'en-US', [12.5]],
    ['12,500', 'en-US', [12500]],
    ['12,500', 'de-DE', [12.5]],
    ['12,500', 'fr-FR', [12.5]],
    ['12.500', 'fr-FR', [12500]],
    ['12,500', 'ja-JP', [12500]],
    // Beside a currency without a third decimal, three digits after one mark are a group,
    // whatever the interface language (a CRM shown in German may write amounts the US way).
    ['$12,500', 'de-DE', [12500, 'USD']],
    ['12,000 €', 'de-DE', [12000, 'EUR']],
    ['12.500 €', 'en-US', [12500, 'EUR']],
    ['¥1,200', 'de-DE', [1200, 'JPY']],
    // Not where the currency has a third decimal, a magnitude follows, or it starts with zero.
    ['12,500 KWD', 'de-DE', [12.5, 'KWD']],
    ['1,250 Mio. €', 'de-DE', [1_250_000, 'EUR']],
    ['0,500 €', 'de-DE', [0.5, 'EUR']],
    // Nobody tells
    ['12,500', '', 'ambiguous'],
    ['12.500', '', 'ambiguous'],
    ['$12,500', 'not a locale!', 'ambiguous'],
    // Nonsense
    ['1,2,3', 'en-US', 'unreadable'],
    ['12,50,0.00', 'en-US', 'unreadable'],
    ['1.234,567.8', 'en-US', 'unreadable'],
    ['1.234 567', 'en-US', 'unreadable'],
    ['12 34', 'en-US', 'unreadable'],
  ])('%s (%s)', check);
});

describe('parseAmount: currencies', () => {
  it.each<[string, string, Expected]>([
    ['$100', 'en-US', [100, 'USD']],
    ['$100', '', [100, 'USD']],
    ['$100', 'en-CA', [100, 'CAD']],
    ['$100', 'en-AU', [100, 'AUD']],
    ['CA$100', 'en-US', [100, 'CAD']],
    ['A$100', 'en-US', [100, 'AUD']],
    ['US$100', 'en-GB', [100, 'USD']],
    ['100 $US', 'fr-FR', [100, 'USD']],
    ['100 $CA', 'fr-FR', [100, 'CAD']],
    ['R$ 100,00', 'pt-BR', [100, 'BRL']],
    ['€100', 'en-US', [100, 'EUR']],
    ['100 EUR', 'de-DE', [100, 'EUR']],
    ['eur 100', 'de-DE', [100, 'EUR']],
    ['£100', 'en-GB', [100, 'GBP']],
    ['¥100', 'ja-JP', [100, 'JPY']],
    ['￥100', 'ja-JP', [100, 'JPY']],
    ['¥100', 'zh-CN', [100, 'CNY']],
    ['100円', 'ja-JP', [100, 'JPY']],
    ['120万円', 'ja-JP', [1_200_000, 'JPY']],
    ['100 kr', 'sv-SE', [100, 'SEK']],
    ['100 kr', 'nb-NO', [100, 'NOK']],
    ['100 kr.', 'da-DK', [100, 'DKK']],
    ['100 kr', '', [100, 'SEK']],
    ['CHF 1’234.50', 'de-CH', [1234.5, 'CHF']],
    ['₹12,34,567.89', 'en-IN', [1234567.89, 'INR']],
    ['Rs. 1,500', 'en-IN', [1500, 'INR']],
    ['Rs.1,500', 'en-IN', [1500, 'INR']],
    ['$.50', 'en-US', [0.5, 'USD']],
    ['₩1,500', 'ko-KR', [1500, 'KRW']],
    ['1 500 zł', 'pl-PL', [1500, 'PLN']],
    ['USD $100', 'en-US', [100, 'USD']],
    ['USD €100', 'en-US', 'unreadable'],
    ['100 XYZ', 'en-US', 'unreadable'],
    ['$', 'en-US', 'unreadable'],
  ])('%s (%s)', check);
});

describe('parseAmount: magnitudes and signs', () => {
  it.each<[string, string, Expected]>([
    ['12.5K', 'en-US', [12500]],
    ['$1.15M', 'en-US', [1_150_000, 'USD']],
    ['$2B', 'en-US', [2_000_000_000, 'USD']],
    ['$2bn', 'en-US', [2_000_000_000, 'USD']],
    ['1.2M€', 'fr-FR', [1_200_000, 'EUR']],
    ['1,2 M €', 'fr-FR', [1_200_000, 'EUR']],
    ['3 Mrd. €', 'de-DE', [3_000_000_000, 'EUR']],
    ['12 Tsd. €', 'de-DE', [12000, 'EUR']],
    ['2 lakh', 'en-IN', [200_000]],
    ['-$1,200', 'en-US', [-1200, 'USD']],
    ['$-1,200', 'en-US', [-1200, 'USD']],
    ['($1,200.50)', 'en-US', [-1200.5, 'USD']],
    ['1,200-', 'en-US', [-1200]],
    ['\u22121 234,50 kr', 'sv-SE', [-1234.5, 'SEK']],
    ["CHF-1'234'567.89", 'de-CH', [-1234567.89, 'CHF']],
    ['€ -1.234.567,89', 'nl-NL', [-1234567.89, 'EUR']],
    ['+500', 'en-US', [500]],
    ['0', 'en-US', [0]],
    ['-0', 'en-US', [0]],
    ['--1,200', 'en-US', 'unreadable'],
    ['-(1,200)', 'en-US', 'unreadable'],
    ['(1,200', 'en-US', 'unreadable'],
    ['$1,200 - $1,500', 'en-US', 'unreadable'],
    ['12 k k', 'en-US', 'unreadable'],
    ['about $100', 'en-US', 'unreadable'],
  ])('%s (%s)', check);
});

describe('parseAmount: empty and hostile input', () => {
  it.each(['', ' ', '--', '—', '-', 'n/a', 'None'])('%j → empty', (raw) => check(raw, 'en-US', 'empty'));

  it('strips bidi controls and zero-width characters', () => {
    check('\u202e$12,500\u202c', 'en-US', [12500, 'USD']);
    check('\u2067١٢٬٥٠٠٫٥٠ US$\u2069', 'ar-EG', [12500.5, 'USD']);
  });

  it('refuses long and broken strings', () => {
    check('9'.repeat(1_000_000), 'en-US', 'unreadable');
    check(`$1${'0'.repeat(400)}`, 'en-US', 'unreadable');
    check('\ud800$100', 'en-US', 'unreadable');
  });
});
