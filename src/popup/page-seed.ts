import { summaryView, type PageView } from '../store/page-view';
import type { PageSummary, TabRecord } from '../store/records';
import type { Boot } from './boot';

/** The first view as the boot script read it (src/popup/boot.ts), and the revision it read. */
export interface PageSeed {
  view: PageView;
  revision: string;
}

/**
 * The first page of "This page" from the boot script's read: from the stored summary when it
 * holds, or "not watched" when the tab has no record. Null when the view must read.
 */
export function seedFromBoot(boot: Boot | null, tabId: number | undefined, limit: number, now: number): PageSeed | null {
  const read = boot?.read;
  if (!read || tabId === undefined || read.tabId !== tabId) return null;
  const tab = read.tab as TabRecord | undefined;
  if (tab === undefined) {
    return { view: { tab, groups: [], total: 0, pipeline: [], hidden: 0, source: 'read' }, revision: read.revision };
  }
  const view = summaryView(tab, read.summary as PageSummary | undefined, read.revision, limit, now);
  return view && { view, revision: read.revision };
}
