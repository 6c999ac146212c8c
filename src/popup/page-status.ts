import type { TabRecord } from '../store/records';
import { formatCount } from '../ui/format';
import { t } from '../ui/i18n';

/**
 * The one line that says what was watched on this page. While the page is still being read it
 * says so, with the rows so far, rather than passing a partial count off as the answer.
 */
export function pageStatus(tab: TabRecord | undefined, needAttention: number): string {
  if (!tab) return t('pageNotWatched');
  if (!tab.done) return t('pageReading', [formatCount(tab.seen)]);
  const deals = tab.dealIds.length;
  if (needAttention === 0) return t(deals === 1 ? 'pageAllClearOne' : 'pageAllClear', [formatCount(deals)]);
  return t('pageNeedAttention', [formatCount(needAttention), formatCount(deals)]);
}

/** Rows read on the page that could not be understood as deals (null when none). */
export function unreadableNote(tab: TabRecord | undefined): string | null {
  if (!tab || tab.unreadable <= 0) return null;
  return t(tab.unreadable === 1 ? 'pageUnreadableOne' : 'pageUnreadable', [formatCount(tab.unreadable)]);
}

/** Where a page is, for the dashboard's "This page" (host and path; never a link). */
export function pageLabel(pageUrl: string): string {
  try {
    const url = new URL(pageUrl);
    return `${url.host}${url.pathname}${url.search}`;
  } catch {
    return pageUrl;
  }
}
