/**
 * Per-locale tables derived from Intl (month and weekday names, the words of the locale's date
 * patterns, day/month order, decimal separator, region). Built once per locale and cached.
 */
import { bareKey, wordKey } from './text';

/** Order of day, month and year in the locale's numeric dates. */
export type DateOrder = 'DMY' | 'MDY' | 'YMD';

export type DateTables = {
  /** Name key (see `wordKey`) → month 1–12; names shared by two months are left out. */
  months: ReadonlyMap<string, number>;
  weekdays: ReadonlySet<string>;
  /** Words of the locale's date-time patterns ("de", "г", "um", "at") and am/pm markers. */
  fillers: ReadonlySet<string>;
  /** Words that introduce the time ("um", "klo", "at"); a number pair after them is a time. */
  timeIntro: ReadonlySet<string>;
  /** am/pm words: a number right before one is an hour. */
  dayPeriods: ReadonlySet<string>;
  /** Punctuation a date may hold: `. , / - ' ( )` and marks of the locale's names and patterns. */
  punct: ReadonlySet<string>;
  /** null when the locale is unknown: numeric dates with two readings are then ambiguous. */
  order: DateOrder | null;
};

const CACHE_LIMIT = 64;

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
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
  weekdays: Set<string>;
  fillers: Set<string>;
  timeIntro: Set<string>;
  dayPeriods: Set<string>;
  punct: Set<string>;
};

const AMBIGUOUS = -1;

function addMonthName(months: Map<string, number>, name: string, month: number): void {
  const key = wordKey(name);
  if (key === '') return;
  for (const k of key === bareKey(key) ? [key] : [key, bareKey(key)]) {
    const known = months.get(k);
    months.set(k, known === undefined || known === month ? month : AMBIGUOUS);
  }
}

function addWords(set: Set<string>, text: string): void {
  for (const m of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    const key = wordKey(m[0]);
    set.add(key);
    set.add(bareKey(key));
  }
}

function addPunct(set: Set<string>, text: string): void {
  for (const m of text.matchAll(/[^\p{L}\p{M}\p{N}\s]/gu)) set.add(m[0].normalize('NFKC'));
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
        if (part.type !== 'month' || /\d/.test(part.value)) return;
        addMonthName(into.months, part.value, month);
        addPunct(into.punct, part.value);
        // Hebrew glues a preposition to the month ("בנוב׳"): accept the glued form too.
        const glued = /[\p{L}\p{M}]+$/u.exec(parts[i - 1]?.value ?? '');
        if (parts[i - 1]?.type === 'literal' && glued)
          addMonthName(into.months, glued[0] + part.value, month);
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
  for (const dateStyle of ['full', 'long', 'medium', 'short'] as const) {
    for (const timeStyle of [undefined, 'short'] as const) {
      const parts = fmt(timeStyle ? { dateStyle, timeStyle } : { dateStyle }).formatToParts(sample);
      parts.forEach((part, i) => {
        if (part.type === 'literal') addWords(into.fillers, part.value);
        if (part.type === 'literal' && !timeStyle) addPunct(into.punct, part.value);
        if (part.type === 'dayPeriod') addWords(into.dayPeriods, part.value);
        const before = parts[i - 1];
        if (part.type === 'hour' && before?.type === 'literal') addWords(into.timeIntro, before.value);
      });
    }
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

function emptyBuilder(): Builder {
  return {
    months: new Map(),
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

const dateCache = new Map<string, DateTables>();

/** Tables for `locale`, English names merged in under the locale's own. */
export function dateTables(locale: string): DateTables {
  const hit = dateCache.get(locale);
  if (hit) return hit;
  const tag = supportedLocale(locale);
  const own = emptyBuilder();
  if (tag) collect(tag, own);
  const en = englishBuilder();
  for (const [key, month] of en.months) if (!own.months.has(key)) own.months.set(key, month);
  for (const key of [...own.months.keys()]) if (own.months.get(key) === AMBIGUOUS) own.months.delete(key);
  const union = (a: Set<string>, b: Set<string>) => new Set([...a, ...b]);
  const tables: DateTables = {
    months: own.months,
    weekdays: union(own.weekdays, en.weekdays),
    fillers: union(union(own.fillers, en.fillers), union(own.dayPeriods, en.dayPeriods)),
    timeIntro: union(own.timeIntro, en.timeIntro),
    dayPeriods: union(own.dayPeriods, en.dayPeriods),
    punct: union(own.punct, en.punct),
    order: tag ? orderOf(tag) : null,
  };
  return remember(dateCache, locale, tables);
}

export type NumberTables = {
  /** The locale's decimal separator when it is '.' or ','; null when unknown. */
  decimal: '.' | ',' | null;
  /** Region (ISO 3166) of the locale, likely-subtags filled in ('sv' → 'SE'); null when unknown. */
  region: string | null;
};

const numberCache = new Map<string, NumberTables>();

export function numberTables(locale: string): NumberTables {
  const hit = numberCache.get(locale);
  if (hit) return hit;
  const tag = supportedLocale(locale);
  let decimal: '.' | ',' | null = null;
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
