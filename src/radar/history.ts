import { dayNumber } from './days';
import type { ChangeEvent, TrackedField } from './model';

/** Amounts travel as decimal strings in change events; NaN when unknown. */
export function eventNumber(value: string | null): number {
  return value === null || value === '' ? Number.NaN : Number(value);
}

/** The last change of `field`, or undefined. History is oldest first. */
export function lastChange(history: readonly ChangeEvent[], field: TrackedField): ChangeEvent | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const event = history[i];
    if (event !== undefined && event.field === field) return event;
  }
  return undefined;
}

/** How many changes of `field` the history holds. */
export function countChanges(history: readonly ChangeEvent[], field: TrackedField): number {
  let n = 0;
  for (const event of history) if (event.field === field) n++;
  return n;
}

/** A change of the close date to a later day: a slip (close-date-slipped counts them). */
export function isSlip(event: ChangeEvent): boolean {
  return (
    event.field === 'closeDate' &&
    event.from !== null &&
    event.to !== null &&
    dayNumber(event.to) > dayNumber(event.from)
  );
}

/** A change of the amount to a smaller one: a cut (amount-dropped dates its warnings by the last). */
export function isCut(event: ChangeEvent): boolean {
  return event.field === 'amount' && eventNumber(event.to) < eventNumber(event.from);
}
