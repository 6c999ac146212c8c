// The deals of an observation as they travel from the content script: a table. No Zod here, so
// the content script can import it without pulling Zod into its bundle; schemas.ts validates it.
import type { ActivityFlag, FieldName } from '../sites/fields';

/** One deal as read off a page (the shape of schemas.ts's RawDeal). */
export interface TableDeal {
  key: string;
  url?: string | undefined;
  fields: Partial<Record<FieldName, string>>;
  flags?: ActivityFlag[] | undefined;
}

/**
 * The field names once per batch, then per deal one row: its key, its record URL (null without
 * one) and its values in the order of `fields` (null where the deal has no such field). Half the
 * bytes of an object per deal, and sending a batch costs the page time in proportion to its bytes.
 */
export interface DealTable {
  fields: FieldName[];
  rows: Array<Array<string | null>>;
  /** Board icons per row, by position (null: the deal says nothing of icons); only when some deal does. */
  flags?: Array<ActivityFlag[] | null>;
}

export function toDealTable(deals: readonly TableDeal[]): DealTable {
  const fields: FieldName[] = [];
  const seen = new Set<string>();
  let flagged = false;
  for (const deal of deals) {
    for (const name in deal.fields) {
      if (!seen.has(name) && deal.fields[name as FieldName] !== undefined) {
        seen.add(name);
        fields.push(name as FieldName);
      }
    }
    if (deal.flags !== undefined) flagged = true;
  }
  const rows: DealTable['rows'] = new Array(deals.length);
  for (let i = 0; i < deals.length; i++) {
    const deal = deals[i] as TableDeal;
    const row: Array<string | null> = new Array(2 + fields.length);
    row[0] = deal.key;
    row[1] = deal.url ?? null;
    for (let f = 0; f < fields.length; f++) row[2 + f] = deal.fields[fields[f] as FieldName] ?? null;
    rows[i] = row;
  }
  return flagged ? { fields, rows, flags: deals.map((d) => d.flags ?? null) } : { fields, rows };
}

/** The deals of a table that schemas.ts validated: the inverse of toDealTable(). */
export function fromDealTable(table: DealTable): TableDeal[] {
  const { fields, rows, flags } = table;
  return rows.map((row, i) => {
    const values: Partial<Record<FieldName, string>> = {};
    for (let f = 0; f < fields.length; f++) {
      const value = row[2 + f];
      if (value !== null && value !== undefined) values[fields[f] as FieldName] = value;
    }
    const url = row[1];
    const deal: TableDeal = { key: row[0] ?? '', fields: values };
    if (url !== null && url !== undefined) deal.url = url;
    // No icons and nothing said of icons differ: a board card that lost its icons clears them.
    const icons = flags?.[i];
    if (icons !== undefined && icons !== null) deal.flags = icons;
    return deal;
  });
}
