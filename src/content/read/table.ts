import type { RawDeal } from '../../messages/schemas';
import type { FieldName } from '../../sites/fields';
import { isAccountHeader, matchHeader, saysOpen } from './aliases';
import { GRID } from './markup';
import type { ReadContext, RecordLink } from './context';
import { Namesakes } from './namesakes';
import { cellValue, chainText, labelKey, shownText } from './text';
import { type DealView, MAX_ITEMS } from './view';

const ARIA_CELL = '[role=columnheader],[role=gridcell],[role=cell],[role=rowheader]';
const HEADER_TRIES = 5;
const SPANNING = '[colspan],[aria-colindex],[aria-colspan]';

interface Column {
  pos: number;
  field: FieldName;
  rank: number;
}

interface StageColumn {
  pos: number;
  stage: string;
}

/** The grid's own rows (a few more than `limit`): never those of a table or grid nested in a cell. */
function rowsOf(grid: Element, limit: number): Element[] {
  const rows: Element[] = [];
  if (grid.tagName === 'TABLE') {
    for (let child = grid.firstElementChild; child; child = child.nextElementSibling) {
      if (rows.length > limit) break;
      const tag = child.tagName;
      if (tag === 'TR') rows.push(child);
      // TFOOT holds totals and "add record" rows, never deals.
      else if (tag === 'THEAD' || tag === 'TBODY') {
        for (let row = child.firstElementChild; row; row = row.nextElementSibling) {
          if (row.tagName === 'TR') rows.push(row);
          if (rows.length > limit) return rows;
        }
      }
    }
    return rows;
  }
  // Rows share a few parents (row groups): which grid owns them is asked once per parent.
  const owned = new Map<Element, boolean>();
  for (const row of grid.querySelectorAll('[role=row]')) {
    const parent = row.parentElement;
    if (parent) {
      let mine = owned.get(parent);
      if (mine === undefined) {
        mine = parent.closest(GRID) === grid;
        owned.set(parent, mine);
      }
      if (mine) rows.push(row);
    }
    if (rows.length > limit) break;
  }
  return rows;
}

/** The row's own cells, into `cells` (a scratch list on the hot path: no list per row). */
function cellsOf(row: Element, cells: Element[] = []): Element[] {
  cells.length = 0;
  if (row.tagName === 'TR') {
    for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling) {
      const tag = cell.tagName;
      if (tag === 'TD' || tag === 'TH') cells.push(cell);
    }
    return cells;
  }
  const isRow = row.matches('[role=row]');
  for (const cell of row.querySelectorAll(ARIA_CELL)) {
    const parent = cell.parentElement;
    if ((isRow && parent === row) || parent?.closest('[role=row]') === row) cells.push(cell);
  }
  return cells;
}

/**
 * Column position of each cell: `aria-colindex` where given (grids that render only the columns in
 * view), else counted from the previous cell, with colspan.
 */
function positions(cells: Element[]): number[] {
  const out: number[] = [];
  let next = 1;
  for (const cell of cells) {
    const given = Number.parseInt(cell.getAttribute('aria-colindex') ?? '', 10);
    const pos = given > 0 ? given : next;
    const span = Number.parseInt(
      cell.getAttribute('colspan') ?? cell.getAttribute('aria-colspan') ?? '1',
      10,
    );
    next = pos + (span > 1 && span < 1000 ? span : 1);
    out.push(pos);
  }
  return out;
}

/**
 * Positions of a row's cells, or null when each cell is simply the next column: nothing in the
 * row has a colspan or aria-colindex (the common case, told by one selector query).
 */
function layout(row: Element, cells: Element[]): number[] | null {
  return row.querySelector(SPANNING) ? positions(cells) : null;
}

function cellAt(cells: Element[], pos: number[] | null, want: number): Element | undefined {
  return pos ? cells[pos.indexOf(want)] : want > 0 ? cells[want - 1] : undefined;
}

function isHeaderCell(cell: Element): boolean {
  return cell.tagName === 'TH' || cell.getAttribute('role') === 'columnheader';
}

function isHeaderRow(row: Element, cells: Element[]): boolean {
  return row.parentElement?.tagName === 'THEAD' || (cells.length > 0 && cells.every(isHeaderCell));
}

interface Header {
  row: Element;
  columns: Column[];
  stageColumns: StageColumn[];
  /** Positions of the columns that tell apart rows of one name: account, contacts, owner (those shown). */
  telling: number[];
}

/** Map a row's cells to fields; each field keeps its best-ranked column. */
function mapHeader(row: Element, ctx: ReadContext): Header | null {
  const cells = cellsOf(row);
  const pos = positions(cells);
  const best = new Map<FieldName, Column>();
  const stageColumns: StageColumn[] = [];
  const unmatched: number[] = [];
  cells.forEach((cell, i) => {
    const hit = matchHeader(cell, ctx.aliases);
    const p = pos[i] ?? 0;
    if (!hit) {
      unmatched.push(i);
      return;
    }
    if (hit.stage !== undefined) {
      stageColumns.push({ pos: p, stage: hit.stage });
      return;
    }
    const had = best.get(hit.field);
    if (!had || hit.rank < had.rank) best.set(hit.field, { pos: p, field: hit.field, rank: hit.rank });
  });
  if (!best.has('name') || best.size < 2) return null;
  // Only a header of deals is looked at again for the account column.
  const at = unmatched.find((i) => isAccountHeader(cells[i] as Element));
  const account = at === undefined ? 0 : (pos[at] ?? 0);
  const telling = [account, best.get('contacts')?.pos ?? 0, best.get('owner')?.pos ?? 0].filter((p) => p > 0);
  return { row, columns: [...best.values()], stageColumns, telling };
}

function findHeader(rows: Element[], ctx: ReadContext): Header | null {
  const tries = Math.min(rows.length, HEADER_TRIES);
  for (let i = 0; i < tries; i++) {
    const row = rows[i];
    const header = row ? mapHeader(row, ctx) : null;
    if (header) return header;
  }
  return null;
}

/** Per-stage columns name the stage with its pipeline: 'Qualified To Buy (Sales Pipeline)'. */
function sameStage(columnStage: string, stage: string): boolean {
  const s = labelKey(stage);
  return s !== '' && (columnStage === s || columnStage.startsWith(`${s} (`));
}

/** A list view over a table or grid, or null when it does not show deals. */
export function tableView(grid: Element, ctx: ReadContext, limit = MAX_ITEMS): DealView | null {
  const rows = rowsOf(grid, HEADER_TRIES);
  const header = findHeader(rows, ctx);
  if (!header) return null;
  const { columns, stageColumns, telling } = header;
  const namePos = columns.find((c) => c.field === 'name')?.pos ?? 0;

  /** What a row shows in the columns that tell apart rows of one name, most telling first. */
  const whoOf = (rowCells: Element[], pos: number[] | null): string[] =>
    telling.map((p) => {
      const cell = cellAt(rowCells, pos, p);
      return cell ? shownText(cell) : '';
    });
  // Rows without a link that share a name: see namesakes.ts.
  const namesakes = new Namesakes((row) => {
    const rowCells = cellsOf(row);
    return whoOf(rowCells, layout(row, rowCells));
  });

  const nameCell = (row: Element): Element | null => {
    const cells = cellsOf(row);
    return cellAt(cells, layout(row, cells), namePos) ?? null;
  };

  // Where deal rows link to their records, a row without a link is a total or an "add" row.
  const sample = rowsOf(grid, HEADER_TRIES + 20);
  const linked = sample.slice(sample.indexOf(header.row) + 1).some((row) => {
    const a = nameCell(row)?.querySelector('a[href]');
    return a ? ctx.link(a.getAttribute('href') ?? '') !== null : false;
  });

  // The columns whose links never key a row: the deal's own fields (a status, a stage) and the
  // account, contacts and owner, whose links lead to records several deals may share.
  const dataColumns = new Set([...columns.map((c) => c.pos), ...stageColumns.map((c) => c.pos), ...telling]);
  // The page's own record, where it is one: a link back to it ('#', an anchor) is no row's.
  const pageKey = ctx.page ? ctx.link(ctx.page.href)?.key : undefined;

  // The name cell each row was read with, kept on the row's wrapper (the content script's own view
  // of the element: the page does not see it; a WeakMap lookup costs far more with DOM keys): its
  // marker goes there without finding the cells again.
  const named = Symbol('name cell');
  type Named = Element & { [named]?: Element };
  const anchor = (row: Element): Element | null => {
    const cell = (row as Named)[named];
    return cell && cell.parentNode === row ? cell : nameCell(row);
  };

  // Reused by every read: a 10,000-row scan allocates no lists of its own per row.
  const cells: Element[] = [];
  const links: Element[] = [];

  // When items() finds no cell of the table spanning columns or naming its column, each row it
  // lists is laid out one cell per column on its first read: one query for the whole table instead
  // of one per row. The mark is used up by that read, so a row read again (it changed) asks itself.
  const listed = Symbol('listed without spans');
  type Listed = Element & { [listed]?: object };
  let token: object = {};

  const read = (row: Element): RawDeal | null => {
    namesakes.unread(row);
    cellsOf(row, cells);
    const fresh = (row as Listed)[listed] === token;
    if (fresh) (row as Listed)[listed] = undefined;
    if (cells.length === 0 || isHeaderRow(row, cells)) return null;
    const pos = fresh ? null : layout(row, cells);
    const first = cellAt(cells, pos, namePos);
    // A cell spanning several columns is a group heading ("Closed won (3)"), not a deal.
    if (!first || (pos && Number.parseInt(first.getAttribute('colspan') ?? '1', 10) > 1)) return null;
    // Most name cells are a link around the name: its text and its link in one short walk.
    links.length = 0;
    const chained = chainText(first, links);
    const name = chained === undefined ? shownText(first) : cellValue(chained);
    if (!name) return null;
    const link = rowLink(first, row, ctx, chained === undefined ? null : links, dataColumns, pageKey, cells, pos);
    let key = link ? link.key : name;
    const hasLink = chained === undefined ? first.querySelector('a[href]') !== null : links.length > 0;
    if (linked && key === name && !hasLink) return null;
    const fields: RawDeal['fields'] = {};
    for (const col of columns) {
      const cell = col.field === 'name' ? first : cellAt(cells, pos, col.pos);
      if (cell) fields[col.field] = col.field === 'name' ? name : shownText(cell);
    }
    if (fields.stageEntered === undefined && fields.stage) {
      const stage = fields.stage;
      const col = stageColumns.find((c) => sameStage(c.stage, stage));
      const cell = col ? cellAt(cells, pos, col.pos) : undefined;
      if (cell) fields.stageEntered = shownText(cell);
    }
    if (!link) key = namesakes.key(row, name) ?? namesakes.twin(row, name, whoOf(cells, pos));
    (row as Named)[named] = first;
    return link?.url ? { key, url: link.url, fields } : { key, fields };
  };

  const items = () => {
    token = {};
    const all = rowsOf(grid, limit + HEADER_TRIES);
    const at = all.indexOf(header.row);
    const list = all.slice(at + 1, at + 1 + limit);
    namesakes.listed(list.length);
    if (grid.tagName === 'TABLE' && grid.querySelector(SPANNING) === null)
      for (const row of list) (row as Listed)[listed] = token;
    return list;
  };
  return { kind: 'list', container: grid, items, read, anchor, settle: () => namesakes.settle() };
}

/** An empty link or one to an anchor of the page itself (`#`, `#top`), not to a route (`#/deals/5`, `#!/deals/5`). */
function inPage(href: string): boolean {
  const h = href.trim();
  return h === '' || (h.startsWith('#') && !h.startsWith('#/') && !h.startsWith('#!'));
}

/**
 * The link that keys a row: the name cell's first same-origin link, unless it leads back to the
 * page itself (`pageKey`: a name linked to '#' has a script open the deal, the same for every
 * row); else, elsewhere in the row, the first link to a record (with an id in its address, and
 * not the page's own) that is either over the whole row (in none of its cells) or in a column
 * not in `dataColumns` and says it opens the record ("View", "Open deal", the record's number:
 * see saysOpen); null when there is none (the name is the key, see namesakes.ts). Decided by
 * each link alone, not by which rows share a link, so that a deal gets the same key whatever
 * order the list is sorted in.
 * `links`: the name cell's links when known; `cells` and `pos`: the row's cells and positions.
 */
function rowLink(
  nameCell: Element,
  row: Element,
  ctx: ReadContext,
  links: Element[] | null,
  dataColumns: ReadonlySet<number>,
  pageKey: string | undefined,
  cells: Element[],
  pos: number[] | null,
): RecordLink | null {
  for (const a of links ?? nameCell.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    const link = inPage(href) ? null : ctx.link(href);
    if (link && link.key !== pageKey) return link;
  }
  for (const a of row.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    const link = inPage(href) ? null : ctx.link(href);
    if (!link?.record || !link.id || link.key === pageKey) continue;
    // The row's cell holding the link: in a table row, the row's child on the way up.
    let up: Element = a;
    while (up.parentElement !== null && up.parentElement !== row) up = up.parentElement;
    let i = cells.indexOf(up);
    if (i < 0) i = cells.findIndex((cell) => cell.contains(a));
    if (i < 0) return link;
    if (!dataColumns.has(pos ? (pos[i] ?? 0) : i + 1) && saysOpen(a)) return link;
  }
  return null;
}
