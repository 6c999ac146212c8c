import type { Day } from '../radar/model';

/** Why a raw string gave no value: nothing shown, two readings possible, or not understood. */
export type FailureReason = 'empty' | 'ambiguous' | 'unreadable';
export type ParseFailure = { ok: false; reason: FailureReason };

/**
 * `yearless`: the string showed no year, and the year nearest to today was taken (see pastDay).
 * `slack`: relative wording in weeks, months or years ("a month ago"), which a CRM rounds: the
 * days the real day may lie on either side of `day` (as named). For a date that can only lie in
 * the past, pastDay takes the latest day the wording allows, so the age read is a least age, and
 * marks it `rough`.
 */
export type ParsedDay = { ok: true; day: Day; relative: boolean; yearless?: true; slack?: number; rough?: true } | ParseFailure;
/** `currency` is an ISO 4217 code when the string shows one (symbol or code). */
export type ParsedAmount = { ok: true; value: number; currency?: string } | ParseFailure;
export type ParsedDuration = { ok: true; days: number } | ParseFailure;
export type ParsedNumber = { ok: true; value: number } | ParseFailure;

export function fail(reason: FailureReason): ParseFailure {
  return { ok: false, reason };
}
