/**
 * Relative dates ("yesterday", "3 days ago", "in 2 weeks", "vor 3 Tagen", "il y a 3 jours",
 * "Overdue by 3 days") resolved against an injected `today`.
 */
import { addMonths, fromDayNumber, dayNumber, isValidYmd, toDay, type Ymd } from './calendar';
import { tokenize, type Token } from './text';
import { type ParsedDay, fail } from './types';
import { type Quantity, readQuantities } from './units';

/** `slack`: days the wording leaves open (see roughness); 0 when it is exact to the day. */
type Shift = { days: number; months: number; slack?: number };

/*
 * How far a CRM's rounding may leave a day from the one its wording names: half the smallest unit
 * it counts in. "A month ago" is said of anything from about 15 to 45 days ago ("2 weeks ago" of
 * 11 to 17): taken at face value, 31 days would cross a 30-day critical line on a guess.
 */
const SLACK_DAYS = { week: 3, month: 15, year: 182 } as const;

const FIXED_PHRASES: ReadonlyArray<readonly [string, number, number]> = [
  // [phrase, days, months]
  [
    'today|now|just now|right now|moments ago|a moment ago|a few seconds ago|few seconds ago|seconds ago',
    0,
    0,
  ],
  ["heute|jetzt|gerade eben|soeben|aujourd'hui|maintenant|à l'instant|a l'instant", 0, 0],
  ['yesterday|gestern|hier', -1, 0],
  ['tomorrow|morgen|demain', 1, 0],
  ['day before yesterday|the day before yesterday|vorgestern|avant-hier', -2, 0],
  ['day after tomorrow|the day after tomorrow|übermorgen|après-demain|apres-demain', 2, 0],
  ['last week|letzte woche|vorige woche|la semaine dernière|la semaine derniere', -7, 0],
  ['next week|nächste woche|la semaine prochaine', 7, 0],
  ['last month|letzten monat|vorigen monat|le mois dernier', 0, -1],
  ['next month|nächsten monat|le mois prochain', 0, 1],
  ["last year|letztes jahr|voriges jahr|l'année dernière|l'an dernier", 0, -12],
  ["next year|nächstes jahr|l'année prochaine", 0, 12],
];

/** Phrases keyed by their tokens joined with one space, as `key` builds them from input. */
const FIXED = new Map<string, Shift>(
  FIXED_PHRASES.flatMap(([phrases, days, months]) =>
    phrases.split('|').map((p) => [key(tokenize(p)), { days, months, slack: fixedSlack(days, months) }] as const),
  ),
);

/** "Last week", "last month", "last year" are as rough as "a week ago", "a month ago", "a year ago". */
function fixedSlack(days: number, months: number): number {
  if (Math.abs(months) >= 12) return SLACK_DAYS.year;
  if (months !== 0) return SLACK_DAYS.month;
  return Math.abs(days) >= 7 ? SLACK_DAYS.week : 0;
}

/** Words before a quantity, with the direction they give ("in 3 days" → +1). */
const PREFIX_PHRASES: ReadonlyArray<readonly [string, 1 | -1]> = [
  ['in', 1],
  ['dans', 1],
  ['vor', -1],
  ['seit', -1],
  ['il y a', -1],
  ['depuis', -1],
  ['overdue by', -1],
  ['late by', -1],
];

/** Words after a quantity ("3 days ago"). */
const SUFFIX_PHRASES: ReadonlyArray<readonly [string, 1 | -1]> = [
  ['ago', -1],
  ['from now', 1],
  ['later', 1],
  ['left', 1],
  ['overdue', -1],
  ['late', -1],
];

type Marker = { words: readonly string[]; sign: 1 | -1 };
const markers = (phrases: ReadonlyArray<readonly [string, 1 | -1]>): Marker[] =>
  phrases.map(([phrase, sign]) => ({ words: phrase.split(' '), sign }));
const PREFIXES = markers(PREFIX_PHRASES);
const SUFFIXES = markers(SUFFIX_PHRASES);
/** Cheap pre-check: relative wording starts with a prefix word or ends with a suffix word. */
const FIRST_WORDS = new Set(PREFIXES.map((p) => p.words[0] ?? ''));
const LAST_WORDS = new Set(SUFFIXES.map((s) => s.words[s.words.length - 1] ?? ''));

/** Hedges before a quantity that do not change the reading ("about 2 months ago"). */
const HEDGES = [
  'about',
  'around',
  'almost',
  'nearly',
  'over',
  'under',
  'approx',
  'approximately',
  'more than',
  'less than',
  'etwa',
  'ca',
  'ungefähr',
  'fast',
  'über',
  'mehr als',
  'weniger als',
  'environ',
  'presque',
  'plus de',
  'moins de',
  'près de',
].map((h) => h.split(' '));

/** A time of day at the end ("Today at 10:15 AM", "gestern, 14:30"), dropped before matching. */
const TRAILING_TIME = /,? ?(?:(?:at|um|à) )?\d{1,2}[:h]\d{2}(?::\d{2})? ?(?:[ap]\.?m\.?)?$/;

const END_MARKS = new Set(['.', '!']);

function key(tokens: readonly Token[]): string {
  return tokens.map((t) => t.text).join(' ');
}

function startsWith(tokens: readonly Token[], at: number, words: readonly string[]): boolean {
  return words.every((w, k) => tokens[at + k]?.text === w);
}

function skipHedges(tokens: readonly Token[], at: number): number {
  const hedge = HEDGES.find((h) => startsWith(tokens, at, h));
  return hedge ? at + hedge.length : at;
}

/** Quantities spanning exactly tokens[from, to). */
function quantitiesBetween(tokens: readonly Token[], from: number, to: number): Quantity[] | null {
  const read = readQuantities(tokens, skipHedges(tokens, from));
  return read && read.next === to ? read.parts : null;
}

function shiftOf(tokens: readonly Token[]): Shift | null {
  const fixed = tokens.length <= 5 ? FIXED.get(key(tokens)) : undefined;
  if (fixed) return fixed;
  const first = tokens[0]?.text ?? '';
  const last = tokens[tokens.length - 1]?.text ?? '';
  if (!FIRST_WORDS.has(first) && !LAST_WORDS.has(last)) return null;
  let parts: Quantity[] | null = null;
  let sign: 1 | -1 = 1;
  for (const prefix of FIRST_WORDS.has(first) ? PREFIXES : []) {
    if (!startsWith(tokens, 0, prefix.words)) continue;
    parts = quantitiesBetween(tokens, prefix.words.length, tokens.length);
    sign = prefix.sign;
    if (parts) break;
  }
  for (const suffix of parts || !LAST_WORDS.has(last) ? [] : SUFFIXES) {
    const at = tokens.length - suffix.words.length;
    if (at < 1 || !startsWith(tokens, at, suffix.words)) continue;
    parts = quantitiesBetween(tokens, 0, at);
    sign = suffix.sign;
    if (parts) break;
  }
  if (!parts) return null;
  let days = 0;
  let months = 0;
  let fraction = 0;
  // The smallest unit counted in sets how rough the wording is: "1 year 2 months" is to the month.
  let slack: number = SLACK_DAYS.year;
  for (const { n, unit } of parts) {
    if (unit === 'year') months += 12 * n;
    else if (unit === 'month') {
      months += n;
      slack = Math.min(slack, SLACK_DAYS.month);
    } else if (unit === 'week') {
      days += 7 * n;
      slack = Math.min(slack, SLACK_DAYS.week);
    } else {
      slack = 0;
      if (unit === 'day') days += n;
      else if (unit === 'hour') fraction += n / 24;
      else if (unit === 'minute') fraction += n / 1440;
      else fraction += n / 86400;
    }
  }
  // Whole days only: "36 hours ago" is yesterday, "5 minutes ago" today.
  return { days: sign * Math.floor(days + fraction), months: sign * months, slack };
}

/**
 * Reads a relative date; null when `text` is not relative wording (then try absolute forms).
 * `text` is cleaned and lower-cased; `today` null means no usable reference day.
 */
export function relativeDay(text: string, today: Ymd | null): ParsedDay | null {
  const quoted = text.replace(/[’‘`´]/g, "'");
  const tokens = tokenize(
    text.includes(':') || text.includes('h') ? quoted.replace(TRAILING_TIME, '') : quoted,
  );
  while (tokens.length > 0 && END_MARKS.has(tokens[tokens.length - 1]?.text ?? '')) tokens.pop();
  if (tokens[0]?.text === 'due') tokens.shift();
  if (tokens.length === 0 || tokens.length > 16) return null;
  const shift = shiftOf(tokens);
  if (!shift) return null;
  if (!today || !Number.isInteger(shift.months)) return fail('unreadable');
  const day = fromDayNumber(dayNumber(addMonths(today, shift.months)) + shift.days);
  if (!isValidYmd(day.y, day.m, day.d)) return fail('unreadable');
  const slack = shift.slack ?? 0;
  return slack > 0 ? { ok: true, day: toDay(day), relative: true, slack } : { ok: true, day: toDay(day), relative: true };
}
