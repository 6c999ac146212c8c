import type { FieldName } from '../../sites/fields';
import type { SiteProfile } from '../../sites/types';
import { attrName, chunks, isNoise, labelKey } from './text';

export interface LabelMatch {
  field: FieldName;
  /** Lower is better: the user's own aliases first, then the profile's in list order. */
  rank: number;
  /** For per-stage columns (`Date entered "{stage}"`): the stage the column is about. */
  stage?: string;
}

export interface AliasIndex {
  /** The field a label names, or null. */
  match(label: string): LabelMatch | null;
}

const QUOTES = /[\u201c\u201d\u201e\u00ab\u00bb]/g;

function key(label: string): string {
  return labelKey(label).replace(QUOTES, '"');
}

export function aliasIndex(profile: SiteProfile, extra?: Partial<Record<FieldName, string[]>>): AliasIndex {
  const exact = new Map<string, LabelMatch>();
  const patterns: { re: RegExp; field: FieldName; rank: number }[] = [];
  const add = (aliases: Partial<Record<FieldName, string[]>>, base: number) => {
    for (const [field, labels] of Object.entries(aliases) as [FieldName, string[] | undefined][]) {
      labels?.forEach((label, i) => {
        const k = key(label);
        if (!k) return;
        if (k.includes('{stage}')) {
          const source = k.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&').replace('\\{stage\\}', '(.+)');
          patterns.push({ re: new RegExp(`^${source}$`), field, rank: base + i });
        } else if (!exact.has(k)) {
          exact.set(k, { field, rank: base + i });
        }
      });
    }
  };
  if (extra) add(extra, 0);
  add(profile.aliases, 1000);

  return {
    match(label) {
      const k = key(label);
      if (!k) return null;
      const hit = exact.get(k);
      if (hit) return hit;
      for (const p of patterns) {
        const m = p.re.exec(k);
        if (m?.[1]) return { field: p.field, rank: p.rank, stage: m[1] };
      }
      // "Amount (EUR)", "Close Date (UTC)": a unit in brackets after a known label.
      const bare = k.replace(/\s*\([^)]*\)$/, '');
      const loose = bare !== k ? exact.get(bare) : undefined;
      return loose ? { field: loose.field, rank: loose.rank + 500 } : null;
    },
  };
}

/**
 * The field a header cell names. Tries the visible text without sort hints and screen-reader helpers
 * ('Sort by:', 'Sorted ascending'), then aria-label and title on the cell and inside it.
 */
export function matchHeader(cell: Element, aliases: AliasIndex): LabelMatch | null {
  return headerMatch(cell, (label) => aliases.match(label));
}

/** An element's visible text without sort hints, screen-reader helpers and bare symbols: '' when it shows none. */
function labelText(el: Element): string {
  return chunks(el, true, 20)
    .filter((c) => !isNoise(labelKey(c)))
    .join(' ');
}

/** The first label of a header cell (as matchHeader tries them) that `match` finds something for. */
export function headerMatch<T>(cell: Element, match: (label: string) => T | null): T | null {
  const text = labelText(cell);
  const byText = text ? match(text) : null;
  if (byText) return byText;
  const own = attrName(cell);
  const byAttr = own ? match(own) : null;
  if (byAttr) return byAttr;
  for (const el of cell.querySelectorAll('[aria-label],[title]')) {
    const name = attrName(el);
    const hit = name ? match(name) : null;
    if (hit) return hit;
  }
  return null;
}

/**
 * Headers of the column that names who a deal is with, in the CRMs of crm-fields.md and common
 * custom tables. Not a deal field: it only tells apart rows that share a name (namesakes.ts).
 */
const ACCOUNT_LABELS = new Set([
  'account',
  'account name',
  'sales account',
  'associated company',
  'company',
  'company name',
  'organization',
  'organisation',
  'organization name',
  'organisation name',
  'customer',
  'customer name',
  'client',
  'client name',
]);

/** Whether a header cell names the account (company) column: 'Associated Company (Primary)' too. */
export function isAccountHeader(cell: Element): boolean {
  return (
    headerMatch(cell, (label) => {
      const k = key(label);
      return ACCOUNT_LABELS.has(k) || ACCOUNT_LABELS.has(k.replace(/\s*\([^)]*\)$/, '')) ? true : null;
    }) === true
  );
}

/**
 * What a link that opens the deal's record says ("View", "Open deal", "Details"), in the
 * languages of the CRMs we read. Not "Edit": an edit page is another address for the same deal.
 */
const OPEN_LABELS = new Set([
  'view',
  'open',
  'details',
  'detail',
  'show',
  'go',
  'go to',
  'more',
  'link',
  'open deal',
  'view deal',
  'open record',
  'view record',
  'view details',
  'show details',
  'open opportunity',
  'view opportunity',
  'voir',
  'ouvrir',
  'détails',
  'détail',
  'ansehen',
  'anzeigen',
  'öffnen',
  'ver',
  'abrir',
  'detalles',
  'apri',
  'visualizza',
  'dettagli',
  'bekijken',
  'openen',
  '表示',
  '詳細',
  '開く',
]);

/** A record's number or reference as a list shows it: `1001`, `#1001`, `OPP-0042` (not `Team 2`). */
const ID_TEXT = /^#?(?:[A-Z]{1,5}[-_])?\d[\d-]{0,19}$/;

/**
 * Whether a link says it opens a record: by its visible text where it has some ("View", "Open
 * deal", or the record's number), else by its accessible name ("Open" on an icon). An icon or a
 * picture that says nothing may as well lead to the owner or the company.
 */
export function saysOpen(a: Element): boolean {
  // Longer than any label or number: a name, a title, a sentence (most links in a row of data).
  if ((a.textContent?.length ?? 0) > 40) return false;
  const text = labelText(a);
  if (text) return OPEN_LABELS.has(key(text)) || ID_TEXT.test(text.trim());
  const name = attrName(a);
  return name !== '' && OPEN_LABELS.has(key(name));
}
