/**
 * Every place deals can be rendered under `root`: the root itself, open shadow roots (Salesforce
 * Lightning renders inside them) and the documents of same-origin iframes (Salesforce reports).
 *
 * No selector finds shadow hosts, so some walking is unavoidable; it is kept small. Each root is
 * first `enter`ed (the caller finds its lists and frames with one selector query), then its elements
 * are walked for shadow hosts, stepping around the lists it found: a 10,000-row table is ~80,000
 * elements none of which is worth a look. Past WALK_LIMIT elements only custom elements (a `-` in
 * the tag name: Lightning's, and any web component's) are looked at, found by one XPath query.
 */

const MAX_ROOTS = 200;
const MAX_FRAME_DEPTH = 3;
const SHOW_ELEMENT = 1;
/** Elements walked per root looking at each for a shadow root. */
const WALK_LIMIT = 20_000;
/** Elements walked per root when the document has no XPath to find custom elements with. */
const MAX_ELEMENTS = 500_000;
const CUSTOM_ELEMENTS = ".//*[contains(local-name(), '-')]";
// XPathResult.ORDERED_NODE_SNAPSHOT_TYPE
const ORDERED_SNAPSHOT = 7;
// Node.DOCUMENT_POSITION_FOLLOWING
const FOLLOWING = 4;

export type Root = Document | ShadowRoot | Element;

/** What the caller found in a root: parts not to walk into, and its iframes. */
export interface Landmarks {
  skip: readonly Element[];
  frames: readonly Element[];
}

const plain = (r: Root): Landmarks => ({ skip: [], frames: [...r.querySelectorAll('iframe')] });

/** Custom elements under `root` in document order, or null when the document has no XPath. */
function customElements(doc: Document, root: Root): Element[] | null {
  if (typeof doc.evaluate !== 'function') return null;
  const out: Element[] = [];
  // XPath takes elements and documents as context; a shadow root's top elements stand in for it.
  const contexts: Node[] = root.nodeType === 11 ? [...(root as ShadowRoot).children] : [root];
  try {
    for (const context of contexts) {
      if (context.nodeType === 1 && (context as Element).localName.includes('-'))
        out.push(context as Element);
      const found = doc.evaluate(CUSTOM_ELEMENTS, context, null, ORDERED_SNAPSHOT, null);
      for (let i = 0; i < found.snapshotLength; i++) out.push(found.snapshotItem(i) as Element);
    }
  } catch {
    return null;
  }
  return out;
}

/** Moves the walker past the current element's subtree: the next element that is not inside it. */
function skipSubtree(walker: TreeWalker, root: Node): Element | null {
  for (;;) {
    const next = walker.nextSibling();
    if (next) return next as Element;
    const up = walker.parentNode();
    if (!up || up === root) return null;
  }
}

/**
 * `root` and every open shadow root and same-origin frame document under it, in document order.
 * `enter` is called once per root, before anything under it is visited.
 */
export function collectRoots(root: Root, enter: (r: Root) => Landmarks = plain): Root[] {
  const out: Root[] = [];
  const visit = (r: Root, depth: number) => {
    if (out.length >= MAX_ROOTS) return;
    out.push(r);
    const doc = r.nodeType === 9 ? (r as Document) : r.ownerDocument;
    if (!doc) return;
    const { skip, frames: found } = enter(r);
    const frames = new Set(depth < MAX_FRAME_DEPTH ? found : []);
    const skipped = new Set(skip);
    const look = (el: Element) => {
      if (el.shadowRoot) visit(el.shadowRoot, depth);
      if (frames.size > 0 && frames.delete(el)) visitFrame(el as HTMLIFrameElement, depth + 1);
    };
    // A tree walker, not querySelectorAll('*'): no list of every element is built.
    const walker = doc.createTreeWalker(r, SHOW_ELEMENT);
    let el = r.nodeType === 1 ? (r as Element) : (walker.nextNode() as Element | null);
    let last: Element | null = null;
    for (let n = 0; el && n < WALK_LIMIT; n++) {
      if (out.length >= MAX_ROOTS) return;
      last = el;
      if (skipped.size > 0 && skipped.has(el)) {
        // Not walked into, but frames inside are still read, in their place.
        for (const frame of frames)
          if (el.contains(frame) && frames.delete(frame)) visitFrame(frame as HTMLIFrameElement, depth + 1);
        el = skipSubtree(walker, r);
        continue;
      }
      look(el);
      el = walker.nextNode() as Element | null;
    }
    if (!el || !last) return;
    // A big root: past the walked part, only custom elements and frames.
    const custom = customElements(doc, r);
    if (custom === null) {
      for (let n = WALK_LIMIT; el && n < MAX_ELEMENTS; n++, el = walker.nextNode() as Element | null) {
        if (out.length >= MAX_ROOTS) return;
        look(el);
      }
      return;
    }
    const after = last;
    const later = (c: Element) => (after.compareDocumentPosition(c) & FOLLOWING) !== 0;
    const rest = [
      ...custom.filter((c) => later(c) && !skip.some((s) => s.contains(c))),
      ...[...frames].filter(later),
    ];
    if (frames.size > 0) rest.sort((a, b) => (a.compareDocumentPosition(b) & FOLLOWING ? -1 : 1));
    for (const c of rest) {
      if (out.length >= MAX_ROOTS) return;
      look(c);
    }
  };
  const visitFrame = (frame: HTMLIFrameElement, depth: number) => {
    let frameDoc: Document | null = null;
    try {
      // Cross-origin frames give null or throw (older engines): either way there is nothing to read.
      frameDoc = frame.contentDocument;
    } catch {
      frameDoc = null;
    }
    if (frameDoc?.documentElement) visit(frameDoc, depth);
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
