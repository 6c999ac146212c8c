import { browser } from '../platform/browser';
import type { RadarDB } from '../store/db';
import { warningsOfDeals } from '../store/ingest';
import { isShowing } from '../radar/lifecycle';

const COLORS = { critical: '#b91c1c', warn: '#b45309', reading: '#475569' } as const;

/** What the badge of one tab says. */
export interface BadgeState {
  text: string;
  color: string;
  title: string;
}

/** Deals needing attention on a tab, coloured by the highest severity; progress while the page is read. */
export async function badgeFor(db: RadarDB, tabId: number, now: number): Promise<BadgeState | null> {
  const tab = await db.tabs.get(tabId);
  if (!tab) return null;
  // While the page is read the badge shows progress, which needs no warning: it is asked after
  // every batch, and reading a 10,000-row page's warnings each time cost seconds.
  if (!tab.done) {
    return { text: '…', color: COLORS.reading, title: browser.i18n.getMessage('badgeReading', [String(tab.seen)]) };
  }
  const warnings = await warningsOfDeals(db, tab.site, tab.dealIds);
  const deals = new Set<string>();
  let critical = false;
  for (const w of warnings) {
    if (!isShowing(w, now) || !w.dealId) continue;
    deals.add(w.dealId);
    if (w.severity === 'critical') critical = true;
  }
  if (deals.size === 0) return { text: '', color: COLORS.warn, title: browser.i18n.getMessage('badgeNone', [String(tab.dealIds.length)]) };
  return {
    text: String(deals.size),
    color: critical ? COLORS.critical : COLORS.warn,
    title: browser.i18n.getMessage('badgeCount', [String(deals.size)]),
  };
}

export async function updateBadge(db: RadarDB, tabId: number, now = Date.now()): Promise<void> {
  const state = await badgeFor(db, tabId, now);
  try {
    await browser.action.setBadgeText({ tabId, text: state?.text ?? '' });
    if (state) {
      await browser.action.setBadgeBackgroundColor({ tabId, color: state.color });
      await browser.action.setTitle({ tabId, title: state.title });
    }
  } catch {
    // The tab closed while we were counting: nothing to update.
  }
}

export async function updateAllBadges(db: RadarDB, now = Date.now()): Promise<void> {
  const tabs = await db.tabs.toArray();
  await Promise.all(tabs.map((t) => updateBadge(db, t.tabId, now)));
}

/**
 * Takes the badge and markers of these tabs away (the data they showed was deleted, or may no
 * longer be shown). `stop`: their content scripts stop reading too (access to the site withdrawn,
 * or its CRM switched off).
 */
export async function blankTabs(tabIds: number[], stop = false): Promise<void> {
  const title = browser.i18n.getMessage('extName') || 'Deal Radar';
  for (const tabId of tabIds) {
    try {
      await browser.action.setBadgeText({ tabId, text: '' });
      await browser.action.setTitle({ tabId, title });
    } catch {
      // The tab is gone.
    }
    const message = stop ? { type: 'bg:marks', marks: [], stop: true } : { type: 'bg:marks', marks: [] };
    await browser.tabs.sendMessage(tabId, message).catch(() => undefined);
  }
}
