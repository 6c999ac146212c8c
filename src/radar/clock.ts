import { businessDaysBetween, dayNumber, dayOf, weekendMask } from './days';
import type { DealDates, RadarClock } from './define-rule';
import type { Day, Deal } from './model';

export interface DaySettings {
  /** Count business days instead of calendar days. */
  business: boolean;
  /** Weekend days, 0 = Sunday … 6 = Saturday. */
  weekend: number[];
}

/** Every zone's offset is a multiple of 15 minutes, so a day never changes inside a quarter hour. */
const QUARTER_HOUR = 900_000;

/** The injected clock every rule sees: `now`, the local `today`, and a day counter per the settings. */
export function createClock(now: number, days: DaySettings, timeZone?: string): RadarClock {
  const mask = weekendMask(days.weekend);
  const business = days.business && mask !== 0 && mask !== 0x7f;
  const count = business
    ? (from: number, to: number) => businessDaysBetween(from, to, mask)
    : (from: number, to: number) => to - from;
  // Intl is slow next to the rules (microseconds a call): remember the day of each quarter hour seen.
  const dayCache = new Map<number, Day>();
  const numberCache = new Map<number, number>();
  const localDay = (epochMs: number): Day => {
    const key = Math.floor(epochMs / QUARTER_HOUR);
    let day = dayCache.get(key);
    if (day === undefined) {
      day = dayOf(epochMs, timeZone);
      dayCache.set(key, day);
    }
    return day;
  };
  const today = dayOf(now, timeZone);
  return {
    now,
    today,
    todayNumber: dayNumber(today),
    businessDays: business,
    days: (from, to) => count(dayNumber(from), dayNumber(to)),
    count,
    dayOf: localDay,
    dayNumberOf: (epochMs) => {
      const key = Math.floor(epochMs / QUARTER_HOUR);
      let n = numberCache.get(key);
      if (n === undefined) {
        n = dayNumber(localDay(epochMs));
        numberCache.set(key, n);
      }
      return n;
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
