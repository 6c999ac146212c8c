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
    // A site has a handful of stage names; the bound only guards against odd input.
    if (closedStages.size > 1000) closedStages.clear();
    closedStages.set(stage, closed);
  }
  return !closed;
}

const closedStages = new Map<string, boolean>();

/** Lower-cased, trimmed stage name: the key for stage order and per-stage thresholds. */
export function stageKey(stage: string): string {
  return stage.trim().toLowerCase();
}

/** Precomputes stage positions once per site so rules look a stage up in a Map. */
export function createStagePositions(order: readonly string[]): StagePositions {
  const stageOrder = order.map(stageKey);
  const index = new Map<string, number>();
  for (const stage of stageOrder) {
    if (!isClosedStage(stage) && !index.has(stage)) index.set(stage, index.size);
  }
  return {
    stageOrder,
    openStageCount: index.size,
    stageIndex(stage) {
      if (stage === undefined || stage === null) return -1;
      return index.get(stage) ?? index.get(stageKey(stage)) ?? -1;
    },
  };
}

export interface DaysInStage {
  days: number;
  /** The day the count starts from. */
  since: Day;
  /** crm: the CRM shows the stage-entered date; change: we saw the stage change; first-seen: a lower bound. */
  source: 'crm' | 'change' | 'first-seen';
}

/**
 * How long the deal has been in its stage: the CRM's stage-entered date where it shows one,
 * else the last stage change we saw into this stage, else the first sighting in this stage,
 * which only gives a lower bound ("at least N days").
 */
export function daysInStage(deal: Deal, history: readonly ChangeEvent[], clock: RadarClock): DaysInStage | null {
  if (deal.stage === undefined) return null;
  if (deal.stageEntered !== undefined && !Number.isNaN(dayNumber(deal.stageEntered))) {
    return { days: clock.days(deal.stageEntered, clock.today), since: deal.stageEntered, source: 'crm' };
  }
  for (let i = history.length - 1; i >= 0; i--) {
    const event = history[i];
    if (event === undefined || event.field !== 'stage') continue;
    // Only a change into the stage the deal is in now says when it got there.
    if (event.to === null || stageKey(event.to) !== stageKey(deal.stage)) break;
    const since = clock.dayOf(event.at);
    return { days: clock.days(since, clock.today), since, source: 'change' };
  }
  const since = clock.dayOf(deal.stageSeenSince);
  return { days: clock.days(since, clock.today), since, source: 'first-seen' };
}
