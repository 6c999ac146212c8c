import type { RawDeal } from '../../messages/schemas';
import type { ReadContext } from './context';
import { DIALOG } from './markup';
import { readPairs } from './pairs';
import { type Root, rootElement } from './roots';
import { attrName, chunks, clean, cut, labelKey, MAX_RAW } from './text';
import type { DealView } from './view';

/**
 * Record pages: one deal as label/value pairs, its stage (labelled, or from the path/stepper), its
 * name (labelled, or the main heading). A record opened in a dialog over a list or board counts too.
 */

const PAGE_HEADING = 'h1,[role=heading][aria-level="1"]';
const DIALOG_HEADING = 'h1,h2,h3,[role=heading]';
// A heading that starts with the record type ("Opportunity" above the name in Salesforce).
const RECORD_TYPE = /^(deal|opportunity|potential|record)s?$/;
const STEP_NOISE =
  /^(current stage|stage complete|completed?|current|mark (as )?current stage|mark stage as complete)$/;

function stepText(item: Element): string {
  return clean(
    chunks(item, true, 20)
      .filter((c) => !STEP_NOISE.test(labelKey(c)))
      .join(' '),
  );
}

/**
 * The current stage from a path or stepper: `aria-current="step"`, else the step that says
 * "Current Stage", else the selected option of a list that is labelled as a stage path or names
 * known stages (plain tabs like Details/Activity are not a path).
 */
export function pathStage(root: ParentNode, ctx: ReadContext): string | null {
  const step = root.querySelector('[aria-current="step"]');
  const current = step ? stepText(step) : '';
  if (current) return current;
  for (const list of root.querySelectorAll('[role=listbox],[role=tablist]')) {
    const items = [...list.querySelectorAll('[role=option],[role=tab]')];
    if (items.length < 2 || items.length > 40) continue;
    const texts = items.map(stepText);
    const marked = items.findIndex((item) =>
      chunks(item, true, 20).some((c) => labelKey(c) === 'current stage'),
    );
    if (marked >= 0) return texts[marked] || null;
    const labelled = /stage|path|pipeline/i.test(attrName(list));
    const known = texts.some((t) => ctx.profile.stageOrder.includes(t.toLowerCase()));
    if (!labelled && !known) continue;
    const selected = items.findIndex((item) => item.getAttribute('aria-selected') === 'true');
    if (selected >= 0) return texts[selected] || null;
  }
  return null;
}

function headingText(heading: Element): string {
  const parts = chunks(heading, false, 20);
  if (parts.length > 1 && RECORD_TYPE.test(labelKey(parts[0] ?? ''))) parts.shift();
  return clean(parts.join(' '));
}

function findHeading(scopes: ParentNode[], dialog: Element | null): Element | null {
  if (dialog) {
    const id = dialog.getAttribute('aria-labelledby')?.split(/\s+/)[0];
    const root = dialog.getRootNode() as Document | ShadowRoot;
    const named = id && typeof root.getElementById === 'function' ? root.getElementById(id) : null;
    if (named && dialog.contains(named)) return named;
    return dialog.querySelector(DIALOG_HEADING);
  }
  for (const scope of scopes) {
    for (const h of scope.querySelectorAll(PAGE_HEADING)) if (!h.closest(DIALOG) && headingText(h)) return h;
  }
  return null;
}

/**
 * A record view over `scopes` (the page's roots, or one dialog), or null when it does not show a
 * deal: a name plus at least one other field.
 */
export function recordView(scopes: Root[], dialog: Element | null, ctx: ReadContext): DealView | null {
  const first = scopes[0];
  const container = dialog ?? (first ? rootElement(first) : null);
  if (!container) return null;
  const skip = dialog ? undefined : (el: Element) => el.closest(DIALOG) !== null;

  const read = (): RawDeal | null => {
    const fields: RawDeal['fields'] = {};
    for (const scope of scopes) {
      for (const [field, value] of Object.entries(readPairs(scope, ctx, skip))) {
        const f = field as keyof RawDeal['fields'];
        if (fields[f] === undefined) fields[f] = value;
      }
    }
    if (fields.stage === undefined) {
      for (const scope of scopes) {
        const stage = pathStage(scope, ctx);
        if (stage) {
          fields.stage = stage;
          break;
        }
      }
    }
    if (!fields.name) {
      const heading = findHeading(scopes, dialog);
      const name = heading ? headingText(heading) : '';
      if (name) fields.name = name;
    }
    if (!fields.name || Object.keys(fields).length < 2) return null;
    const key = recordKey(dialog, ctx);
    return key ? { ...key, fields } : null;
  };

  if (!read()) return null;
  return {
    kind: 'record',
    container,
    items: () => [container],
    read,
    anchor: () => findHeading(scopes, dialog) ?? container,
  };
}

/**
 * A record needs an identity: a record link in its dialog, or the page URL when that is a record's.
 * Without one a dialog is a form (filters, settings), not a deal.
 */
function recordKey(dialog: Element | null, ctx: ReadContext): Pick<RawDeal, 'key' | 'url'> | null {
  if (dialog) {
    for (const a of dialog.querySelectorAll('a[href]')) {
      const link = ctx.link(a.getAttribute('href') ?? '');
      if (link?.record) return link.url ? { key: link.key, url: link.url } : { key: link.key };
    }
  }
  const page = ctx.page;
  const key = page ? ctx.profile.recordKey(page) : null;
  if (!page || !key) return null;
  const http = page.protocol === 'https:' || page.protocol === 'http:';
  return http && page.href.length <= MAX_RAW ? { key: cut(key), url: page.href } : { key: cut(key) };
}
