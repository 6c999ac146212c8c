import type { FieldName } from '../../sites/fields';
import type { ReadContext } from './context';
import { cellValue, clean, shownText } from './text';

/** Label text in these is a column header, a menu entry or a control, not a field label. */
const NOT_LABEL = 'th,thead,[role=columnheader],button,option,script,style,template,[aria-hidden="true"]';
const SHOW_TEXT = 4;
const MAX_TEXT_NODES = 50_000;

/** The value an element holds: form controls by their value, everything else by its shown text. */
function valueText(el: Element): string {
  const control =
    el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA'
      ? el
      : el.querySelector('input:not([type=hidden]),select,textarea');
  if (control && control === el) return controlValue(control);
  const text = shownText(el);
  return text || (control ? controlValue(control) : '');
}

function controlValue(control: Element): string {
  if (control.tagName === 'SELECT') {
    const select = control as HTMLSelectElement;
    return cellValue(select.selectedOptions?.[0]?.textContent ?? '');
  }
  return cellValue((control as HTMLInputElement).value ?? '');
}

/** Elements labelled by id (`aria-labelledby`), for one scope. */
function labelledBy(scope: ParentNode): Map<string, Element> {
  const map = new Map<string, Element>();
  for (const el of scope.querySelectorAll('[aria-labelledby]')) {
    for (const id of (el.getAttribute('aria-labelledby') ?? '').split(/\s+/)) if (id) map.set(id, el);
  }
  return map;
}

/**
 * Where the value of a label is: the text right after it, the `dd` after a `dt`, the control of a
 * `<label for>`, the element that names it in `aria-labelledby`, or the element beside (or below)
 * the label or one of its close ancestors.
 */
function valueFor(text: Text, label: Element, scope: ParentNode, byId: Map<string, Element>): string | null {
  let next = text.nextSibling;
  while (next && next.nodeType === 3 && !clean(next.nodeValue ?? '')) next = next.nextSibling;
  // Text right after the label ("Amount $5" in one element); an arrow or dash alone is not a value.
  if (next?.nodeType === 3 && /[\p{L}\p{N}]/u.test(next.nodeValue ?? ''))
    return cellValue(next.nodeValue ?? '');
  if (next?.nodeType === 1) return valueText(next as Element);
  if (label.tagName === 'DT') {
    let dd = label.nextElementSibling;
    while (dd && dd.tagName !== 'DD' && dd.tagName !== 'DT') dd = dd.nextElementSibling;
    return dd?.tagName === 'DD' ? valueText(dd) : '';
  }
  const forId = label.closest('label')?.getAttribute('for');
  const root = label.getRootNode() as Document | ShadowRoot;
  const target = forId && typeof root.getElementById === 'function' ? root.getElementById(forId) : null;
  if (target) return valueText(target);
  const own = clean(text.nodeValue ?? '');
  let el: Element | null = label;
  for (let depth = 0; el && depth < 3; depth++) {
    const named = el.id ? byId.get(el.id) : undefined;
    if (named) return valueText(named);
    if (el === scope) break;
    const sibling: Element | null = el.nextElementSibling;
    if (sibling) return valueText(sibling);
    el = el.parentElement;
    // Climb only through wrappers of the label alone: "<li><b>Stage</b> changed: …</li>" is prose.
    if (el && clean(el.textContent ?? '') !== own) break;
  }
  return null;
}

/**
 * Label/value pairs under `scope`, first one per field. Labels are matched by the alias index;
 * `Label: value` in one piece of text counts too. `skip` leaves out parts already read elsewhere.
 */
export function readPairs(
  scope: Element | Document | ShadowRoot,
  ctx: ReadContext,
  skip?: (el: Element) => boolean,
): Partial<Record<FieldName, string>> {
  const out: Partial<Record<FieldName, string>> = {};
  const doc = scope.nodeType === 9 ? (scope as Document) : scope.ownerDocument;
  if (!doc) return out;
  const byId = labelledBy(scope);
  const walker = doc.createTreeWalker(scope, SHOW_TEXT);
  for (let n = 0; n < MAX_TEXT_NODES; n++) {
    const text = walker.nextNode() as Text | null;
    if (!text) break;
    const raw = text.nodeValue ?? '';
    if (raw.length > 300 || !/\p{L}/u.test(raw)) continue;
    // Cheap test first (most text is not a label), the placement checks only for candidates.
    let hit = ctx.aliases.match(raw);
    let inline: string | null = null;
    if (!hit) {
      const colon = raw.indexOf(':');
      hit = colon > 0 ? ctx.aliases.match(raw.slice(0, colon)) : null;
      if (hit) inline = raw.slice(colon + 1);
    }
    if (!hit || hit.stage !== undefined || out[hit.field] !== undefined) continue;
    const label = text.parentElement;
    if (!label || label.closest(NOT_LABEL) || skip?.(label)) continue;
    // Links inside the scope are navigation or titles; a card that is one big link is still read.
    const link = label.closest('a');
    if (link && link !== scope && scope.contains(link)) continue;
    let value = inline !== null ? cellValue(inline) : valueFor(text, label, scope, byId);
    // An empty value followed by the next label: the field is shown and empty.
    if (value && inline === null && ctx.aliases.match(value)) value = '';
    if (value !== null) out[hit.field] = value;
  }
  return out;
}
