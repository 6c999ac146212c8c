import { dayOf } from '../radar/days';
import type { Deal } from '../radar/model';
import type { RadarDB } from '../store/db';
import { WEEK_MS, type WeeklyReview, weeklyReview } from './weekly';

/** Reads what the weekly review needs: the week's change events, every deal and warning, stage orders. */
export async function loadWeekly(db: RadarDB, now = Date.now()): Promise<WeeklyReview> {
  const [events, deals, warnings, sites] = await Promise.all([
    db.events
      .where('at')
      .aboveOrEqual(now - WEEK_MS)
      .toArray(),
    db.deals.toArray(),
    db.warnings.toArray(),
    db.sites.toArray(),
  ]);
  return weeklyReview({
    now,
    today: dayOf(now),
    events,
    deals: new Map<string, Deal>(deals.map((d) => [d.id, d])),
    warnings,
    stageOrders: new Map(sites.map((s) => [s.site, s.stageOrder])),
  });
}
