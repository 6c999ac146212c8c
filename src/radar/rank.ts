import type { Severity } from '../messages/schemas';
import type { Warning } from './model';

/*
 * Score 0–100: severity sets the band (warn 0–50, critical 50–100), so a critical warning
 * always ranks above a warning; inside the band, how far past the threshold counts 55%
 * and the deal's amount against the site's other deals 45%.
 */

/** How far past the threshold (0 = at it, 1 = twice it) as 0–1, saturating: 1 → 0.5, 3 → 0.75. */
export function overWeight(over: number): number {
  if (!(over > 0)) return 0;
  return over / (1 + over);
}

export function scoreOf(severity: Severity, over: number, amountPercentile: number): number {
  const pct = Number.isFinite(amountPercentile) ? Math.min(1, Math.max(0, amountPercentile)) : 0.5;
  // Not a lookup table keyed by the severity: a keyed property load costs more than the score.
  const raw = (severity === 'critical' ? 50 : 0) + 50 * (0.55 * overWeight(over) + 0.45 * pct);
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

  constructor(amounts: ArrayLike<number> | Iterable<number>) {
    const all = sortAmounts(finite(amounts));
    if (all.length <= MAX_TABLE) this.sorted = all;
    else {
      this.sorted = new Float64Array(MAX_TABLE);
      const step = (all.length - 1) / (MAX_TABLE - 1);
      for (let i = 0; i < MAX_TABLE; i++) this.sorted[i] = all[Math.round(i * step)] ?? 0;
    }
  }

  /** The sorted amounts searched (at most 4,096): `new AmountPercentiles(table)` gives the same percentiles. */
  table(): number[] {
    return Array.from(this.sorted);
  }

  /** Unknown amounts sit in the middle (0.5): neither pushed up nor buried. */
  of(amount: number | undefined): number {
    const n = this.sorted.length;
    if (amount === undefined || !Number.isFinite(amount) || n === 0) return 0.5;
    const below = this.bound(amount, false);
    // Most amounts equal none in the table: then there is no second search to do.
    const upTo = below < n && this.sorted[below] === amount ? this.bound(amount, true) : below;
    return (below + (upTo - below) / 2) / n;
  }

  /**
   * First index with sorted[i] > amount (inclusive) or >= amount (not inclusive). The search
   * halves a window of fixed length whatever each step finds, so the number of steps never
   * depends on the data and the loop has one branch to predict: a third faster than lo/hi.
   */
  private bound(amount: number, inclusive: boolean): number {
    const sorted = this.sorted;
    let n = sorted.length;
    if (n === 0) return 0;
    let base = 0;
    while (n > 1) {
      const half = n >>> 1;
      const v = sorted[base + half - 1] as number;
      if (v < amount || (inclusive && v === amount)) base += half;
      n -= half;
    }
    const last = sorted[base] as number;
    return last < amount || (inclusive && last === amount) ? base + 1 : base;
  }
}

/**
 * A site's amounts by currency: a deal is ranked by value among the deals in its own currency
 * (¥1,200,000 is not worth more than €50,000), and a deal whose currency is not known among those
 * with none shown. A currency no amount was kept for ranks in the middle, as an unknown amount.
 */
export class ValuePercentiles {
  private lastCurrency = '';
  private last: AmountPercentiles | undefined;

  constructor(
    private readonly groups: ReadonlyMap<string, AmountPercentiles>,
    /** For every currency, where the amounts were kept before they were kept by currency. */
    private readonly all?: AmountPercentiles,
  ) {
    this.last = groups.get('');
  }

  /**
   * From the amounts and, for each, the index of its currency in `currencies` ('' for none).
   * `amounts` and `currencyAt` are read up to `count`.
   */
  static fromAmounts(
    amounts: Float64Array,
    currencyAt: Int32Array,
    count: number,
    currencies: readonly string[],
  ): ValuePercentiles {
    const groups = new Map<string, AmountPercentiles>();
    if (currencies.length <= 1) {
      groups.set(currencies[0] ?? '', new AmountPercentiles(amounts.subarray(0, count)));
      return new ValuePercentiles(groups);
    }
    // One counting pass, then each currency's amounts side by side.
    const sizes = new Int32Array(currencies.length + 1);
    for (let i = 0; i < count; i++) sizes[(currencyAt[i] as number) + 1] = (sizes[(currencyAt[i] as number) + 1] as number) + 1;
    for (let c = 1; c < sizes.length; c++) sizes[c] = (sizes[c] as number) + (sizes[c - 1] as number);
    const byCurrency = new Float64Array(count);
    const next = sizes.slice(0, currencies.length);
    for (let i = 0; i < count; i++) {
      const c = currencyAt[i] as number;
      byCurrency[next[c] as number] = amounts[i] as number;
      next[c] = (next[c] as number) + 1;
    }
    for (let c = 0; c < currencies.length; c++)
      groups.set(currencies[c] as string, new AmountPercentiles(byCurrency.subarray(sizes[c], sizes[c + 1])));
    return new ValuePercentiles(groups);
  }

  /** As kept in the site record (see tables()); `all`: the amounts a record of before kept for every currency. */
  static fromTables(tables: Readonly<Record<string, readonly number[]>> | undefined, all?: readonly number[]): ValuePercentiles {
    const groups = new Map<string, AmountPercentiles>();
    for (const [currency, table] of Object.entries(tables ?? {})) groups.set(currency, new AmountPercentiles(table));
    return new ValuePercentiles(groups, tables === undefined && all !== undefined ? new AmountPercentiles(all) : undefined);
  }

  /** Percentile of `amount` among the amounts in `currency` (undefined or '': none shown). */
  of(amount: number | undefined, currency: string | undefined): number {
    const key = currency ?? '';
    // Most deals of a site share one currency: the last one looked up is asked again.
    if (key !== this.lastCurrency) {
      this.lastCurrency = key;
      this.last = this.groups.get(key);
    }
    const group = this.last ?? this.all;
    return group === undefined ? 0.5 : group.of(amount);
  }

  /** Each currency's sorted amounts (at most 4,096 each), for ValuePercentiles.fromTables. */
  tables(): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (const [currency, group] of this.groups) out[currency] = group.table();
    return out;
  }
}

/** The finite amounts, in a typed array: an array is read by index, not through an iterator. */
function finite(amounts: ArrayLike<number> | Iterable<number>): Float64Array {
  const list = 'length' in amounts ? amounts : Array.from(amounts);
  const out = new Float64Array(list.length);
  let n = 0;
  for (let i = 0; i < list.length; i++) {
    const a = list[i] as number;
    if (Number.isFinite(a)) out[n++] = a;
  }
  return n === out.length ? out : out.slice(0, n);
}

/**
 * The amounts in ascending order. Amounts are mostly whole and below 2^32: those are sorted
 * by their digits in base 65,536 (two counting passes) rather than by comparisons, which on a
 * site's 100,000 amounts takes a good part of the whole evaluation. Any other amount: sort().
 */
function sortAmounts(all: Float64Array): Float64Array {
  const n = all.length;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const a = all[i] as number;
    if (!(a >= 0 && a <= 0xffff_ffff && Math.floor(a) === a)) whole = false;
  }
  if (!whole || n < 1024) return all.sort();
  const keys = new Uint32Array(all);
  const tmp = new Uint32Array(n);
  radixPass(keys, tmp, 0);
  radixPass(tmp, keys, 16);
  for (let i = 0; i < n; i++) all[i] = keys[i] as number;
  return all;
}

/** One stable counting pass of a radix sort on 16 bits from `shift`. */
function radixPass(from: Uint32Array, to: Uint32Array, shift: number): void {
  const counts = new Int32Array(65_537);
  for (let i = 0; i < from.length; i++) {
    const digit = ((from[i] as number) >>> shift) & 0xffff;
    counts[digit + 1] = (counts[digit + 1] as number) + 1;
  }
  for (let d = 1; d < counts.length; d++) counts[d] = (counts[d] as number) + (counts[d - 1] as number);
  for (let i = 0; i < from.length; i++) {
    const value = from[i] as number;
    const digit = (value >>> shift) & 0xffff;
    const at = counts[digit] as number;
    to[at] = value;
    counts[digit] = at + 1;
  }
}

/** A warning with the name it sorts by when scores tie (the deal's name, or the pipeline key). */
export interface Ranked {
  warning: Warning;
  name: string;
}

/*
 * Ranking: highest score first, then by name case-insensitively, then by id. Scores have one
 * decimal, so a counting sort on tenths does the bulk in linear time; names are compared only
 * inside a bucket of equal scores.
 *
 * Names compare as numbers first: each name's first 14 characters, lower-cased, as two base-128
 * numbers of 7 characters each. Only equal numbers compare the lower-cased names. ASCII
 * lower-cases letter by letter, so an ASCII name's numbers are read from the name itself; a name
 * with other characters among its first 14 is lower-cased first (one character can become two,
 * or become ASCII: 'İ' → 'i̇'). A character from 127 up counts as 127 and ends the numbers (the
 * rest count as 0), and so does the end of the name: a smaller number always means a smaller
 * lower-cased name, and "ab" and "ab\0" tie and fall back to comparing the strings.
 */
const CHARS = 7;
const RADIX = 128;

/** The score bucket: tenths of a point, highest score first (0 = 100.0). */
function scoreKey(score: number): number {
  return 1000 - Math.min(1000, Math.max(0, Math.round(score * 10)));
}

/**
 * The sort keys of the warnings, in the order they are made. Each warning is about a subject (a
 * deal, or a pipeline finding) whose name sorts it when scores tie. The evaluator fills these as
 * it makes the warnings, while each deal's name is still in the CPU cache: reading 100,000 names
 * again later, scattered over the heap, costs more than the whole sort.
 */
export class RankKeys {
  /** Warnings added. */
  length = 0;
  /** Per warning: its score bucket, its subject, and its tie (see subject()). */
  score: Int32Array;
  of: Int32Array;
  tie: Int32Array;
  /** Subjects started. */
  subjects = 0;
  /** Per subject: its name, the name's sort numbers, and whether its warnings are grouped. */
  readonly names: string[];
  k1: Float64Array;
  k2: Float64Array;
  grouped: Uint8Array;

  constructor(warnings = 1024, subjects = 1024) {
    this.score = new Int32Array(Math.max(16, warnings));
    this.of = new Int32Array(this.score.length);
    this.tie = new Int32Array(this.score.length);
    this.k1 = new Float64Array(Math.max(16, subjects));
    this.k2 = new Float64Array(this.k1.length);
    this.grouped = new Uint8Array(this.k1.length);
    // At its size: growing by push() leaves a copy behind at each step.
    this.names = new Array(this.k1.length);
  }

  /**
   * Starts a subject for the next add()s. Grouped: the ids of its warnings differ only after a
   * shared prefix (the deal id), in the order of their ties, so two of its warnings whose
   * scores tie compare by tie alone, as their ids would.
   */
  subject(name: string, grouped: boolean): void {
    const s = this.subjects;
    if (s === this.k1.length) this.growSubjects();
    this.names[s] = name;
    if (!this.numbers(name, false, s)) this.numbers(name.toLowerCase(), true, s);
    this.grouped[s] = grouped ? 1 : 0;
    this.subjects = s + 1;
  }

  /** Reads the numbers of `text`; false when it is not lower-cased and has non-ASCII in range. */
  private numbers(text: string, lowered: boolean, s: number): boolean {
    let a = 0;
    let b = 0;
    let stopped = false;
    for (let p = 0; p < 2 * CHARS; p++) {
      let c = 0;
      if (!stopped && p < text.length) {
        c = text.charCodeAt(p);
        if (c >= 127) {
          if (!lowered) return false;
          c = 127;
          stopped = true;
        } else if (c >= 65 && c <= 90) c += 32;
      }
      if (p < CHARS) a = a * RADIX + c;
      else b = b * RADIX + c;
    }
    this.k1[s] = a;
    this.k2[s] = b;
    return true;
  }

  /** Adds one more warning about the last subject. */
  add(score: number, tie = 0): void {
    const i = this.length;
    if (i === this.score.length) this.growWarnings();
    this.score[i] = scoreKey(score);
    this.of[i] = this.subjects - 1;
    this.tie[i] = tie;
    this.length = i + 1;
  }

  /** Sets warning i's score, for a caller that adds warnings before their scores are known. */
  setScore(i: number, score: number): void {
    this.score[i] = scoreKey(score);
  }

  private growWarnings(): void {
    const size = this.score.length * 2;
    this.score = grown(this.score, new Int32Array(size));
    this.of = grown(this.of, new Int32Array(size));
    this.tie = grown(this.tie, new Int32Array(size));
  }

  private growSubjects(): void {
    const size = this.k1.length * 2;
    this.k1 = grown(this.k1, new Float64Array(size));
    this.k2 = grown(this.k2, new Float64Array(size));
    this.grouped = grown(this.grouped, new Uint8Array(size));
  }

  /** One subject per warning, named by `names`. */
  static of(warnings: readonly Warning[], names: readonly string[]): RankKeys {
    const keys = new RankKeys(warnings.length, warnings.length);
    for (let i = 0; i < warnings.length; i++) {
      keys.subject(names[i] ?? '', false);
      keys.add(warnings[i]?.score ?? 0);
    }
    return keys;
  }
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/*
 * rankByName runs once per scan over up to 100,000s of warnings, so its loops get optimised
 * mid-run (on-stack replacement). Each loop is a function or method of its own: optimised code
 * for one loop then never meets code after it that had not run yet, which would throw it away
 * again on every call.
 */

/** Index of each warning in score order (stable): a counting sort on the score keys. */
function byScore(score: Int32Array, n: number, starts: Int32Array): Int32Array {
  for (let i = 0; i < n; i++) {
    const key = score[i] as number;
    starts[key + 1] = (starts[key + 1] as number) + 1;
  }
  for (let k = 1; k < starts.length; k++) starts[k] = (starts[k] as number) + (starts[k - 1] as number);
  const fill = starts.slice();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = score[i] as number;
    const at = fill[key] as number;
    order[at] = i;
    fill[key] = at + 1;
  }
  return order;
}

/** Buckets this small are sorted by insertion; larger ones by merging sorted halves. */
const INSERTION = 12;

/**
 * Sorts the warnings of each score bucket by name, then id: a stable sort. A bucket's keys are
 * copied next to each other first, so the sort reads them from the CPU cache, not from all over
 * the arrays of keys.
 */
class BucketSorter {
  /** The bucket being sorted: warning index, subject and name numbers, by position in the bucket. */
  private index = new Int32Array(64);
  private subject = new Int32Array(64);
  private k1 = new Float64Array(64);
  private k2 = new Float64Array(64);
  /** Positions in the bucket, in sorted order, and room for merging. */
  private perm = new Int32Array(64);
  private tmp = new Int32Array(64);
  // Lower-cased names by subject, made only for names whose numbers tie.
  private readonly lowered = new Map<number, string>();

  constructor(
    private readonly keys: RankKeys,
    /** The id of warning i, asked only when names tie. */
    private readonly idOf: (i: number) => string,
  ) {}

  sortBuckets(order: Int32Array, starts: Int32Array): void {
    for (let k = 0; k + 1 < starts.length; k++) {
      const from = starts[k] as number;
      const to = starts[k + 1] as number;
      if (to - from > 1) this.sortBucket(order, from, to);
    }
  }

  private sortBucket(order: Int32Array, from: number, to: number): void {
    const m = to - from;
    if (m > this.index.length) this.grow(m);
    const { index, subject, k1, k2, perm, keys } = this;
    for (let j = 0; j < m; j++) {
      const w = order[from + j] as number;
      const s = keys.of[w] as number;
      index[j] = w;
      subject[j] = s;
      k1[j] = keys.k1[s] as number;
      k2[j] = keys.k2[s] as number;
      perm[j] = j;
    }
    this.sort(0, m);
    for (let j = 0; j < m; j++) order[from + j] = index[perm[j] as number] as number;
  }

  private grow(m: number): void {
    let size = this.index.length;
    while (size < m) size *= 2;
    this.index = new Int32Array(size);
    this.subject = new Int32Array(size);
    this.k1 = new Float64Array(size);
    this.k2 = new Float64Array(size);
    this.perm = new Int32Array(size);
    this.tmp = new Int32Array(size);
  }

  /** Compares the warnings at bucket positions a and b. */
  private compare(a: number, b: number): number {
    const a1 = this.k1[a] as number;
    const b1 = this.k1[b] as number;
    if (a1 !== b1) return a1 < b1 ? -1 : 1;
    const a2 = this.k2[a] as number;
    const b2 = this.k2[b] as number;
    if (a2 !== b2) return a2 < b2 ? -1 : 1;
    const i = this.index[a] as number;
    const j = this.index[b] as number;
    const s = this.subject[a] as number;
    if (s === this.subject[b] && this.keys.grouped[s] === 1) {
      const d = (this.keys.tie[i] as number) - (this.keys.tie[j] as number);
      return d < 0 ? -1 : d > 0 ? 1 : 0;
    }
    return this.compareStrings(i, j);
  }

  /** Compares warnings i and j by their lower-cased names, then ids. */
  private compareStrings(i: number, j: number): number {
    const ni = this.lower(this.keys.of[i] as number);
    const nj = this.lower(this.keys.of[j] as number);
    if (ni !== nj) return ni < nj ? -1 : 1;
    const ii = this.idOf(i);
    const ij = this.idOf(j);
    return ii === ij ? 0 : ii < ij ? -1 : 1;
  }

  private lower(subject: number): string {
    let name = this.lowered.get(subject);
    if (name === undefined) {
      name = (this.keys.names[subject] ?? '').toLowerCase();
      this.lowered.set(subject, name);
    }
    return name;
  }

  /** Stable sort of perm[from, to). */
  private sort(from: number, to: number): void {
    const perm = this.perm;
    if (to - from <= INSERTION) {
      for (let i = from + 1; i < to; i++) {
        const x = perm[i] as number;
        let j = i - 1;
        while (j >= from && this.compare(perm[j] as number, x) > 0) {
          perm[j + 1] = perm[j] as number;
          j--;
        }
        perm[j + 1] = x;
      }
      return;
    }
    const mid = (from + to) >>> 1;
    this.sort(from, mid);
    this.sort(mid, to);
    // Already in order: the halves just touch.
    if (this.compare(perm[mid - 1] as number, perm[mid] as number) <= 0) return;
    const tmp = this.tmp;
    for (let c = from; c < mid; c++) tmp[c] = perm[c] as number;
    let i = from;
    let j = mid;
    let k = from;
    while (i < mid && j < to) {
      const a = tmp[i] as number;
      const b = perm[j] as number;
      if (this.compare(a, b) <= 0) {
        perm[k++] = a;
        i++;
      } else {
        perm[k++] = b;
        j++;
      }
    }
    while (i < mid) perm[k++] = tmp[i++] as number;
  }
}

function pick(warnings: readonly Warning[], order: Int32Array): Warning[] {
  const out: Warning[] = new Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = warnings[order[i] as number] as Warning;
  return out;
}

/** Puts warnings[order[k]] at k for every k, in place, following the cycles of `order` (used up). */
function permute(warnings: Warning[], order: Int32Array): Warning[] {
  for (let start = 0; start < order.length; start++) {
    if (order[start] === -1) continue;
    const first = warnings[start] as Warning;
    let at = start;
    for (;;) {
      const from = order[at] as number;
      order[at] = -1;
      if (from === start) {
        warnings[at] = first;
        break;
      }
      warnings[at] = warnings[from] as Warning;
      at = from;
    }
  }
  return warnings;
}

/** Sorts warnings by score (highest first), then by `names` case-insensitively, then by id. */
export function rankByName(warnings: readonly Warning[], names: readonly string[]): Warning[] {
  return rankByKeys(warnings, RankKeys.of(warnings, names));
}

/**
 * rankByName with the sort keys worked out already (see RankKeys), one per warning. `inPlace`:
 * sorts `warnings` itself, for a caller whose array it is, rather than a copy.
 */
export function rankByKeys(warnings: Warning[], keys: RankKeys, inPlace: true): Warning[];
export function rankByKeys(warnings: readonly Warning[], keys: RankKeys): Warning[];
export function rankByKeys(warnings: readonly Warning[], keys: RankKeys, inPlace = false): Warning[] {
  const order = rankOrder(keys, warnings.length, (i) => warnings[i]?.id ?? '');
  return inPlace ? permute(warnings as Warning[], order) : pick(warnings, order);
}

/**
 * The ranked order of the first `n` warnings `keys` describes, as their indexes, best first; the
 * warnings themselves need not exist yet. `idOf(i)` gives warning i's id, asked only where scores
 * and names tie.
 */
export function rankOrder(keys: RankKeys, n: number, idOf: (i: number) => string): Int32Array {
  const starts = new Int32Array(1002);
  const order = byScore(keys.score, n, starts);
  new BucketSorter(keys, idOf).sortBuckets(order, starts);
  return order;
}

/** Highest score first; ties by name (case-insensitive), then by id, so the order never wobbles. */
export function rank(items: readonly Ranked[]): Warning[] {
  return rankByName(
    items.map((item) => item.warning),
    items.map((item) => item.name),
  );
}

/** Orders stored warnings the same way, given each warning's name. */
export function rankWarnings(warnings: readonly Warning[], nameOf: (w: Warning) => string): Warning[] {
  return rankByName(warnings, warnings.map(nameOf));
}
