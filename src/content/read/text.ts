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
/** Anything `clean` would change: whitespace other than single inner spaces, invisible characters. */
const UNCLEAN = /[^\S ]|^ | $| {2}|[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

/** Cut to MAX_RAW without leaving half a surrogate pair at the end. */
export function cut(text: string, max = MAX_RAW): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Trim, collapse whitespace, drop invisible characters, cut to MAX_RAW. */
export function clean(raw: string): string {
  // Most text is clean already: one test instead of two replacements and a trim.
  if (raw.length <= MAX_RAW && !UNCLEAN.test(raw)) return raw;
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
 * headers put their label in one), icons and hidden helpers. Iterative (no recursion, no stack:
 * it follows sibling and parent links) and bounded, so a deep or huge subtree cannot blow the
 * stack or the budget.
 */
export function chunks(root: Element, keepButtons = false, limit = 200): string[] {
  const out: string[] = [];
  let budget = MAX_RAW * 4;
  let node: Node | null = root.firstChild;
  while (node && out.length < limit && budget > 0) {
    const type = node.nodeType;
    if (type === 3) {
      const text = clean(node.nodeValue ?? '');
      if (text) {
        out.push(text);
        budget -= text.length;
      }
    } else if (type === 1 && !skipped(node as Element, keepButtons)) {
      const first: Node | null = node.firstChild;
      if (first) {
        node = first;
        continue;
      }
    }
    // Next in document order: the next sibling of the node or of its nearest ancestor below root.
    while (node && node !== root && !node.nextSibling) node = node.parentNode;
    node = node && node !== root ? node.nextSibling : null;
  }
  return out;
}

/**
 * The text of an element that holds only text, or one element holding only text, and so on down
 * (`<td><a><span>Acme</span></a></td>`), with nothing skipped on the way: the shape of most cells,
 * read with one `textContent` (a native call: no walk, no text node handed to script). Undefined
 * for any other shape. `links` collects the `a[href]` passed on the way down.
 */
export function chainText(el: Element, links?: Element[]): string | undefined {
  let cur = el;
  for (let depth = 0; depth < 32; depth++) {
    const count = cur.childElementCount;
    if (count === 0) return cur.textContent ?? '';
    if (count > 1) return undefined;
    const child = cur.firstChild;
    if (child !== cur.lastChild) return undefined;
    const only = child as Element;
    if (skipped(only, false)) return undefined;
    if (links && only.tagName === 'A' && only.hasAttribute('href')) links.push(only);
    cur = only;
  }
  return undefined;
}

/**
 * What an element shows as one string: its text pieces joined by spaces (adjacent chips and spans
 * often have none between them in the markup). When only buttons carry text (some CRMs render
 * values as buttons), use theirs, unless it is a control's own label ("Edit Amount").
 */
export function shownText(el: Element): string {
  // Text alone (no buttons to fall back on): what it shows is its textContent. Adjacent text nodes
  // join as they show, without a space between them.
  const only = chainText(el);
  if (only !== undefined) return cellValue(only);
  const text = cellValue(chunks(el).join(' '));
  if (text || !el.querySelector('button')) return text;
  const label = cellValue(chunks(el, true).join(' '));
  return /^(edit|open|preview|show|more|actions?)\b/i.test(label) ? '' : label;
}

/** An element's accessible name from attributes (aria-label, title, alt), cleaned. */
export function attrName(el: Element): string {
  return clean(el.getAttribute('aria-label') ?? el.getAttribute('title') ?? el.getAttribute('alt') ?? '');
}
