/**
 * Per-locale tables derived from Intl (month and weekday names, the words of the locale's date
 * patterns, day/month order, decimal separator, region). Built once per locale and cached.
 */
import { bareKey, wordKey } from './text';

/** Order of day, month and year in the locale's numeric dates. */
export type DateOrder = 'DMY' | 'MDY' | 'YMD';

export type DateTables = {
  /** Name (see `wordKey`) → month 1–12; names shared by two months are left out. */
  months: ReadonlyMap<string, number>;
  /** The same without diacritics (see `bareKey`), for pages that drop them. */
  bareMonths: ReadonlyMap<string, number>;
  /** Words written before a month number ("thg 1" in vi): the number after them is the month. */
  monthMarkers: ReadonlySet<string>;
  weekdays: ReadonlySet<string>;
  /** Words of the locale's date-time patterns ("de", "г", "um", "at") and am/pm markers. */
  fillers: ReadonlySet<string>;
  /** Words that introduce the time ("um", "klo", "kl", "at"); a number pair after them is a time. */
  timeIntro: ReadonlySet<string>;
  /** am/pm words: a number right before one is an hour. */
  dayPeriods: ReadonlySet<string>;
  /** Punctuation a date may hold: `. , / - ' ( )` and marks of the locale's names and patterns. */
  punct: ReadonlySet<string>;
  /** null when the locale is unknown: numeric dates with two readings are then ambiguous. */
  order: DateOrder | null;
  /**
   * The locale's default calendar, as far as years go: 'buddhist' (th-TH) writes 2569 for 2026;
   * 'other' (fa-IR, ar-SA...) years cannot be read as Gregorian.
   */
  calendar: 'gregory' | 'buddhist' | 'other';
};

const CACHE_LIMIT = 64;

export function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

const supported = new Map<string, string | null>();

/** The canonical tag when the runtime really supports `locale` (no silent fallback), else null. */
export function supportedLocale(locale: string): string | null {
  const hit = supported.get(locale);
  if (hit !== undefined) return hit;
  let tag: string | null = null;
  if (typeof locale === 'string' && locale.trim() !== '') {
    try {
      tag = Intl.DateTimeFormat.supportedLocalesOf([locale.trim()])[0] ?? null;
    } catch {
      tag = null;
    }
  }
  return remember(supported, locale, tag);
}

type Builder = {
  months: Map<string, number>;
  bareMonths: Map<string, number>;
  monthMarkers: Set<string>;
  weekdays: Set<string>;
  fillers: Set<string>;
  timeIntro: Set<string>;
  dayPeriods: Set<string>;
  punct: Set<string>;
};

const AMBIGUOUS = -1;
const LETTERS = /[\p{L}\p{M}]+/gu;

function setMonth(months: Map<string, number>, key: string, month: number): void {
  if (key === '') return;
  const known = months.get(key);
  months.set(key, known === undefined || known === month ? month : AMBIGUOUS);
}

function addWords(set: Set<string>, text: string): void {
  for (const m of text.matchAll(LETTERS)) {
    const key = wordKey(m[0]);
    set.add(key);
    set.add(bareKey(key));
  }
}

function addPunct(set: Set<string>, text: string): void {
  for (const m of text.matchAll(/[^\p{L}\p{M}\p{N}\s]/gu)) set.add(m[0].normalize('NFKC'));
}

/**
 * Registers a month name as Intl prints it, under its letters only: "ม.ค." (th), "de gen." (ca)
 * and "d’abr." are matched against consecutive words of the input. "thg 1" (vi) and "1月" (ja) are
 * numeric months: their words mark the month number ("thg") or are fillers ("月").
 */
function addMonthName(into: Builder, name: string, month: number, gluedPrefix: string): void {
  addPunct(into.punct, name);
  if (/\d/.test(name)) {
    addWords(/^[\p{L}\p{M}]+\s?\d/u.test(name) ? into.monthMarkers : into.fillers, name);
    return;
  }
  // Hebrew glues a preposition to the month ("בנוב׳"): accept the glued form too.
  for (const key of gluedPrefix === '' ? [wordKey(name)] : [wordKey(name), wordKey(gluedPrefix + name)]) {
    setMonth(into.months, key, month);
    setMonth(into.bareMonths, bareKey(key), month);
  }
}

function collect(locale: string, into: Builder): void {
  const fmt = (o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...o, timeZone: 'UTC', calendar: 'gregory', numberingSystem: 'latn' });
  const monthFormats = [
    fmt({ month: 'long' }),
    fmt({ month: 'short' }),
    fmt({ day: 'numeric', month: 'long' }),
    fmt({ day: 'numeric', month: 'short' }),
    fmt({ dateStyle: 'medium' }),
    fmt({ dateStyle: 'long' }),
  ];
  for (let month = 1; month <= 12; month++) {
    const date = new Date(Date.UTC(2021, month - 1, 15));
    for (const f of monthFormats) {
      const parts = f.formatToParts(date);
      parts.forEach((part, i) => {
        if (part.type !== 'month') return;
        const before = parts[i - 1];
        const glued = before?.type === 'literal' ? (/[\p{L}\p{M}]+$/u.exec(before.value)?.[0] ?? '') : '';
        addMonthName(into, part.value, month, glued);
      });
    }
  }
  const weekdayFormats = [fmt({ weekday: 'long' }), fmt({ weekday: 'short' }), fmt({ dateStyle: 'full' })];
  for (let i = 0; i < 7; i++) {
    const date = new Date(Date.UTC(2021, 0, 3 + i));
    for (const f of weekdayFormats) {
      for (const part of f.formatToParts(date)) {
        if (part.type !== 'weekday') continue;
        addWords(into.weekdays, part.value);
        addPunct(into.punct, part.value);
      }
    }
  }
  const sample = new Date(Date.UTC(2021, 0, 15, 15, 30));
  const patterns: Intl.DateTimeFormatOptions[] = [
    { year: 'numeric', month: 'short', day: 'numeric' },
    { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' },
  ];
  for (const dateStyle of ['full', 'long', 'medium', 'short'] as const) {
    patterns.push({ dateStyle }, { dateStyle, timeStyle: 'short' });
  }
  for (const options of patterns) {
    const parts = fmt(options).formatToParts(sample);
    parts.forEach((part, i) => {
      if (part.type === 'literal') addWords(into.fillers, part.value);
      if (part.type === 'literal' && !options.timeStyle) addPunct(into.punct, part.value);
      if (part.type === 'dayPeriod') addWords(into.dayPeriods, part.value);
      const before = parts[i - 1];
      if (part.type === 'hour' && before?.type === 'literal') addWords(into.timeIntro, before.value);
    });
  }
  for (const hour of [9, 15]) {
    const parts = fmt({ hour: 'numeric', hour12: true }).formatToParts(new Date(Date.UTC(2021, 0, 15, hour)));
    for (const part of parts) if (part.type === 'dayPeriod') addWords(into.dayPeriods, part.value);
  }
}

function orderOf(locale: string): DateOrder {
  const parts = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    calendar: 'gregory',
    numberingSystem: 'latn',
  }).formatToParts(new Date(Date.UTC(2021, 0, 15)));
  const fields = parts.map((p) => p.type).filter((t) => t === 'day' || t === 'month' || t === 'year');
  if (fields[0] === 'year') return 'YMD';
  return fields.indexOf('day') < fields.indexOf('month') ? 'DMY' : 'MDY';
}

function calendarOf(locale: string): DateTables['calendar'] {
  const calendar = new Intl.DateTimeFormat(locale).resolvedOptions().calendar;
  if (calendar === 'gregory' || calendar === 'iso8601') return 'gregory';
  return calendar === 'buddhist' ? 'buddhist' : 'other';
}

function emptyBuilder(): Builder {
  return {
    months: new Map(),
    bareMonths: new Map(),
    monthMarkers: new Set(),
    weekdays: new Set(),
    fillers: new Set(),
    timeIntro: new Set(),
    dayPeriods: new Set(),
    punct: new Set(['.', ',', '/', '-', "'", '(', ')']),
  };
}

let english: Builder | null = null;

/** English names are always understood: many CRMs show English whatever the page's language. */
function englishBuilder(): Builder {
  if (!english) {
    english = emptyBuilder();
    collect('en-US', english);
    collect('en-GB', english);
    for (const word of ['at', 'on', 'the', 'of']) english.fillers.add(word);
  }
  return english;
}

/** The locale's names first; English names where the locale has no name of its own. */
function merged(own: Map<string, number>, en: Map<string, number>): Map<string, number> {
  const out = new Map([...own].filter(([, month]) => month !== AMBIGUOUS));
  for (const [key, month] of en) if (!own.has(key) && month !== AMBIGUOUS) out.set(key, month);
  return out;
}

const dateCache = new Map<string, DateTables>();

/** Tables for `locale` ('' or unknown: English names only, no day/month order). */
export function dateTables(locale: string): DateTables {
  const hit = dateCache.get(locale);
  if (hit) return hit;
  const tag = supportedLocale(locale);
  const own = emptyBuilder();
  if (tag) collect(tag, own);
  const en = englishBuilder();
  const union = (a: Set<string>, b: Set<string>) => new Set([...a, ...b]);
  const tables: DateTables = {
    months: merged(own.months, en.months),
    bareMonths: merged(own.bareMonths, en.bareMonths),
    monthMarkers: own.monthMarkers,
    weekdays: union(own.weekdays, en.weekdays),
    fillers: union(union(own.fillers, en.fillers), union(own.dayPeriods, en.dayPeriods)),
    timeIntro: union(own.timeIntro, en.timeIntro),
    dayPeriods: union(own.dayPeriods, en.dayPeriods),
    punct: union(own.punct, en.punct),
    order: tag ? orderOf(tag) : null,
    calendar: tag ? calendarOf(tag) : 'gregory',
  };
  return remember(dateCache, locale, tables);
}
