import { dayNumber } from '../radar/days';
import { isShowing } from '../radar/lifecycle';
import type { ChangeEvent, Day, Deal, TrackedField, Warning } from '../radar/model';
import { type DealGroup, groupByDeal } from '../store/grouping';

/*
 * The weekly review, as a pure function of what the store holds: step back and get the facts.
 * Each deal's change is netted over the week (first "from", last "to"): a date pushed out twice
 * shows once, with the whole slip.
 */

export const WEEK_MS = 7 * 86_400_000;
/** A deal "goes quiet" when its last activity is this many days old. */
export const QUIET_DAYS = 14;
export const TOP_DEALS = 3;

export interface WeeklyInput {
  now: number;
  today: Day;
  /** Change events since a week ago (older ones are ignored). */
  events: readonly ChangeEvent[];
  deals: ReadonlyMap<string, Deal>;
  warnings: readonly Warning[];
  /** Each site's stages in pipeline order, to tell a step back from a step forward. */
  stageOrders: ReadonlyMap<string, readonly string[]>;
}

export interface Slip {
  deal: Deal;
  from: Day;
  to: Day;
  days: number;
}
export interface StageMove {
  deal: Deal;
  from: string;
  to: string;
  direction: 'back' | 'forward' | 'changed';
}
export interface AmountChange {
  deal: Deal;
  from: number;
  to: number /** -0.33 = a third less */;
  change: number;
}
export interface QuietDeal {
  deal: Deal;
  days: number;
}

export interface WeeklyReview {
  since: number;
  slipped: Slip[];
  stageMoves: StageMove[];
  amountChanges: AmountChange[];
  /** Raised this week and not resolved since. */
  raised: Warning[];
  resolved: Warning[];
  quiet: QuietDeal[];
  /** The deals most worth acting on first: the best-ranked groups. */
  top: DealGroup[];
  /** Every deal, to name the deals of the warnings above. */
  deals: ReadonlyMap<string, Deal>;
}

interface Net {
  dealId: string;
  site: string;
  field: TrackedField;
  from: string | null;
  to: string | null;
}

/** First "from" and last "to" of each deal's field over the events given. */
export function netChanges(events: readonly ChangeEvent[]): Net[] {
  const net = new Map<string, Net>();
  for (const e of [...events].sort((a, b) => a.at - b.at)) {
    const key = `${e.field}|${e.dealId}`;
    const seen = net.get(key);
    if (seen) seen.to = e.to;
    else net.set(key, { dealId: e.dealId, site: e.site, field: e.field, from: e.from, to: e.to });
  }
  return [...net.values()].filter((n) => n.from !== n.to);
}

function direction(order: readonly string[] | undefined, from: string, to: string): StageMove['direction'] {
  const index = (stage: string) => order?.findIndex((s) => s.toLowerCase() === stage.toLowerCase()) ?? -1;
  const a = index(from);
  const b = index(to);
  if (a < 0 || b < 0) return 'changed';
  return b < a ? 'back' : 'forward';
}

export function weeklyReview(input: WeeklyInput): WeeklyReview {
  const since = input.now - WEEK_MS;
  const review: WeeklyReview = {
    since,
    slipped: [],
    stageMoves: [],
    amountChanges: [],
    raised: [],
    resolved: [],
    quiet: [],
    top: [],
    deals: input.deals,
  };
  for (const n of netChanges(input.events.filter((e) => e.at >= since))) {
    const deal = input.deals.get(n.dealId);
    if (!deal || n.from === null || n.to === null) continue;
    if (n.field === 'closeDate') {
      const days = dayNumber(n.to) - dayNumber(n.from);
      if (days > 0) review.slipped.push({ deal, from: n.from, to: n.to, days });
    } else if (n.field === 'stage') {
      review.stageMoves.push({
        deal,
        from: n.from,
        to: n.to,
        direction: direction(input.stageOrders.get(n.site), n.from, n.to),
      });
    } else if (n.field === 'amount') {
      const from = Number(n.from);
      const to = Number(n.to);
      if (Number.isFinite(from) && Number.isFinite(to) && from !== to) {
        review.amountChanges.push({ deal, from, to, change: from === 0 ? 1 : (to - from) / Math.abs(from) });
      }
    }
  }
  review.slipped.sort((a, b) => b.days - a.days);
  const rank = { back: 0, changed: 1, forward: 2 } as const;
  review.stageMoves.sort((a, b) => rank[a.direction] - rank[b.direction]);
  review.amountChanges.sort((a, b) => a.change - b.change);

  const byScore = (a: Warning, b: Warning) => b.score - a.score;
  review.raised = input.warnings.filter((w) => w.raisedAt >= since && w.status !== 'resolved').sort(byScore);
  review.resolved = input.warnings
    .filter((w) => w.status === 'resolved' && (w.resolvedAt ?? 0) >= since)
    .sort(byScore);

  const today = dayNumber(input.today);
  for (const deal of input.deals.values()) {
    const days = today - dayNumber(deal.lastActivity);
    if (deal.outcome === 'open' && days >= QUIET_DAYS && days < QUIET_DAYS + 7)
      review.quiet.push({ deal, days });
  }
  review.quiet.sort((a, b) => b.days - a.days || (b.deal.amount ?? 0) - (a.deal.amount ?? 0));

  review.top = groupByDeal(
    input.warnings.filter((w) => isShowing(w, input.now)),
    input.deals,
  ).slice(0, TOP_DEALS);
  return review;
}
