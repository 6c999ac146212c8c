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

/** Lookups search at most this many amounts, so the table stays in the CPU cache. */
const MAX_TABLE = 4096;

/**
 * Percentile (0–1) of an amount among a site's amounts: the midpoint share of amounts below and
 * equal. Up to 4,096 amounts it is exact; above, it searches evenly spaced ranks of the sorted
 * amounts (off by at most 1/4,096, which no score shows).
 */
export class AmountPercentiles {
  private readonly sorted: Float64Array;

  constructor(amounts: Iterable<number>) {
    const list: number[] = [];
    for (const a of amounts) if (Number.isFinite(a)) list.push(a);
    const all = Float64Array.from(list).sort();
    if (all.length <= MAX_TABLE) this.sorted = all;
    else {
      this.sorted = new Float64Array(MAX_TABLE);
      const step = (all.length - 1) / (MAX_TABLE - 1);
      for (let i = 0; i < MAX_TABLE; i++) this.sorted[i] = all[Math.round(i * step)] ?? 0;
    }
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

/**
 * Sorts warnings by score (highest first), then by `names` (already lower-cased), then by id.
 * Scores have one decimal, so a counting sort on tenths does the bulk in linear time and
 * names are compared only inside a bucket of equal scores.
 */
export function rankByName(warnings: readonly Warning[], names: readonly string[]): Warning[] {
  const n = warnings.length;
  const keys = new Int32Array(n);
  const starts = new Int32Array(1002);
  for (let i = 0; i < n; i++) {
    const score = warnings[i]?.score ?? 0;
    const key = 1000 - Math.min(1000, Math.max(0, Math.round(score * 10)));
    keys[i] = key;
    starts[key + 1] = (starts[key + 1] ?? 0) + 1;
  }
  for (let k = 1; k < starts.length; k++) starts[k] = (starts[k] ?? 0) + (starts[k - 1] ?? 0);
  const order = new Int32Array(n);
  const fill = starts.slice();
  for (let i = 0; i < n; i++) {
    const key = keys[i] ?? 0;
    const at = fill[key] ?? 0;
    order[at] = i;
    fill[key] = at + 1;
  }
  const byName = (a: number, b: number): number => {
    const na = names[a] ?? '';
    const nb = names[b] ?? '';
    if (na !== nb) return na < nb ? -1 : 1;
    const ia = warnings[a]?.id ?? '';
    const ib = warnings[b]?.id ?? '';
    return ia === ib ? 0 : ia < ib ? -1 : 1;
  };
  for (let k = 0; k < 1001; k++) {
    const from = starts[k] ?? 0;
    const to = starts[k + 1] ?? 0;
    if (to - from > 1) order.subarray(from, to).sort(byName);
  }
  const out: Warning[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = warnings[order[i] ?? 0] as Warning;
  return out;
}

/** Highest score first; ties by name (case-insensitive), then by id, so the order never wobbles. */
export function rank(items: readonly Ranked[]): Warning[] {
  return rankByName(
    items.map((item) => item.warning),
    items.map((item) => item.name.toLowerCase()),
  );
}

/** Orders stored warnings the same way, given each warning's name. */
export function rankWarnings(warnings: readonly Warning[], nameOf: (w: Warning) => string): Warning[] {
  return rankByName(
    warnings,
    warnings.map((w) => nameOf(w).toLowerCase()),
  );
}
