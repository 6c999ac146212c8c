import type { RawDeal } from '../../messages/schemas';
import { hasRecordId } from '../../sites/url-key';
import { findBoards } from './board';
import { makeContext, type ReadOptions } from './context';
import { DIALOG, GRID, RECORD_MARKUP } from './markup';
import { recordView } from './record';
import { collectRoots, type Root } from './roots';
import { tableView } from './table';
import type { DealView } from './view';

export type { ReadOptions } from './context';
export type { DealView, Settled } from './view';

/** Roles of the elements `GRID` and `DIALOG` find by role. */
const ROLES = new Set(['grid', 'treegrid', 'table', 'dialog']);
const BY_ROLE = '[role=grid],[role=treegrid],[role=table],[role=dialog]';
const FOLLOWING = 4;
/** Dialogs read per page: a page shows one or two at a time. */
const MAX_DIALOGS = 10;

/** Merges lists that are each in document order into one, without repeats. */
function inOrder(lists: Element[][]): Element[] {
  const parts = lists.filter((l) => l.length > 0);
  if (parts.length <= 1) return parts[0] ?? [];
  const out: Element[] = [];
  const at = parts.map(() => 0);
  for (;;) {
    let first: Element | undefined;
    parts.forEach((part, i) => {
      const el = part[at[i] ?? 0];
      if (el && (!first || el.compareDocumentPosition(first) & FOLLOWING)) first = el;
    });
    if (!first) return out;
    out.push(first);
    parts.forEach((part, i) => {
      if (part[at[i] ?? 0] === first) at[i] = (at[i] ?? 0) + 1;
    });
  }
}

/**
 * Tables, grids, frames and dialogs under a root, in document order. Tag names are looked up in
 * the document's own tag index; roles with one `[role]` query filtered here, which costs a third of
 * a query for the four roles when few elements have one.
 */
function landmarks(r: Root): Element[] {
  const tag = (name: string): Element[] =>
    'getElementsByTagName' in r ? [...r.getElementsByTagName(name)] : [...r.querySelectorAll(name)];
  const withRole = r.querySelectorAll('[role]');
  const roles: Element[] = [];
  if (withRole.length <= 2000) {
    for (const el of withRole) if (ROLES.has(el.getAttribute('role') ?? '')) roles.push(el);
  } else roles.push(...r.querySelectorAll(BY_ROLE));
  return inOrder([tag('table'), tag('iframe'), tag('dialog'), roles]);
}


/**
 * Every deal view under `root`, in this order: lists (tables and grids), boards, records in dialogs,
 * and the page itself as a record when it shows nothing else. Reads by what users see (headers,
 * labels, roles), never by class names. Cheap when there is nothing: a few selector queries, and
 * nothing that grows with the page unless it shows a table, a grid, record links or a record.
 */
export function findDealViews(root: Document | ShadowRoot | Element, opts: ReadOptions): DealView[] {
  const ctx = makeContext(opts);
  const views: DealView[] = [];
  const dialogs: Element[] = [];
  const roots = collectRoots(root, (r) => {
    const lists: Element[] = [];
    const frames: Element[] = [];
    for (const el of landmarks(r)) {
      if (el.tagName === 'IFRAME') {
        frames.push(el);
        continue;
      }
      if (el.matches(DIALOG)) dialogs.push(el);
      const view = el.matches(GRID) ? tableView(el, ctx) : null;
      if (view) {
        views.push(view);
        lists.push(el);
      }
    }
    // A list's rows hold no other views: the search for shadow roots steps around them.
    return { skip: lists, frames };
  });

  const lists = views.map((v) => v.container);
  const skip = (el: Element) => el.closest(DIALOG) !== null || lists.some((list) => list.contains(el));
  for (const r of roots) views.push(...findBoards(r, ctx, skip, lists));

  // The outermost dialogs, a few at most: reading one walks its text, which holds the text of
  // every dialog inside it (a page nesting hundreds of them would be read hundreds of times).
  let dialogsRead = 0;
  for (const dialog of dialogs) {
    if (dialog.getAttribute('aria-hidden') === 'true' || dialog.hasAttribute('hidden')) continue;
    if (dialog.parentElement?.closest(DIALOG) || dialogsRead++ >= MAX_DIALOGS) continue;
    const view = recordView([dialog], dialog, ctx);
    if (view) views.push(view);
  }

  // The page as a record: only on record URLs, and only when it shows no list or board of deals.
  if (
    views.length === 0 &&
    ctx.page &&
    opts.profile.recordKey(ctx.page) !== null &&
    mayBeRecord(ctx.page, roots)
  ) {
    const view = recordView(roots, null, ctx);
    if (view) views.push(view);
  }
  return views;
}

/**
 * Worth looking for label/value pairs (a walk over the page's text)? When the URL names a record by
 * an id, or the page has markup that pairs labels with values. The generic profile keys every URL,
 * so a blog post on a CRM's host would otherwise be searched for deal fields on every change.
 */
function mayBeRecord(page: URL, roots: Root[]): boolean {
  return hasRecordId(page) || roots.some((r) => r.querySelector(RECORD_MARKUP) !== null);
}

/** Every deal a view shows right now (tests and one-off scans). */
export function readAll(view: DealView): RawDeal[] {
  const deals: RawDeal[] = [];
  const from: Element[] = [];
  for (const item of view.items()) {
    const deal = view.read(item);
    if (deal) {
      deals.push(deal);
      from.push(item);
    }
  }
  const again = view.settle?.() ?? [];
  if (again.length === 0) return deals;
  // Rows whose keys depended on rows read after them: deals read here take their new keys, rows
  // not among them are read again.
  const changed = new Map(again.map((s) => [s.item, s.key]));
  const out = deals.map((deal, i) => {
    const item = from[i] as Element;
    const key = changed.get(item);
    if (key === undefined) return deal;
    changed.delete(item);
    return { ...deal, key };
  });
  for (const item of changed.keys()) {
    const deal = view.read(item);
    if (deal) out.push(deal);
  }
  return out;
}
