import { businessDaysBetween, dayFromNumber, dayNumber, dayOf, weekendMask, zoneOffset } from './days';
import type { DealDates, RadarClock } from './define-rule';
import type { Day, Deal, RoughField } from './model';
import type { DaySettings } from './settings-schema';

const DAY_MS = 86_400_000;

/*
 * A zone's offset changes on a few days a year, so it is kept per UTC day: the offset for the
 * whole day, or NaN on a day it changes (there, Intl is asked for each instant). A typed array
 * holds the days around the first clock's today (decades either way), a Map any other day.
 */
const TABLE_DAYS = 16_384;
/** How far back from today the table starts: most instants the radar sees are in the past. */
const TABLE_BACK = 12_288;

interface Offsets {
  /** UTC day number of table[0]. */
  first: number;
  /** Offset in ms per UTC day; Infinity = not asked yet, NaN = changes that day. */
  table: Float64Array;
  other: Map<number, number>;
}

/** Per named zone, shared by all clocks. */
const offsetsByZone = new Map<string, Offsets>();

function newOffsets(now: number): Offsets {
  const first = Math.floor(now / DAY_MS) - TABLE_BACK;
  return {
    first: Number.isFinite(first) ? first : 0,
    table: new Float64Array(TABLE_DAYS).fill(Number.POSITIVE_INFINITY),
    other: new Map(),
  };
}

function zoneOffsets(timeZone: string | undefined, now: number): Offsets {
  // The runtime's own zone could change while a worker lives, so that one is not shared.
  if (timeZone === undefined) return newOffsets(now);
  let offsets = offsetsByZone.get(timeZone);
  if (offsets === undefined) {
    offsets = newOffsets(now);
    offsetsByZone.set(timeZone, offsets);
  }
  // The bound only guards a long-running worker against odd instants far outside the table.
  if (offsets.other.size > 20_000) offsets.other.clear();
  return offsets;
}

/** The injected clock every rule sees: `now`, the local `today`, and a day counter per the settings. */
export function createClock(now: number, days: DaySettings, timeZone?: string): RadarClock {
  const mask = weekendMask(days.weekend);
  const business = days.business && mask !== 0 && mask !== 0x7f;
  const count = business
    ? (from: number, to: number) => businessDaysBetween(from, to, mask)
    : (from: number, to: number) => to - from;
  // Intl costs microseconds a call, more than a rule's whole check, and change events carry
  // instants: the offset is worked out once per UTC day (see above).
  const { first, table, other } = zoneOffsets(timeZone, now);
  const offsetOfDay = (utcDay: number): number => {
    const start = zoneOffset(utcDay * DAY_MS, timeZone);
    return start === zoneOffset(utcDay * DAY_MS + DAY_MS - 1, timeZone) ? start : Number.NaN;
  };
  const dayNumberOf = (epochMs: number): number => {
    const utcDay = Math.floor(epochMs / DAY_MS);
    const i = utcDay - first;
    let offset: number;
    if (i >= 0 && i < TABLE_DAYS) {
      offset = table[i] as number;
      if (offset === Number.POSITIVE_INFINITY) {
        offset = offsetOfDay(utcDay);
        table[i] = offset;
      }
    } else {
      let known = other.get(utcDay);
      if (known === undefined) {
        known = offsetOfDay(utcDay);
        other.set(utcDay, known);
      }
      offset = known;
    }
    if (Number.isNaN(offset)) offset = zoneOffset(epochMs, timeZone);
    return Math.floor((epochMs + offset) / DAY_MS);
  };
  const dayStrings = new Map<number, Day>();
  const today = dayOf(now, timeZone);
  return {
    now,
    today,
    todayNumber: dayNumber(today),
    businessDays: business,
    days: (from, to) => count(dayNumber(from), dayNumber(to)),
    count,
    dayNumberOf,
    dayOf: (epochMs) => {
      const n = dayNumberOf(epochMs);
      let day = dayStrings.get(n);
      if (day === undefined) {
        day = dayFromNumber(n);
        dayStrings.set(n, day);
      }
      return day;
    },
  };
}

/**
 * Parses a deal's dates into `into` (reused across deals: no allocation per deal). A missing date
 * is NaN without a call: NaN returned from a call is a new heap number each time, and many deals
 * leave some of their dates out.
 */
export function readDealDates(deal: Deal, into: DealDates): DealDates {
  const nan = Number.NaN;
  const { closeDate, lastActivity, nextActivity, created, stageEntered, rough } = deal;
  into.rough = rough === undefined || rough.length === 0 ? 0 : roughBits(rough);
  into.closeDate = closeDate === undefined ? nan : dayNumber(closeDate);
  into.lastActivity = lastActivity === undefined ? nan : dayNumber(lastActivity);
  into.nextActivity = nextActivity === undefined ? nan : dayNumber(nextActivity);
  into.created = created === undefined ? nan : dayNumber(created);
  into.stageEntered = stageEntered === undefined ? nan : dayNumber(stageEntered);
  return into;
}

export function emptyDealDates(): DealDates {
  const nan = Number.NaN;
  return { closeDate: nan, lastActivity: nan, nextActivity: nan, created: nan, stageEntered: nan, rough: 0 };
}

/** Bits of DealDates.rough: the deal's dates the page gave only roughly (Deal.rough). */
export const ROUGH = { lastActivity: 1, created: 2, stageEntered: 4 } as const satisfies Record<RoughField, number>;

function roughBits(fields: readonly RoughField[]): number {
  let bits = 0;
  for (const field of fields) bits |= ROUGH[field] ?? 0;
  return bits;
}
