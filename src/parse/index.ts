/** Parsing of the raw strings read off CRM pages. Pure: no browser API, no DOM. */
export { parseAmount } from './amounts';
export { addDays, dayDiff, dayOf } from './calendar';
export { parseDay, pastDay } from './dates';
export { parseDuration } from './durations';
export { parseCount, parsePercent } from './numbers';
export type {
  FailureReason,
  ParseFailure,
  ParsedAmount,
  ParsedDay,
  ParsedDuration,
  ParsedNumber,
} from './types';
