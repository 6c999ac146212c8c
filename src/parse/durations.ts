/**
 * Durations: "14 days", "3 weeks", "2 mo", "1 day", "2w 3d", "14 Tage", "3 semaines", or a bare
 * number of days ("14", as "days in stage" columns show it). A month counts 30 days, a year 365.
 */
import { clean, tokenize } from './text';
import { type ParsedDuration, fail } from './types';
import { type Unit, readQuantities } from './units';

const DAYS_PER: Readonly<Record<Unit, number>> = {
  second: 1 / 86400,
  minute: 1 / 1440,
  hour: 1 / 24,
  day: 1,
  week: 7,
  month: 30,
  year: 365,
};

const BARE_DAYS = /^\d{1,6}$/;

export function parseDuration(raw: string): ParsedDuration {
  try {
    const cleaned = clean(raw);
    if (!cleaned.ok) return cleaned;
    const text = cleaned.text.toLowerCase();
    if (BARE_DAYS.test(text)) return { ok: true, days: Number(text) };
    const tokens = tokenize(text);
    // "2m" reads as minutes or months: refuse to pick.
    if (tokens.some((t, i) => t.text === 'm' && tokens[i - 1]?.kind === 'num')) return fail('ambiguous');
    const read = readQuantities(tokens, 0);
    if (!read || read.next !== tokens.length) return fail('unreadable');
    const days = read.parts.reduce((sum, { n, unit }) => sum + n * DAYS_PER[unit], 0);
    return Number.isFinite(days) ? { ok: true, days: Math.round(days * 1e6) / 1e6 } : fail('unreadable');
  } catch {
    return fail('unreadable');
  }
}
