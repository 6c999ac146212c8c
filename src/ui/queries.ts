import type { Deal, Warning } from '../radar/model';
import type { RadarDB } from '../store/db';
import { isShowing } from '../radar/lifecycle';
import type { TabRecord } from '../store/records';

export interface DealGroup {
  deal: Deal;
  warnings: Warning[];
  /** Highest warning score: the group's rank. */
  score: number;
}

export interface PageView {
  tab: TabRecord | undefined;
  groups: DealGroup[];
  /** Pipeline warnings of the tab's site (causes across deals). */
  pipeline: Warning[];
}

/** Groups warnings by deal, ranked by their best score, ties by deal name. */
export function groupByDeal(warnings: Warning[], deals: Map<string, Deal>): DealGroup[] {
  const groups = new Map<string, DealGroup>();
  for (const w of warnings) {
    if (!w.dealId) continue;
    const deal = deals.get(w.dealId);
    if (!deal) continue;
    const group = groups.get(w.dealId) ?? { deal, warnings: [], score: 0 };
    group.warnings.push(w);
    group.score = Math.max(group.score, w.score);
    groups.set(w.dealId, group);
  }
  const sorted = [...groups.values()];
  for (const g of sorted) g.warnings.sort((a, b) => b.score - a.score || a.ruleId.localeCompare(b.ruleId));
  return sorted.sort((a, b) => b.score - a.score || a.deal.name.localeCompare(b.deal.name));
}

/** What the popup shows for one tab: the warnings of the deals on that page. */
export async function loadPageView(db: RadarDB, tabId: number, now: number): Promise<PageView> {
  const tab = await db.tabs.get(tabId);
  if (!tab) return { tab, groups: [], pipeline: [] };
  const [warnings, deals, siteWarnings] = await Promise.all([
    db.warnings.where('dealId').anyOf(tab.dealIds).toArray(),
    db.deals.bulkGet(tab.dealIds),
    db.warnings.where('site').equals(tab.site).filter((w) => w.dealId === null).toArray(),
  ]);
  const dealMap = new Map<string, Deal>();
  for (const d of deals) if (d) dealMap.set(d.id, d);
  return {
    tab,
    groups: groupByDeal(warnings.filter((w) => isShowing(w, now)), dealMap),
    pipeline: siteWarnings.filter((w) => isShowing(w, now)).sort((a, b) => b.score - a.score),
  };
}
