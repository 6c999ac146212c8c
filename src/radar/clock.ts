import { businessDaysBetween, dayFromNumber, dayNumber, dayOf, weekendMask, zoneOffset } from './days';
import type { DealDates, RadarClock } from './define-rule';
import type { Day, Deal } from './model';
import type { DaySettings } from './settings-schema';

const DAY_MS = 86_400_000;

/** Per zone: UTC day → the zone's offset all that day, or NaN on a day it changes. Shared by all clocks. */
const offsetsByZone = new Map<string, Map<number, number>>();

function zoneOffsets(timeZone: string | undefined): Map<number, number> {
  if (timeZone === undefined) return new Map();
  let offsets = offsetsByZone.get(timeZone);
  // A few years of days per zone at most; the bound only guards a long-running worker.
  if (offsets === undefined || offsets.size > 20_000) {
    offsets = new Map();
    offsetsByZone.set(timeZone, offsets);
  }
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
  // instants. A zone's offset changes on a few days a year, so keep it per UTC day: the offset
  // for the whole day, or NaN on a day it changes (there, ask Intl for each instant). Shared per
  // named zone; the runtime's own zone could change while a worker lives, so that one is not.
  const offsets = zoneOffsets(timeZone);
  const dayNumberOf = (epochMs: number): number => {
    const utcDay = Math.floor(epochMs / DAY_MS);
    let offset = offsets.get(utcDay);
    if (offset === undefined) {
      const start = zoneOffset(utcDay * DAY_MS, timeZone);
      offset = start === zoneOffset(utcDay * DAY_MS + DAY_MS - 1, timeZone) ? start : Number.NaN;
      offsets.set(utcDay, offset);
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

/** Parses a deal's dates into `into` (reused across deals: no allocation per deal). */
export function readDealDates(deal: Deal, into: DealDates): DealDates {
  into.closeDate = dayNumber(deal.closeDate);
  into.lastActivity = dayNumber(deal.lastActivity);
  into.nextActivity = dayNumber(deal.nextActivity);
  into.created = dayNumber(deal.created);
  into.stageEntered = dayNumber(deal.stageEntered);
  return into;
}

export function emptyDealDates(): DealDates {
  const nan = Number.NaN;
  return { closeDate: nan, lastActivity: nan, nextActivity: nan, created: nan, stageEntered: nan };
}
