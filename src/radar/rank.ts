import type { Severity } from '../messages/schemas';
import type { Warning } from './model';

/*
 * Score 0–100: severity sets the band (warn 0–50, critical 50–100), so a critical warning
 * always ranks above a warning; inside the band, how far past the threshold counts 55%
 * and the deal's amount against the site's other deals 45%.
 */

const BAND: Record<Severity, number> = { warn: 0, critical: 50 };

/** How far past the threshold (0 = at it, 1 = twice it) as 0–1, saturating: 1 → 0.5, 3 → 0.75. */
export function overWeight(over: number): number {
  if (!(over > 0)) return 0;
  return over / (1 + over);
}

export function scoreOf(severity: Severity, over: number, amountPercentile: number): number {
  const pct = Number.isFinite(amountPercentile) ? Math.min(1, Math.max(0, amountPercentile)) : 0.5;
  const raw = BAND[severity] + 50 * (0.55 * overWeight(over) + 0.45 * pct);
  return Math.round(Math.min(100, Math.max(0, raw)) * 10) / 10;
}

/** Percentile (0–1) of an amount among a site's amounts: the midpoint share of amounts below and equal. */
export class AmountPercentiles {
  private readonly sorted: Float64Array;

  constructor(amounts: Iterable<number>) {
    const list: number[] = [];
    for (const a of amounts) if (Number.isFinite(a)) list.push(a);
    this.sorted = Float64Array.from(list).sort();
  }

  /** Unknown amounts sit in the middle (0.5): neither pushed up nor buried. */
  of(amount: number | undefined): number {
    const n = this.sorted.length;
    if (amount === undefined || !Number.isFinite(amount) || n === 0) return 0.5;
    const below = this.bound(amount, false);
    const upTo = this.bound(amount, true);
    return (below + (upTo - below) / 2) / n;
  }

  /** First index with sorted[i] > amount (inclusive) or >= amount (not inclusive). */
  private bound(amount: number, inclusive: boolean): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.sorted[mid] ?? 0;
      if (v < amount || (inclusive && v === amount)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** A warning with the name it sorts by when scores tie (the deal's name, or the pipeline key). */
export interface Ranked {
  warning: Warning;
  name: string;
}

function byRank(a: Ranked, b: Ranked): number {
  if (a.warning.score !== b.warning.score) return b.warning.score - a.warning.score;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.warning.id === b.warning.id) return 0;
  return a.warning.id < b.warning.id ? -1 : 1;
}

/** Highest score first; ties by name (case-insensitive), then by id, so the order never wobbles. */
export function rank(items: Ranked[]): Warning[] {
  for (const item of items) item.name = item.name.toLowerCase();
  items.sort(byRank);
  return items.map((item) => item.warning);
}

/** Orders stored warnings the same way, given each warning's name. */
export function rankWarnings(warnings: readonly Warning[], nameOf: (w: Warning) => string): Warning[] {
  return rank(warnings.map((warning) => ({ warning, name: nameOf(warning) })));
}
