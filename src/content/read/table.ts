import type { RawDeal } from '../../messages/schemas';
import type { FieldName } from '../../sites/fields';
import { matchHeader } from './aliases';
import type { ReadContext } from './context';
import { labelKey, shownText } from './text';
import { type DealView, MAX_ITEMS } from './view';

/** Tables and ARIA grids. Layout tables (role=presentation) are not data. */
export const GRID =
  'table:not([role=presentation]):not([role=none]),[role=grid],[role=treegrid],[role=table]';
const ARIA_CELL = '[role=columnheader],[role=gridcell],[role=cell],[role=rowheader]';
const HEADER_TRIES = 5;

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
    for (const child of grid.children) {
      if (rows.length > limit) break;
      if (child.tagName === 'TR') rows.push(child);
      // TFOOT holds totals and "add record" rows, never deals.
      else if (child.tagName === 'THEAD' || child.tagName === 'TBODY') {
        for (const row of child.children) {
          if (row.tagName === 'TR') rows.push(row);
          if (rows.length > limit) return rows;
        }
      }
    }
    return rows;
  }
  for (const row of grid.querySelectorAll('[role=row]')) {
    if (row.parentElement?.closest(GRID) === grid) rows.push(row);
    if (rows.length > limit) break;
  }
  return rows;
}

/** The row's own cells. */
function cellsOf(row: Element): Element[] {
  const cells: Element[] = [];
  if (row.tagName === 'TR') {
    for (const cell of row.children) if (cell.tagName === 'TD' || cell.tagName === 'TH') cells.push(cell);
    return cells;
  }
  for (const cell of row.querySelectorAll(ARIA_CELL)) {
    if (cell.parentElement?.closest('[role=row]') === row) cells.push(cell);
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
}

/** Map a row's cells to fields; each field keeps its best-ranked column. */
function mapHeader(row: Element, ctx: ReadContext): Header | null {
  const cells = cellsOf(row);
  const pos = positions(cells);
  const best = new Map<FieldName, Column>();
  const stageColumns: StageColumn[] = [];
  cells.forEach((cell, i) => {
    const hit = matchHeader(cell, ctx.aliases);
    const p = pos[i] ?? 0;
    if (!hit) return;
    if (hit.stage !== undefined) {
      stageColumns.push({ pos: p, stage: hit.stage });
      return;
    }
    const had = best.get(hit.field);
    if (!had || hit.rank < had.rank) best.set(hit.field, { pos: p, field: hit.field, rank: hit.rank });
  });
  if (!best.has('name') || best.size < 2) return null;
  return { row, columns: [...best.values()], stageColumns };
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
  const { columns, stageColumns } = header;
  const namePos = columns.find((c) => c.field === 'name')?.pos ?? 0;

  const cellAt = (cells: Element[], pos: number[], want: number): Element | undefined =>
    cells[pos.indexOf(want)];

  const nameCell = (row: Element): Element | null => {
    const cells = cellsOf(row);
    return cellAt(cells, positions(cells), namePos) ?? null;
  };

  // Where deal rows link to their records, a row without a link is a total or an "add" row.
  const sample = rowsOf(grid, HEADER_TRIES + 20);
  const linked = sample.slice(sample.indexOf(header.row) + 1).some((row) => {
    const a = nameCell(row)?.querySelector('a[href]');
    return a ? ctx.link(a.getAttribute('href') ?? '') !== null : false;
  });

  const read = (row: Element): RawDeal | null => {
    const cells = cellsOf(row);
    if (cells.length === 0 || isHeaderRow(row, cells)) return null;
    const pos = positions(cells);
    const first = cellAt(cells, pos, namePos);
    // A cell spanning several columns is a group heading ("Closed won (3)"), not a deal.
    if (!first || Number.parseInt(first.getAttribute('colspan') ?? '1', 10) > 1) return null;
    const name = shownText(first);
    if (!name) return null;
    const key = rowKey(first, row, ctx, name);
    if (linked && key.key === name && !first.querySelector('a[href]')) return null;
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
    return { ...key, fields };
  };

  const items = () => {
    const all = rowsOf(grid, limit + HEADER_TRIES);
    const at = all.indexOf(header.row);
    return all.slice(at + 1, at + 1 + limit);
  };
  return { kind: 'list', container: grid, items, read, anchor: nameCell };
}

/** Key and URL from the name cell's link, else any record link in the row, else the name. */
function rowKey(
  nameCell: Element,
  row: Element,
  ctx: ReadContext,
  name: string,
): Pick<RawDeal, 'key' | 'url'> {
  for (const a of nameCell.querySelectorAll('a[href]')) {
    const link = ctx.link(a.getAttribute('href') ?? '');
    if (link) return link.url ? { key: link.key, url: link.url } : { key: link.key };
  }
  for (const a of row.querySelectorAll('a[href]')) {
    const link = ctx.link(a.getAttribute('href') ?? '');
    if (link?.record) return link.url ? { key: link.key, url: link.url } : { key: link.key };
  }
  return { key: name };
}
