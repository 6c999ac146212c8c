import type { RawDeal } from '../../messages/schemas';
import type { ReadContext, RecordLink } from './context';
import { readPairs } from './pairs';
import { flagFor, isAmount } from './signals';
import { attrName, chunks, clean, isNoise, labelKey, shownText } from './text';
import { type DealView, MAX_ITEMS } from './view';

/**
 * Boards: stage columns of cards. Cards are found from their record links, not from class names: a
 * card is the largest element around a record link that holds no link to another record; cards
 * sharing a parent form a column's list; the column is the part of the page around the list up to
 * where other lists begin, and its stage is the heading before the list (or the matching cell of a
 * separate header row, as in Twenty).
 */

const MAX_LINKS = 5000;
const HEADING = 'h1,h2,h3,h4,h5,h6,[role=heading]';

interface Link {
  a: Element;
  info: RecordLink;
}

interface Shared {
  id: unknown;
  multi: boolean;
}

/**
 * For every ancestor (below `stop`) of the given elements: does it hold more than one distinct id?
 * Once an ancestor holds two, all above it do too, so the climb stops there.
 */
function markShared(items: { from: Element; id: unknown }[], stop: Node): Map<Element, Shared> {
  const seen = new Map<Element, Shared>();
  for (const { from, id } of items) {
    for (let el: Element | null = from; el && el !== stop; el = el.parentElement) {
      const s = seen.get(el);
      if (!s) seen.set(el, { id, multi: false });
      else if (s.multi) break;
      else if (s.id !== id) s.multi = true;
    }
  }
  return seen;
}

/**
 * The `a[href]` under `scope` in document order, leaving out those inside `lists` (lists already
 * read): the page is queried around them, so the links of a 10,000-row list are never listed.
 */
function linksOutside(scope: ParentNode & Node, lists: readonly Element[]): Element[] {
  const inside = lists.filter((list) => list !== scope && scope.contains(list));
  if (inside.length === 0) return [...scope.querySelectorAll('a[href]')];
  const skip = new Set<Node>(inside);
  // Ancestors of the lists below `scope`: walked into; every other subtree is queried whole.
  const path = new Set<Node>();
  for (const list of inside) {
    for (let n = list.parentNode; n && n !== scope && !path.has(n); n = n.parentNode) path.add(n);
  }
  const out: Element[] = [];
  const visit = (node: ParentNode) => {
    for (let child = node.firstElementChild; child; child = child.nextElementSibling) {
      if (skip.has(child)) continue;
      if (child.matches('a[href]')) out.push(child);
      if (path.has(child)) visit(child);
      else for (const a of child.querySelectorAll('a[href]')) out.push(a);
    }
  };
  visit(scope);
  return out;
}

/** Record links under `scope` (of one shape, if given) that `skip` does not reject. */
function recordLinks(
  scope: ParentNode & Node,
  ctx: ReadContext,
  skip: (el: Element) => boolean,
  shape?: string,
  lists: readonly Element[] = [],
): Link[] {
  const out: Link[] = [];
  for (const a of linksOutside(scope, lists)) {
    if (out.length >= MAX_LINKS) break;
    const info = ctx.link(a.getAttribute('href') ?? '');
    if (info?.record && (shape === undefined || info.shape === shape) && !skip(a)) out.push({ a, info });
  }
  return out;
}

function ancestorAt(el: Element, up: number): Element | null {
  let out: Element | null = el;
  for (let i = 0; out && i < up; i++) out = out.parentElement;
  return out;
}

interface Cards {
  cards: Map<Element, Link>;
  /** Per link shape: how many levels a card sits above its link. */
  depth: Map<string, number>;
}

/**
 * Cards by link shape (`/deal/:`, `/person/:`). A card is the largest element around a link that
 * holds no other record of its shape; that overshoots for a column holding one card (the whole
 * column holds one record), so cards take the depth that cards sharing a list agree on. Where cards
 * of two shapes are the same element (a deal card linking its contact), the link that comes first wins.
 */
function findCards(links: Link[], stop: Node): Cards {
  const byShape = new Map<string, Link[]>();
  for (const link of links) {
    const group = byShape.get(link.info.shape);
    if (group) group.push(link);
    else byShape.set(link.info.shape, [link]);
  }
  const cards = new Map<Element, Link>();
  const depth = new Map<string, number>();
  for (const [shape, group] of byShape) {
    const shared = markShared(
      group.map((l) => ({ from: l.a, id: l.info.key })),
      stop,
    );
    const climbs = group.map((link) => {
      let card: Element = link.a;
      let up = 0;
      for (
        let el = link.a.parentElement;
        el && el !== stop && !shared.get(el)?.multi;
        el = el.parentElement
      ) {
        card = el;
        up++;
      }
      return { link, card, up };
    });
    const perList = new Map<Element | null, Set<Element>>();
    for (const c of climbs)
      perList.set(c.card.parentElement, (perList.get(c.card.parentElement) ?? new Set()).add(c.card));
    const votes = new Map<number, number>();
    for (const c of climbs)
      if ((perList.get(c.card.parentElement)?.size ?? 0) > 1) votes.set(c.up, (votes.get(c.up) ?? 0) + 1);
    // With one deal per column the climb reaches the columns, which then look like a list of cards:
    // what marks a card for assistive tech and drag-and-drop libraries settles it.
    const typical = hintedDepth(climbs) ?? [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (typical === undefined) continue;
    depth.set(shape, typical);
    for (const { link, up } of climbs) {
      const card = up > typical ? ancestorAt(link.a, typical) : ancestorAt(link.a, up);
      if (!card?.parentElement) continue;
      const had = cards.get(card);
      // DOCUMENT_POSITION_PRECEDING = 2: the new link comes before the one already kept.
      if (!had || had.a.compareDocumentPosition(link.a) & 2) cards.set(card, link);
    }
  }
  return { cards, depth };
}

const CARD_HINT =
  '[role=listitem],li,article,[draggable=true],[data-rfd-draggable-id],[data-rbd-draggable-id]';

function hintedDepth(climbs: { link: Link; card: Element; up: number }[]): number | undefined {
  let depth: number | undefined;
  for (const { link, card, up } of climbs) {
    const hint = link.a.closest(CARD_HINT);
    if (!hint || hint === card || !card.contains(hint)) return undefined;
    let d = 0;
    for (let el: Element | null = link.a; el && el !== hint; el = el.parentElement) d++;
    if (d >= up || (depth !== undefined && d !== depth)) return undefined;
    depth = d;
  }
  return depth;
}

/**
 * How much of a header's end the patterns below look at. A count or sum after a stage name is
 * short, and on long text these patterns backtrack: a page's 2,000-character header of digits
 * took seconds on the whole of it.
 */
const STAGE_TAIL = 48;

/** Strip a count or sum after the stage name: "Qualified (3)", "Proposal · $12,000 · 3 deals". */
export function cleanStage(text: string): string {
  let s = clean(text);
  for (let i = 0; i < 4; i++) {
    const before = s;
    const cut = Math.max(0, s.length - STAGE_TAIL);
    const tail = s
      .slice(cut)
      .replace(/\s*\(\s*\d[\d\s.,]*\s*(deals?|opportunit(y|ies)|records?|items?|cards?)?\)$/i, '')
      .replace(/\s*[·•|,–—-]?\s*\d[\d\s.,]*\s*(deals?|opportunit(y|ies)|records?|items?|cards?)$/i, '')
      .replace(/\s*[·•|,–—-]\s*\d[\d\s.,]*$/, '')
      .replace(/\s*[·•|–—-]?\s*(\S*\d\S*)$/, (m, last: string) => (isAmount(last) ? '' : m))
      .replace(/\s*[·•|–—-]$/, '');
    s = cut === 0 ? tail : s.slice(0, cut) + tail;
    if (s === before) break;
  }
  return s;
}

/**
 * A column's stage from its header: the heading inside, else the header's first piece of text.
 * Text inside buttons counts only when asked ("+ Add stage" is a button, not a stage).
 */
function stageName(header: Element, buttons = false): string {
  const heading = header.matches(HEADING) ? header : header.querySelector(HEADING);
  const source = heading ?? header;
  let parts = chunks(source, false, 20).filter((c) => !isNoise(labelKey(c)));
  if (parts.length === 0 && buttons) parts = chunks(source, true, 20).filter((c) => !isNoise(labelKey(c)));
  return cleanStage((heading ? parts.join(' ') : parts[0]) ?? '');
}

/** Every element that is or holds a card, up to `stop`. */
function cardHolders(cards: Map<Element, Link>, stop: Node): Set<Element> {
  const out = new Set<Element>();
  for (const card of cards.keys()) {
    for (let el: Element | null = card; el && el !== stop && !out.has(el); el = el.parentElement) out.add(el);
  }
  return out;
}

/** The stage named by the nearest element before `el` (at most 3 back) that holds no cards. */
function headerBefore(el: Element, holders: Set<Element>): string {
  let s = el.previousElementSibling;
  for (let i = 0; s && i < 3; i++, s = s.previousElementSibling) {
    if (holders.has(s)) return '';
    const stage = stageName(s, true);
    if (stage) return stage;
  }
  return '';
}

interface Column {
  el: Element;
  stage: string;
}

/** The column around a list of cards and its stage (empty when it has no header of its own). */
function locateColumn(list: Element, holders: Set<Element>, lists: Map<Element, Shared>, stop: Node): Column {
  for (const child of list.children) {
    if (holders.has(child)) break;
    const stage = stageName(child);
    if (stage) return { el: list, stage };
  }
  let cur = list;
  for (let depth = 0; depth < 6; depth++) {
    const parent = cur.parentElement;
    if (!parent || parent === stop || lists.get(parent)?.multi) break;
    const stage = headerBefore(cur, holders);
    if (stage) return { el: parent, stage };
    cur = parent;
  }
  return { el: cur, stage: cleanStage(attrName(cur) || attrName(list)) };
}

/** A header row apart from the columns (Twenty): same number of cells as the board has columns. */
function headerRow(board: Element, holders: Set<Element>, stop: Node): Element | null {
  let el: Element | null = board;
  for (let depth = 0; el && el !== stop && depth < 3; depth++, el = el.parentElement) {
    const s = el.previousElementSibling;
    if (
      s &&
      s.childElementCount === board.childElementCount &&
      !holders.has(s) &&
      clean(s.textContent ?? '')
    ) {
      return s;
    }
  }
  return null;
}

/**
 * Board views under `scope`. `skip` leaves out links already read as list rows or in dialogs;
 * `listed` are those lists, which the search for links steps around.
 */
export function findBoards(
  scope: ParentNode & Node,
  ctx: ReadContext,
  skip: (el: Element) => boolean,
  listed: readonly Element[] = [],
): DealView[] {
  const links = recordLinks(scope, ctx, skip, undefined, listed);
  if (links.length < 2) return [];
  const { cards, depth } = findCards(links, scope);
  if (cards.size < 2) return [];

  const holders = cardHolders(cards, scope);
  const byList = new Set<Element>();
  for (const card of cards.keys()) if (card.parentElement) byList.add(card.parentElement);
  const lists = markShared(
    [...byList].map((l) => ({ from: l, id: l })),
    scope,
  );
  const byBoard = new Map<Element, Map<Element, Column>>();
  const used = new Map<Element, number>();
  for (const list of byList) {
    const column = locateColumn(list, holders, lists, scope);
    const board = column.el.parentElement;
    if (!board || column.el === scope) continue;
    used.set(column.el, (used.get(column.el) ?? 0) + 1);
    const columns = byBoard.get(board) ?? new Map<Element, Column>();
    columns.set(column.el, column);
    byBoard.set(board, columns);
  }

  const views: DealView[] = [];
  for (const [board, columns] of byBoard) {
    // Two lists in one column: the page is not laid out as a board after all.
    if ([...columns.keys()].some((el) => (used.get(el) ?? 0) > 1)) continue;
    const view = boardView(board, columns, cards, holders, depth, ctx, skip, scope, listed);
    if (view) views.push(view);
  }
  return views;
}

function boardView(
  board: Element,
  known: Map<Element, Column>,
  cards: Map<Element, Link>,
  holders: Set<Element>,
  depth: Map<string, number>,
  ctx: ReadContext,
  skip: (el: Element) => boolean,
  stop: Node,
  listed: readonly Element[],
): DealView | null {
  const tags = new Set([...known.keys()].map((el) => el.tagName));
  const needRow = [...known.values()].some((c) => !c.stage);
  const row = needRow ? headerRow(board, holders, stop) : null;
  const stages = new Map<Element, string>();
  const stageOrder: string[] = [];
  [...board.children].forEach((child, i) => {
    const column = known.get(child);
    let stage = column?.stage ?? '';
    // Empty columns (no cards) still name a stage, when they look like the others.
    if (!column && tags.has(child.tagName) && !row) stage = stageName(child);
    const cell = row?.children[i];
    if (!stage && cell) stage = stageName(cell, true);
    if (!stage) return;
    stages.set(child, stage);
    stageOrder.push(stage);
  });
  if (stageOrder.length < 2 || [...known.keys()].some((el) => !stages.has(el))) return null;

  // Cards of a board share one kind of record link.
  const shapes = new Map<string, number>();
  for (const [card, link] of cards) {
    if (board.contains(card)) shapes.set(link.info.shape, (shapes.get(link.info.shape) ?? 0) + 1);
  }
  const shape = [...shapes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  const up = depth.get(shape) ?? 0;

  const columnOf = (card: Element): Element | null => {
    let el: Element | null = card;
    while (el && el.parentElement !== board) el = el.parentElement;
    return el;
  };

  const items = (): Element[] => {
    const out = new Set<Element>();
    for (const { a } of recordLinks(board, ctx, skip, shape, listed)) {
      const card = ancestorAt(a, up);
      if (card && card !== board && board.contains(card)) out.add(card);
      if (out.size >= MAX_ITEMS) break;
    }
    return [...out];
  };

  const titleLink = (card: Element): { a: Element; info: RecordLink } | null => {
    const candidates = card.matches('a[href]') ? [card] : card.querySelectorAll('a[href]');
    for (const a of candidates) {
      const info = ctx.link(a.getAttribute('href') ?? '');
      if (info?.record && info.shape === shape) return { a, info };
    }
    return null;
  };

  const read = (card: Element): RawDeal | null => {
    const link = titleLink(card);
    if (!link) return null;
    const heading = card.querySelector(HEADING);
    const name = shownText(link.a) || attrName(link.a) || (heading ? shownText(heading) : '');
    if (!name) return null;
    const column = columnOf(card);
    const stage = column ? (stages.get(column) ?? '') : '';
    const fields: RawDeal['fields'] = { name };
    if (stage) fields.stage = stage;
    const pairs = readPairs(card, ctx);
    for (const [field, value] of Object.entries(pairs) as [keyof RawDeal['fields'], string][]) {
      if (fields[field] === undefined) fields[field] = value;
    }
    const flags = readIcons(card, ctx, fields);
    if (fields.amount === undefined) {
      const amount = chunks(card).find((c) => isAmount(c));
      if (amount) fields.amount = amount;
    }
    if (fields.contacts === undefined) {
      const people: string[] = [];
      for (const a of card.querySelectorAll('a[href]')) {
        // Links to people, not to this kind of record (HubSpot deal paths start with /contacts/ too).
        const info = ctx.link(a.getAttribute('href') ?? '');
        const person = info && info.shape !== shape && /\/(person|people|contacts?)(\/|$)/i.test(info.shape);
        const text = person ? shownText(a) : '';
        if (text) people.push(text);
      }
      if (people.length > 0) fields.contacts = clean(people.join(', '));
    }
    const deal: RawDeal = { key: link.info.key, fields };
    if (link.info.url) deal.url = link.info.url;
    if (flags.length > 0) deal.flags = flags;
    return deal;
  };

  const view: DealView = {
    kind: 'board',
    container: board,
    items,
    read,
    anchor: (card) => titleLink(card)?.a ?? card,
    stageOrder,
  };
  // Deal boards show more than titles: at least one card must carry a value, owner, label or icon.
  const sample = items().slice(0, 50);
  return sample.some((card) =>
    Object.keys(read(card)?.fields ?? {}).some((f) => f !== 'name' && f !== 'stage'),
  )
    ? view
    : null;
}

/**
 * Icons and avatars on a card, by their accessible names: activity flags, "Owner: Jane" style
 * labels, and an unlabelled avatar as the owner.
 */
function readIcons(
  card: Element,
  ctx: ReadContext,
  fields: RawDeal['fields'],
): NonNullable<RawDeal['flags']> {
  const flags = new Set<NonNullable<RawDeal['flags']>[number]>();
  let seen = 0;
  for (const el of card.querySelectorAll('[aria-label],[title],img[alt]')) {
    if (++seen > 50) break;
    if (el.tagName === 'A') continue;
    const name = attrName(el);
    if (!name) continue;
    const flag = flagFor(name);
    if (flag) {
      flags.add(flag);
      continue;
    }
    const colon = name.indexOf(':');
    const hit = colon > 0 ? ctx.aliases.match(name.slice(0, colon)) : null;
    if (hit && hit.stage === undefined) {
      if (fields[hit.field] === undefined) fields[hit.field] = clean(name.slice(colon + 1));
    } else if ((el.tagName === 'IMG' || el.getAttribute('role') === 'img') && fields.owner === undefined) {
      fields.owner = name;
    }
  }
  return [...flags].slice(0, 8);
}
