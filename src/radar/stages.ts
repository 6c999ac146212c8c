import { dayNumber } from './days';
import type { RadarClock, StagePositions } from './define-rule';
import type { ChangeEvent, Day, Deal } from './model';

/** Stage names that mean the deal is over (Salesforce "Closed Won", Pipedrive "Lost", …). */
const CLOSED_STAGE = /\b(won|lost|closed)\b/i;

export function isClosedStage(stage: string | null | undefined): boolean {
  return stage !== undefined && stage !== null && CLOSED_STAGE.test(stage);
}

/**
 * Deals the deal rules look at: outcome open, and no stage that says won, lost or closed
 * (crm-fields.md: such deals are not at risk, whatever the parser made of the outcome).
 */
export function isOpenDeal(deal: Deal): boolean {
  if (deal.outcome !== 'open') return false;
  const stage = deal.stage;
  if (stage === undefined) return true;
  let closed = closedStages.get(stage);
  if (closed === undefined) {
    closed = isClosedStage(stage);
    closedStages.set(stage, closed);
  }
  return !closed;
}

/**
 * A few stage names → a value. A site has a handful of stage names and every deal asks about
 * one, so a scan of the last few names (most often the very same string) beats hashing; past
 * `SMALL` names it falls back to a Map, bounded because only odd input gets there.
 */
export class StageTable<V> {
  private readonly names: string[] = [];
  private readonly values: V[] = [];
  private readonly more = new Map<string, V>();
  // The last name found: rules ask about one deal's stage one after another.
  private lastName: string | undefined;
  private lastValue: V | undefined;

  get(name: string): V | undefined {
    if (name === this.lastName) return this.lastValue;
    const names = this.names;
    for (let i = 0; i < names.length; i++) {
      if (names[i] === name) {
        this.lastName = name;
        this.lastValue = this.values[i];
        return this.lastValue;
      }
    }
    return names.length < SMALL ? undefined : this.more.get(name);
  }

  set(name: string, value: V): void {
    if (this.names.length < SMALL) {
      this.names.push(name);
      this.values.push(value);
      return;
    }
    if (this.more.size > 1000) this.more.clear();
    this.more.set(name, value);
  }
}

const SMALL = 16;
const closedStages = new StageTable<boolean>();

const stageKeys = new StageTable<string>();

/** Lower-cased, trimmed stage name: the key for stage order and per-stage thresholds. */
export function stageKey(stage: string): string {
  let key = stageKeys.get(stage);
  if (key === undefined) {
    key = stage.trim().toLowerCase();
    stageKeys.set(stage, key);
  }
  return key;
}

/** Precomputes stage positions once per site so rules look a stage up in a Map. */
export function createStagePositions(order: readonly string[]): StagePositions {
  const stageOrder = order.map((stage) => stage.trim().toLowerCase());
  const index = new Map<string, number>();
  for (const stage of stageOrder) {
    if (!isClosedStage(stage) && !index.has(stage)) index.set(stage, index.size);
  }
  // Stage names as the page spells them, looked up once each.
  const seen = new StageTable<number>();
  return {
    stageOrder,
    openStageCount: index.size,
    stageIndex(stage) {
      if (stage === undefined || stage === null) return -1;
      let i = seen.get(stage);
      if (i === undefined) {
        i = index.get(stageKey(stage)) ?? -1;
        seen.set(stage, i);
      }
      return i;
    },
  };
}

export interface DaysInStage {
  days: number;
  /** The day the count starts from. */
  since: Day;
  /**
   * crm: the CRM shows the stage-entered date; crm-rough: only roughly ("2 months ago"), a lower
   * bound; change: we saw the stage change; first-seen: a lower bound.
   */
  source: 'crm' | 'crm-rough' | 'change' | 'first-seen';
}

/** The last stage change into the deal's current stage, if the history has one. */
export function changeIntoStage(deal: Deal, history: readonly ChangeEvent[]): ChangeEvent | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const event = history[i];
    if (event === undefined || event.field !== 'stage') continue;
    // Only a change into the stage the deal is in now says when it got there.
    const stage = deal.stage;
    if (event.to === null || stage === undefined) return undefined;
    if (event.to !== stage && stageKey(event.to) !== stageKey(stage)) return undefined;
    return event;
  }
  return undefined;
}

/** Days in the current stage as a number only (NaN without a stage): the hot path of daysInStage. */
export function stageDays(
  deal: Deal,
  history: readonly ChangeEvent[],
  clock: RadarClock,
  entered?: number,
): number {
  if (deal.stage === undefined) return Number.NaN;
  const crm = entered ?? dayNumber(deal.stageEntered);
  if (!Number.isNaN(crm)) return clock.count(crm, clock.todayNumber);
  const change = changeIntoStage(deal, history);
  return clock.count(
    clock.dayNumberOf(change === undefined ? deal.stageSeenSince : change.at),
    clock.todayNumber,
  );
}

/**
 * How long the deal has been in its stage: the CRM's stage-entered date where it shows one,
 * else the last stage change we saw into this stage, else the first sighting in this stage,
 * which only gives a lower bound ("at least N days").
 */
export function daysInStage(
  deal: Deal,
  history: readonly ChangeEvent[],
  clock: RadarClock,
): DaysInStage | null {
  if (deal.stage === undefined) return null;
  if (deal.stageEntered !== undefined && !Number.isNaN(dayNumber(deal.stageEntered))) {
    const source = deal.rough?.includes('stageEntered') ? 'crm-rough' : 'crm';
    return { days: clock.days(deal.stageEntered, clock.today), since: deal.stageEntered, source };
  }
  const change = changeIntoStage(deal, history);
  const since = clock.dayOf(change === undefined ? deal.stageSeenSince : change.at);
  return {
    days: clock.days(since, clock.today),
    since,
    source: change === undefined ? 'first-seen' : 'change',
  };
}
