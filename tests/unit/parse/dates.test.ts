import { describe, expect, it } from 'vitest';
import { parseDay, pastDay } from '../../../src/parse';

const today = '2026-11-27';
type Expected = string | 'empty' | 'ambiguous' | 'unreadable';

function check(raw: string, locale: string, expected: Expected) {
  const result = parseDay(raw, { locale, today });
  if (/^\d{4}-\d{2}-\d{2}$/.test(expected))
    expect(result).toEqual({ ok: true, day: expected, relative: false });
  else expect(result).toEqual({ ok: false, reason: expected });
}

describe('parseDay: absolute dates from the issue', () => {
  it.each<[string, string, Expected]>([
    ['Nov 3, 2026', 'en-US', '2026-11-03'],
    ['3 November 2026', 'en-GB', '2026-11-03'],
    ['11/3/2026', 'en-US', '2026-11-03'],
    ['03/11/2026', 'en-GB', '2026-11-03'],
    ['03/11/2026', 'fr-FR', '2026-11-03'],
    ['2026-11-03', 'en-US', '2026-11-03'],
    ['2026-11-03', '', '2026-11-03'],
    ['Nov 03, 2026 10:15 AM', 'en-US', '2026-11-03'],
    ['3. Nov. 2026', 'de-DE', '2026-11-03'],
    ['2026/11/03', 'ja-JP', '2026-11-03'],
    ['2026年11月3日', 'ja-JP', '2026-11-03'],
    ['03.11.2026', 'de-DE', '2026-11-03'],
    ['Tue, Nov 3, 2026', 'en-US', '2026-11-03'],
    ['11/3/26', 'en-US', '2026-11-03'],
  ])('%s (%s) → %s', check);
});

describe('parseDay: month names, weekdays and times in many locales', () => {
  it.each<[string, string, Expected]>([
    ['November 3, 2026', 'en-US', '2026-11-03'],
    ['Tuesday, November 3, 2026 at 10:15 AM', 'en-US', '2026-11-03'],
    ['Nov 3rd, 2026', 'en-US', '2026-11-03'],
    ['nov 3 2026', 'en-US', '2026-11-03'],
    ['NOV. 3, 2026', 'en-US', '2026-11-03'],
    ['3 Sept 2026', 'en-GB', '2026-09-03'],
    ['3 Sep 2026', 'en-GB', '2026-09-03'],
    ['Dienstag, 3. November 2026 um 10:15', 'de-DE', '2026-11-03'],
    ['3. März 2026', 'de-DE', '2026-03-03'],
    ['3. Marz 2026', 'de-DE', '2026-03-03'],
    ['03.11.2026, 10:15', 'de-DE', '2026-11-03'],
    ['03.11.26', 'de-DE', '2026-11-03'],
    ['3 nov. 2026', 'fr-FR', '2026-11-03'],
    ['mardi 3 novembre 2026 à 10:15', 'fr-FR', '2026-11-03'],
    ['3 févr. 2026', 'fr-FR', '2026-02-03'],
    ['3 fevr 2026', 'fr-FR', '2026-02-03'],
    ['1er août 2026', 'fr-FR', '2026-08-01'],
    ['2026年11月3日火曜日', 'ja-JP', '2026-11-03'],
    ['2026年11月3日(火) 10:15', 'ja-JP', '2026-11-03'],
    ['2026/11/03 10:15', 'ja-JP', '2026-11-03'],
    ['3 de fev. de 2026', 'pt-BR', '2026-02-03'],
    ['3 de febrero de 2026', 'es-ES', '2026-02-03'],
    ['mar, 3 nov 2026', 'es-ES', '2026-11-03'],
    ['3 февраля 2026 г.', 'ru-RU', '2026-02-03'],
    ['3 lutego 2026', 'pl-PL', '2026-02-03'],
    ['2026. 2. 3.', 'ko-KR', '2026-02-03'],
    ['2026년 2월 3일 화요일', 'ko-KR', '2026-02-03'],
    ['2026年2月3日星期二', 'zh-CN', '2026-02-03'],
    ['3 בפבר׳ 2026', 'he-IL', '2026-02-03'],
    ['3.2.2026 klo 10.15', 'fi-FI', '2026-02-03'],
    ['1 thg 1, 2031', 'vi-VN', '2031-01-01'],
    ['1 de gen. 2031', 'ca-ES', '2031-01-01'],
    ['3 ม.ค. 2569', 'th-TH', '2026-01-03'],
    ['١٣/١١/٢٠٢٦', 'ar-EG', '2026-11-13'],
    ['Nov 3, 2026', 'de-DE', '2026-11-03'],
    ['3 November 2026', '', '2026-11-03'],
    ['2026-11-03T23:30:00Z', '', '2026-11-03'],
    ['2026-11-03 10:15:00+01:00', '', '2026-11-03'],
    ['2026/11/03', '', '2026-11-03'],
    ['20261103', '', '2026-11-03'],
    ['Nov 3, 2026 10:15:30 PM PST', 'en-US', '2026-11-03'],
    ['Nov 3, 2026 10 pm', 'en-US', '2026-11-03'],
    ['Nov 3, 2026, 10:15 a.m.', 'en-US', '2026-11-03'],
    ['  Nov\u00a03,\u202f2026  ', 'en-US', '2026-11-03'],
  ])('%s (%s) → %s', check);
});

describe('parseDay: day/month order', () => {
  it.each<[string, string, Expected]>([
    ['13/11/2026', '', '2026-11-13'],
    ['11/13/2026', '', '2026-11-13'],
    ['13/11/2026', 'en-US', '2026-11-13'],
    ['11/13/2026', 'en-GB', '2026-11-13'],
    ['03/03/2026', '', '2026-03-03'],
    ['03/11/2026', '', 'ambiguous'],
    ['03/11/2026', 'not a locale!', 'ambiguous'],
    ['03/11/2026', 'ja-JP', 'ambiguous'],
    ['11/3', '', 'ambiguous'],
    ['13/14/2026', 'en-US', 'unreadable'],
  ])('%s (%s) → %s', check);
});

describe('parseDay: dates without a year take the year nearest today', () => {
  it.each<[string, string, Expected]>([
    ['Nov 3', 'en-US', '2026-11-03'],
    ['3 Nov', 'en-GB', '2026-11-03'],
    ['Jan 15', 'en-US', '2027-01-15'],
    // From 2026-11-27: 2027-05-27 is 181 days ahead, 2026-05-27 184 days back.
    ['May 27', 'en-US', '2027-05-27'],
    // 2026-06-01 is 179 days back, 2027-06-01 186 days ahead.
    ['Jun 1', 'en-US', '2026-06-01'],
    ['Feb 29', 'en-US', 'unreadable'],
    ['11/3', 'en-US', '2026-11-03'],
    ['3.1.', 'de-DE', '2027-01-03'],
    ['3.11.', 'de-DE', '2026-11-03'],
    ['1月3日', 'ja-JP', '2027-01-03'],
  ])('%s (%s) → %s', (raw, locale, expected) => {
    const result = parseDay(raw, { locale, today });
    if (expected === 'unreadable') expect(result).toEqual({ ok: false, reason: expected });
    else expect(result).toEqual({ ok: true, day: expected, relative: false, yearless: true });
  });

  it('marks them as not relative', () => {
    expect(parseDay('Nov 3', { locale: 'en-US', today })).toMatchObject({ relative: false });
  });

  it('a date that can only lie in the past (last activity, created) is of this year or the last', () => {
    const past = (raw: string, locale = 'en-US') => pastDay(parseDay(raw, { locale, today }), today);
    expect(past('Jan 15')).toEqual({ ok: true, day: '2026-01-15', relative: false, yearless: true });
    expect(past('1月3日', 'ja-JP')).toMatchObject({ day: '2026-01-03' });
    // Already in the past, or shown with its year: as parsed.
    expect(past('Nov 3')).toMatchObject({ day: '2026-11-03' });
    expect(past('Jan 15, 2027')).toEqual({ ok: true, day: '2027-01-15', relative: false });
    expect(past('in 2 weeks')).toMatchObject({ day: '2026-12-11', relative: true });
    expect(past('soon')).toEqual({ ok: false, reason: 'unreadable' });
    // A day or a week ahead is this year's (a CRM writing dates in a zone ahead of the browser's);
    // further ahead, last year's.
    expect(past('Nov 28')).toMatchObject({ day: '2026-11-28' });
    expect(past('Dec 4')).toMatchObject({ day: '2026-12-04' });
    expect(past('Dec 5')).toMatchObject({ day: '2025-12-05' });
  });
});

describe('parseDay: two-digit years', () => {
  it.each<[string, string, Expected]>([
    ['11/3/26', 'en-US', '2026-11-03'],
    ['11/3/99', 'en-US', '1999-11-03'],
    ['11/3/70', 'en-US', '2070-11-03'],
    ['Nov 3, 26', 'en-US', '2026-11-03'],
    ["Nov 3 '26", 'en-US', '2026-11-03'],
    ['3-Nov-26', 'en-GB', '2026-11-03'],
    ['31. nov. 3.', 'hu-HU', '2031-11-03'],
    ['Nov 26 11', 'en-US', 'unreadable'],
    ['Nov 1.20', 'en-US', 'unreadable'],
    ['3 29 Nov', 'en-US', 'unreadable'],
    ['3/1/69', 'th-TH', 'unreadable'],
  ])('%s (%s) → %s', check);
});

describe('parseDay: refuses what it cannot read', () => {
  it.each<[string, string, Expected]>([
    ['31/02/2026', 'en-GB', 'unreadable'],
    ['02/31/2026', 'en-US', 'unreadable'],
    ['2026-13-01', 'en-US', 'unreadable'],
    ['2026-02-29', 'en-US', 'unreadable'],
    ['2028-02-29', 'en-US', '2028-02-29'],
    ['Nov 3, 1969', 'en-US', 'unreadable'],
    ['Nov 3, 2101', 'en-US', 'unreadable'],
    ['1970-01-01', '', '1970-01-01'],
    ['2100-12-31', '', '2100-12-31'],
    ['Nov 2026', 'en-US', 'unreadable'],
    ['Q3 2026', 'en-US', 'unreadable'],
    ['Nov 3 - Nov 5, 2026', 'en-US', 'unreadable'],
    ['11/3/2026 11/4/2026', 'en-US', 'unreadable'],
    ['Smarch 3, 2026', 'en-US', 'unreadable'],
    ['2026-11', '', 'unreadable'],
    ['11:3:2026', 'en-US', 'unreadable'],
    ['10:15 AM', 'en-US', 'unreadable'],
    ['1403/08/12', 'fa-IR', 'unreadable'],
    ['hello', 'en-US', 'unreadable'],
    ['11-3/2026', 'en-US', 'unreadable'],
    ['11 3 2026', 'en-US', 'unreadable'],
    ['11/3 10:15 2026', 'en-US', 'unreadable'],
    ['1.2', 'en-US', 'unreadable'],
    ['3.11.', 'en-US', 'unreadable'],
    ['Nov 3, 2026 31 pm', 'en-US', 'unreadable'],
    [`Nov 3, 2026${' x'.repeat(120)}`, 'en-US', 'unreadable'],
  ])('%j (%s) → %s', check);
});

describe('parseDay: empty cells', () => {
  it.each(['', '   ', '--', '—', '–', '-', 'n/a', 'N/A', 'None', 'none', 'null', '\u200b', '\u202e\u2069'])(
    '%j → empty',
    (raw) => check(raw, 'en-US', 'empty'),
  );
});

describe('parseDay: hostile input', () => {
  it('strips bidi controls and zero-width characters', () => {
    check('\u202eNov 3, 2026\u202c', 'en-US', '2026-11-03');
    check('\u2066Nov\u200b 3, 2026\u2069', 'en-US', '2026-11-03');
    check('\u200f2026-11-03\u200e', '', '2026-11-03');
  });

  it('refuses a 1 MB string quickly', () => {
    const started = performance.now();
    check(`Nov 3, 2026${'\u00a0'.repeat(1_000_000)}`, 'en-US', 'unreadable');
    check('9'.repeat(1_000_000), 'en-US', 'unreadable');
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('survives lone surrogates and odd arguments', () => {
    check('\ud800Nov 3, 2026', 'en-US', 'unreadable');
    check('Nov 3, 2026\udfff', 'en-US', 'unreadable');
    expect(parseDay(undefined as unknown as string, { locale: 'en-US', today })).toEqual({
      ok: false,
      reason: 'empty',
    });
    expect(parseDay('Nov 3', { locale: 'en-US', today: 'garbage' })).toEqual({
      ok: false,
      reason: 'unreadable',
    });
    expect(parseDay('Nov 3, 2026', { locale: 'en-u-x-abc', today })).toEqual({
      ok: true,
      day: '2026-11-03',
      relative: false,
    });
  });
});
