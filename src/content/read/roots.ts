/**
 * Every place deals can be rendered under `root`: the root itself, open shadow roots (Salesforce
 * Lightning renders inside them) and the documents of same-origin iframes (Salesforce reports).
 */

const MAX_ROOTS = 200;
const MAX_FRAME_DEPTH = 3;
const SHOW_ELEMENT = 1;
/** Elements looked at per root for shadow hosts and frames. */
const MAX_ELEMENTS = 500_000;

export type Root = Document | ShadowRoot | Element;

export function collectRoots(root: Root): Root[] {
  const out: Root[] = [];
  const visit = (r: Root, frames: number) => {
    if (out.length >= MAX_ROOTS) return;
    out.push(r);
    const doc = r.nodeType === 9 ? (r as Document) : r.ownerDocument;
    if (!doc) return;
    // A tree walker, not querySelectorAll('*'): no list of every element is built.
    const walker = doc.createTreeWalker(r, SHOW_ELEMENT);
    const first = r.nodeType === 1 ? (r as Element) : (walker.nextNode() as Element | null);
    let budget = MAX_ELEMENTS;
    for (let el = first; el && budget-- > 0; el = walker.nextNode() as Element | null) {
      if (out.length >= MAX_ROOTS) return;
      if (el.shadowRoot) visit(el.shadowRoot, frames);
      if (el.tagName === 'IFRAME' && frames < MAX_FRAME_DEPTH) {
        let frameDoc: Document | null = null;
        try {
          // Cross-origin frames give null or throw (older engines): either way there is nothing to read.
          frameDoc = (el as HTMLIFrameElement).contentDocument;
        } catch {
          frameDoc = null;
        }
        if (frameDoc?.documentElement) visit(frameDoc, frames + 1);
      }
    }
  };
  visit(root, 0);
  return out;
}

/** The element to observe for a root. */
export function rootElement(root: Root): Element | null {
  if (root.nodeType === 9) {
    const doc = root as Document;
    return doc.body ?? doc.documentElement;
  }
  if (root.nodeType === 11) {
    const shadow = root as ShadowRoot;
    return shadow.firstElementChild ?? shadow.host;
  }
  return root as Element;
}
