import { businessDaysBetween, dayNumber, dayOf, weekendMask } from './days';
import type { RadarClock } from './define-rule';
import type { Day } from './model';

/** Every zone's offset is a multiple of 15 minutes, so a day never changes inside a quarter hour. */
const QUARTER_HOUR = 900_000;

export interface DaySettings {
  /** Count business days instead of calendar days. */
  business: boolean;
  /** Weekend days, 0 = Sunday … 6 = Saturday. */
  weekend: number[];
}

/** The injected clock every rule sees: `now`, the local `today`, and a day counter per the settings. */
export function createClock(now: number, days: DaySettings, timeZone?: string): RadarClock {
  const mask = weekendMask(days.weekend);
  // Intl is slow next to the rules (microseconds a call): remember the day of each quarter hour seen.
  const dayCache = new Map<number, Day>();
  const business = days.business && mask !== 0 && mask !== 0x7f;
  return {
    now,
    today: dayOf(now, timeZone),
    businessDays: business,
    days: business
      ? (from, to) => businessDaysBetween(dayNumber(from), dayNumber(to), mask)
      : (from, to) => dayNumber(to) - dayNumber(from),
    dayOf: (epochMs) => {
      const key = Math.floor(epochMs / QUARTER_HOUR);
      let day = dayCache.get(key);
      if (day === undefined) {
        day = dayOf(epochMs, timeZone);
        dayCache.set(key, day);
      }
      return day;
    },
  };
}
