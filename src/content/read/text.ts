/**
 * Text helpers for the readers. Text always comes from text nodes or attributes and stays a
 * string: nothing here parses HTML or creates elements.
 */

// Zod-free, so the content script can share the schema's limit without bundling Zod.
import { MAX_RAW } from '../../messages/limits';

export { MAX_RAW };

// Bidi controls and zero-width characters: invisible, and able to reorder what the popup shows.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const SPACES = /\s+/g;

/** Cut to MAX_RAW without leaving half a surrogate pair at the end. */
export function cut(text: string, max = MAX_RAW): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Trim, collapse whitespace, drop invisible characters, cut to MAX_RAW. */
export function clean(raw: string): string {
  // Bound the work on huge cells: whitespace runs longer than this are not worth keeping exact.
  let text = raw.length > MAX_RAW * 4 ? raw.trimStart().slice(0, MAX_RAW * 4) : raw;
  text = text.replace(INVISIBLE, '').replace(SPACES, ' ').trim();
  return cut(text);
}

/** Cells that show a dash for "no value". */
const EMPTY = new Set(['-', '--', '---', '—', '–', '−']);

/** Cleaned text, with a dash placeholder read as empty. */
export function cellValue(raw: string): string {
  const text = clean(raw);
  return EMPTY.has(text) ? '' : text;
}

// Required-field stars, colons and sort arrows around a label.
const MARKS = /^[\s▲▼△▽▴▾↑↓↕⇅⇵⬆⬇]+|[\s:*▲▼△▽▴▾↑↓↕⇅⇵⬆⬇]+$/g;

/** Lower-case comparison form of a label: `Close Date:` and `close  date` compare equal. */
export function labelKey(raw: string): string {
  const text = raw.length > 200 ? '' : clean(raw).toLowerCase();
  return text.replace(MARKS, '');
}

const NOISE =
  /^(sort(ed)?\b.*|click to sort.*|(ascending|descending)|.*column actions|show actions.*|press .* to sort.*)$/;

/** Sort hints, screen-reader helpers and bare symbols (sort arrows, bullets) in headers. */
export function isNoise(key: string): boolean {
  return NOISE.test(key) || !/[\p{L}\p{N}]/u.test(key);
}

/** Elements whose text is not part of what a cell shows. */
const SKIP_TAGS = new Set([
  'BUTTON',
  'SVG',
  'svg',
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'INPUT',
  'SELECT',
  'TEXTAREA',
]);

function skipped(el: Element, keepButtons: boolean): boolean {
  if (keepButtons && el.tagName === 'BUTTON') return false;
  return SKIP_TAGS.has(el.tagName) || el.getAttribute('aria-hidden') === 'true';
}

/**
 * The text pieces an element shows, one per text node, skipping buttons (unless kept: sortable
 * headers put their label in one), icons and hidden helpers. Iterative (no recursion) and bounded,
 * so a deep or huge subtree cannot blow the stack or the budget.
 */
export function chunks(root: Element, keepButtons = false, limit = 200): string[] {
  const out: string[] = [];
  const stack: Node[] = [root];
  let budget = MAX_RAW * 4;
  while (stack.length > 0 && out.length < limit && budget > 0) {
    const node = stack.pop() as Node;
    if (node.nodeType === 3) {
      const raw = node.nodeValue ?? '';
      const text = clean(raw);
      if (text) {
        out.push(text);
        budget -= text.length;
      }
      continue;
    }
    if (node.nodeType !== 1 || (node !== root && skipped(node as Element, keepButtons))) continue;
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) {
      const kid = kids[i];
      if (kid) stack.push(kid);
    }
  }
  return out;
}

/**
 * What an element shows as one string: its text pieces joined by spaces (adjacent chips and spans
 * often have none between them in the markup). When only buttons carry text (some CRMs render
 * values as buttons), use theirs, unless it is a control's own label ("Edit Amount").
 */
export function shownText(el: Element): string {
  const text = cellValue(chunks(el).join(' '));
  if (text || !el.querySelector('button')) return text;
  const label = cellValue(chunks(el, true).join(' '));
  return /^(edit|open|preview|show|more|actions?)\b/i.test(label) ? '' : label;
}

/** An element's accessible name from attributes (aria-label, title, alt), cleaned. */
export function attrName(el: Element): string {
  return clean(el.getAttribute('aria-label') ?? el.getAttribute('title') ?? el.getAttribute('alt') ?? '');
}
