import type { Deal, Warning } from '../radar/model';

/** One deal's warnings, worst first, before the deal itself is read. */
export interface WarningGroup {
  dealId: string;
  warnings: Warning[];
  /** Highest warning score: the group's rank. */
  score: number;
}

/** One deal and its warnings, worst first. */
export interface DealGroup extends WarningGroup {
  deal: Deal;
}

let collator: Intl.Collator | undefined;
/** Created on first use: it is only needed to break ties, and costs a few milliseconds to make. */
function compareNames(a: string, b: string): number {
  collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return collator.compare(a, b);
}

function byScoreThenRule(a: Warning, b: Warning): number {
  return b.score - a.score || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** Warnings by deal in one pass, each group's warnings worst first; pipeline warnings (no deal) are left out. */
export function groupWarnings(warnings: readonly Warning[]): WarningGroup[] {
  const groups = new Map<string, WarningGroup>();
  for (const w of warnings) {
    if (!w.dealId) continue;
    const group = groups.get(w.dealId);
    if (!group) groups.set(w.dealId, { dealId: w.dealId, warnings: [w], score: w.score });
    else {
      group.warnings.push(w);
      if (w.score > group.score) group.score = w.score;
    }
  }
  const out = [...groups.values()];
  for (const g of out) if (g.warnings.length > 1) g.warnings.sort(byScoreThenRule);
  return out;
}

/**
 * The groups that can be among the first `limit` once ties are broken by name: the best
 * `limit` by score plus every group tied with the last of them. Only these deals need to be
 * read to show a page, whatever the total (5,000 warnings read ~60 deals, not 2,500).
 */
export function topCandidates(groups: readonly WarningGroup[], limit: number): WarningGroup[] {
  if (groups.length <= limit) return [...groups];
  // The score of the limit-th best group: a native sort of plain numbers, no comparator calls.
  const scores = Float64Array.from(groups, (g) => g.score).sort();
  const cut = scores[scores.length - limit] ?? 0;
  return groups.filter((g) => g.score >= cut);
}

/**
 * Joins groups to their deals (groups whose deal is unknown are left out) and ranks them: best
 * score first, ties by deal name, then id, so the order is stable. At most `limit` groups.
 */
export function rankGroups(
  groups: readonly WarningGroup[],
  deals: ReadonlyMap<string, Deal>,
  limit = Number.POSITIVE_INFINITY,
): DealGroup[] {
  const joined: DealGroup[] = [];
  for (const g of groups) {
    const deal = deals.get(g.dealId);
    if (deal) joined.push({ ...g, deal });
  }
  joined.sort(
    (a, b) => b.score - a.score || compareNames(a.deal.name, b.deal.name) || (a.dealId < b.dealId ? -1 : 1),
  );
  return joined.length > limit ? joined.slice(0, limit) : joined;
}

/** Every group, ranked (for small sets: the weekly review's top deals, tests). */
export function groupByDeal(warnings: readonly Warning[], deals: ReadonlyMap<string, Deal>): DealGroup[] {
  return rankGroups(groupWarnings(warnings), deals);
}

/** Pipeline warnings (no deal), highest score first. */
export function pipelineOf(warnings: readonly Warning[]): Warning[] {
  return warnings.filter((w) => w.dealId === null).sort(byScoreThenRule);
}
