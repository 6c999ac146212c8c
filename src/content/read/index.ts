import type { RawDeal } from '../../messages/schemas';
import { findBoards } from './board';
import { makeContext, type ReadOptions } from './context';
import { DIALOG, recordView } from './record';
import { collectRoots, type Root } from './roots';
import { GRID, tableView } from './table';
import type { DealView } from './view';

export type { ReadOptions } from './context';
export type { DealView } from './view';

/**
 * Every deal view under `root`, in this order: lists (tables and grids), boards, records in dialogs,
 * and the page itself as a record when it shows nothing else. Reads by what users see (headers,
 * labels, roles), never by class names. Cheap when there is nothing: a few selector queries.
 */
export function findDealViews(root: Document | ShadowRoot | Element, opts: ReadOptions): DealView[] {
  const ctx = makeContext(opts);
  const roots = collectRoots(root);
  const views: DealView[] = [];

  for (const r of roots) {
    for (const grid of r.querySelectorAll(GRID)) {
      const view = tableView(grid, ctx);
      if (view) views.push(view);
    }
  }

  const lists = views.map((v) => v.container);
  const skip = (el: Element) => el.closest(DIALOG) !== null || lists.some((list) => list.contains(el));
  for (const r of roots) views.push(...findBoards(r, ctx, skip));

  for (const r of roots) {
    for (const dialog of r.querySelectorAll(DIALOG)) {
      if (dialog.getAttribute('aria-hidden') === 'true' || dialog.hasAttribute('hidden')) continue;
      const view = recordView([dialog], dialog, ctx);
      if (view) views.push(view);
    }
  }

  // The page as a record: only on record URLs, and only when it shows no list or board of deals.
  if (views.length === 0 && ctx.page && opts.profile.recordKey(ctx.page) !== null) {
    const view = recordView(roots as Root[], null, ctx);
    if (view) views.push(view);
  }
  return views;
}

/** Every deal a view shows right now (tests and one-off scans). */
export function readAll(view: DealView): RawDeal[] {
  const deals: RawDeal[] = [];
  for (const item of view.items()) {
    const deal = view.read(item);
    if (deal) deals.push(deal);
  }
  return deals;
}
