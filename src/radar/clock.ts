import { businessDaysBetween, dayNumber, dayOf, weekendMask } from './days';
import type { RadarClock } from './define-rule';

export interface DaySettings {
  /** Count business days instead of calendar days. */
  business: boolean;
  /** Weekend days, 0 = Sunday … 6 = Saturday. */
  weekend: number[];
}

/** The injected clock every rule sees: `now`, the local `today`, and a day counter per the settings. */
export function createClock(now: number, days: DaySettings, timeZone?: string): RadarClock {
  const mask = weekendMask(days.weekend);
  const business = days.business && mask !== 0 && mask !== 0x7f;
  return {
    now,
    today: dayOf(now, timeZone),
    businessDays: business,
    days: business
      ? (from, to) => businessDaysBetween(dayNumber(from), dayNumber(to), mask)
      : (from, to) => dayNumber(to) - dayNumber(from),
    dayOf: (epochMs) => dayOf(epochMs, timeZone),
  };
}
