/**
 * Time units and spelled-out counts in English, German and French, shared by relative dates
 * ("3 days ago", "vor 2 Wochen") and durations ("14 days", "2 mo").
 */
import type { Token } from './text';

export type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

const UNIT_WORDS: ReadonlyArray<readonly [Unit, string]> = [
  ['second', 's sec secs second seconds sek sekunde sekunden seconde secondes'],
  ['minute', 'm min mins minute minutes minuten'],
  ['hour', 'h hr hrs hour hours std stunde stunden heure heures'],
  ['day', 'd day days tag tage tagen j jour jours'],
  ['week', 'w wk wks week weeks woche wochen sem semaine semaines'],
  ['month', 'mo mos mon mth mths month months monat monate monaten mois'],
  ['year', 'y yr yrs year years jahr jahre jahren an ans annee annees année années'],
];

/** Unit word → unit and how many of it one word stands for ("fortnight" is two weeks). */
export const UNITS: ReadonlyMap<string, { unit: Unit; times: number }> = new Map<
  string,
  { unit: Unit; times: number }
>([
  ...UNIT_WORDS.flatMap(([unit, words]) => words.split(' ').map((w) => [w, { unit, times: 1 }] as const)),
  ['fortnight', { unit: 'week', times: 2 }],
  ['fortnights', { unit: 'week', times: 2 }],
]);

const COUNT_WORDS: ReadonlyArray<readonly [number, string]> = [
  [1, 'a an one ein eine einem einer einen un une'],
  [2, 'two zwei deux'],
  [3, 'three drei trois'],
  [4, 'four vier quatre'],
  [5, 'five fünf cinq'],
  [6, 'six sechs'],
  [7, 'seven sieben sept'],
  [8, 'eight acht huit'],
  [9, 'nine neun neuf'],
  [10, 'ten zehn dix'],
  [11, 'eleven elf onze'],
  [12, 'twelve zwölf douze'],
];

export const COUNTS: ReadonlyMap<string, number> = new Map(
  COUNT_WORDS.flatMap(([n, words]) => words.split(' ').map((w) => [w, n] as const)),
);

/** Joining words between parts of a compound quantity ("2 weeks and 3 days"). */
const JOINERS = new Set([',', 'and', 'und', 'et']);

export type Quantity = { n: number; unit: Unit };

/** Largest count accepted: beyond it a date leaves the 1970–2100 range anyway. */
const MAX_COUNT = 1_000_000;

/** Reads a count at `i`: digits, digits with a decimal part, or a spelled-out number. */
function readCount(tokens: readonly Token[], i: number): { n: number; next: number } | null {
  const t = tokens[i];
  if (!t) return null;
  if (t.kind === 'word') {
    const n = COUNTS.get(t.text);
    return n === undefined ? null : { n, next: i + 1 };
  }
  if (t.kind !== 'num' || t.text.length > 7) return null;
  const sep = tokens[i + 1];
  const frac = tokens[i + 2];
  if (
    sep?.kind === 'punct' &&
    (sep.text === '.' || sep.text === ',') &&
    sep.glued &&
    frac?.kind === 'num' &&
    frac.glued
  ) {
    const n = Number(`${t.text}.${frac.text}`);
    return n <= MAX_COUNT ? { n, next: i + 3 } : null;
  }
  const n = Number(t.text);
  return n <= MAX_COUNT ? { n, next: i + 1 } : null;
}

/**
 * Reads one or more "count unit" pairs from `start`; returns them and the index after the last,
 * or null when there is not at least one pair.
 */
export function readQuantities(
  tokens: readonly Token[],
  start: number,
): { parts: Quantity[]; next: number } | null {
  const parts: Quantity[] = [];
  let i = start;
  let end = start;
  for (;;) {
    const count = readCount(tokens, i);
    const word = count ? tokens[count.next] : undefined;
    const unit = word?.kind === 'word' ? UNITS.get(word.text) : undefined;
    if (!count || !unit) break;
    parts.push({ n: count.n * unit.times, unit: unit.unit });
    end = count.next + 1;
    i = end;
    const joiner = tokens[i];
    if (joiner && JOINERS.has(joiner.text)) i += 1;
  }
  return parts.length === 0 ? null : { parts, next: end };
}
