/**
 * In-page markers: a small dot beside each flagged deal (row, card or record heading),
 * coloured by severity, with a tooltip; a click opens a compact card with snooze and
 * dismiss. Plain DOM in a closed shadow root: no framework in the page, no styles
 * leaking either way, and a zero-size host so the CRM's layout does not shift.
 */
import type { Mark } from '../messages/schemas';

export const MARKER_TAG = 'deal-radar-marker';

const STYLE = `
:host { all: initial; }
.dot { all: unset; box-sizing: border-box; position: absolute; left: -11px; top: -4px; width: 9px; height: 9px;
  border-radius: 50%; cursor: pointer; border: 1px solid rgba(0,0,0,.35); }
.dot.warn { background: #f59e0b; } .dot.critical { background: #dc2626; }
.dot:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
.card { position: absolute; left: -14px; top: 10px; z-index: 2147483647; width: 280px; padding: 10px 12px;
  background: #fff; color: #0f172a; border: 1px solid #cbd5e1; border-radius: 8px; box-shadow: 0 8px 24px rgba(15,23,42,.18);
  font: 13px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; text-align: left; white-space: normal; }
.card[hidden] { display: none; }
.card h2 { font-size: 13px; margin: 0 0 4px; }
.card ul { margin: 0 0 8px; padding-left: 16px; }
.card .note { margin: 0 0 6px; font-style: italic; } .card .note:empty { display: none; }
.card .note:focus { outline: none; }
.card button { font: inherit; border: 1px solid #cbd5e1; background: #f8fafc; color: inherit; border-radius: 4px; padding: 2px 8px; margin-right: 6px; cursor: pointer; }
@media (prefers-color-scheme: dark) { .card { background: #0f172a; color: #e2e8f0; border-color: #334155; } .card button { background: #1e293b; border-color: #334155; } }
`;

export interface MarkerActions {
  /** On the warning the card shows. */
  snooze(mark: Mark): void;
  dismiss(mark: Mark): void;
}

/** Said in the card when its warning changed between showing and the user's Snooze or Dismiss. */
const CHANGED_NOTE = 'This warning changed since it was shown, so nothing was snoozed or dismissed. Here it is as it is now.';

interface Marker {
  host: HTMLElement;
  /** `changed`: the user acted on an older form of this warning; the card opens again with a note. */
  update(mark: Mark, changed?: boolean): void;
}

/** Creates a text element: page and deal text only ever becomes text, never markup. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  cls?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

/** A marker, or null where the page made one impossible (it gave the tag a shadow root of its own). */
function createMarker(actions: MarkerActions): Marker | null {
  const host = document.createElement(MARKER_TAG);
  // Zero size, inline: nothing around it moves.
  host.style.cssText =
    'all: initial; position: relative; display: inline-block; width: 0; height: 0; vertical-align: middle;';
  let shadow: ShadowRoot;
  try {
    shadow = host.attachShadow({ mode: 'closed' });
  } catch {
    return null;
  }
  const style = el('style', STYLE);
  const dot = el('button', undefined, 'dot');
  dot.type = 'button';
  // A disclosure: the dot says whether its card is open, the card is named by its heading, and
  // the focus stays on the dot (the card's buttons follow it in the tab order).
  const card = el('div', undefined, 'card');
  card.hidden = true;
  card.id = 'card';
  card.setAttribute('role', 'group');
  card.setAttribute('aria-labelledby', 'card-title');
  dot.setAttribute('aria-expanded', 'false');
  dot.setAttribute('aria-controls', 'card');
  const heading = el('h2');
  heading.id = 'card-title';
  const facts = el('ul');
  // Focused when it has something to say: the focus is then where the news is.
  const note = el('p', undefined, 'note');
  note.tabIndex = -1;
  const snooze = el('button', 'Snooze 1 day');
  const dismiss = el('button', 'Dismiss');
  snooze.type = 'button';
  dismiss.type = 'button';
  card.append(heading, note, facts, snooze, dismiss);
  shadow.append(style, dot, card);
  let current: Mark | null = null;

  const stop = (e: Event) => {
    // Keep the CRM from treating a click on our marker as a click on its row.
    e.stopPropagation();
    e.preventDefault();
  };
  /*
   * Only the user's own clicks and keys act. A page can reach a "closed" shadow root: it can
   * define this tag itself before we draw a marker and keep the element's internals. What it
   * then clicks or dispatches is not trusted.
   */
  const show = (open: boolean) => {
    card.hidden = !open;
    dot.setAttribute('aria-expanded', String(open));
  };
  /** Closes the card with the focus back on the dot (it was on the dot or inside the card). */
  const close = () => {
    show(false);
    dot.focus();
  };
  dot.addEventListener('click', (e) => {
    stop(e);
    if (!e.isTrusted) return;
    show(card.hidden === true);
  });
  // Escape on the dot or anywhere in the card closes it; the CRM does not see that key.
  shadow.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key !== 'Escape' || card.hidden) return;
    stop(e);
    close();
  });
  snooze.addEventListener('click', (e) => {
    stop(e);
    if (!e.isTrusted) return;
    close();
    if (current) actions.snooze(current);
  });
  dismiss.addEventListener('click', (e) => {
    stop(e);
    if (!e.isTrusted) return;
    close();
    if (current) actions.dismiss(current);
  });
  card.addEventListener('click', (e) => e.stopPropagation());

  return {
    host,
    update(mark, changed = false) {
      current = mark;
      dot.className = `dot ${mark.severity}`;
      const more = mark.count > 1 ? ` (+${mark.count - 1} more)` : '';
      // The dot's colour says how bad; its words say it too.
      const level = mark.severity === 'critical' ? 'Critical' : 'Warning';
      const tip = `Deal Radar, ${level.toLowerCase()}: ${mark.title}${more}\n${mark.facts.join('\n')}`;
      dot.title = tip;
      dot.setAttribute('aria-label', tip);
      heading.textContent = `${level}: ${mark.title}${more}`;
      facts.replaceChildren(...mark.facts.map((f) => el('li', f)));
      // The note goes with the next update: a focus on it would fall to the page.
      if (!changed && shadow.activeElement === note) dot.focus();
      note.textContent = changed ? CHANGED_NOTE : '';
      if (changed) {
        show(true);
        // Only from the dot the action left it on: the focus is not taken from where the user went since.
        if (document.activeElement === host) note.focus();
      }
    },
  };
}

/** Where the host goes: before a link (no button inside a link), else first inside the anchor. */
function place(host: HTMLElement, anchor: Element): void {
  if (anchor.closest('a, button')) {
    const outer = anchor.closest('a, button') as Element;
    if (outer.previousSibling !== host) outer.before(host);
  } else if (anchor.firstChild !== host) {
    anchor.prepend(host);
  }
}

/**
 * Takes a marker off the page. Where the focus was in it (its warning was just snoozed or
 * dismissed from its card, by keyboard), it goes to the deal's link beside it, not to the page's top.
 */
function removeHost(host: HTMLElement): void {
  if (document.activeElement === host) {
    const next = host.nextElementSibling;
    const link = next?.matches('a[href], button') ? next : host.parentElement?.querySelector('a[href], button');
    if (link instanceof HTMLElement) link.focus();
  }
  host.remove();
}

/** A flagged deal waiting for its anchor to come into view, kept on the anchor itself (see Markers). */
const WAITING = Symbol('deal-radar waiting');
/** `at`: the anchor's place in Markers.queue. */
type Waiting = Element & { [WAITING]?: { key: string; mark: Mark; at: number } | undefined };

/**
 * How many waiting deals on either side of one that comes into view (in the order they were
 * flagged, which is the page's) get their markers with it. Adding anything to a table makes the
 * browser lay the whole table out again: a list of 10,000 rows took 140-190 ms a frame to scroll
 * while markers went in a few rows at a time, against 17 ms without them. In windows of this
 * many, that happens once every few hundred rows instead of on every frame.
 */
const AROUND = 100;

/**
 * Keeps one marker per flagged deal on the page and removes those whose warning ended.
 * Markers are built only when their row comes near the viewport (a list of 10,000 rows
 * must not get 10,000 shadow roots at once). What a waiting anchor will show is kept on the
 * anchor's wrapper (our own view of the element: the page does not see it), not in a Map keyed
 * by elements, which costs far more per row.
 */
export class Markers {
  private markers = new Map<string, Marker>();
  /** Anchors of the flagged deals waiting to come into view, by deal key. */
  private anchors = new Map<string, Element>();
  /** The same anchors in the order they were set (see AROUND); an entry no longer waiting stays until the next compaction. */
  private queue: Array<Element | undefined> = [];
  /** Made with the first marker: a page with nothing flagged never gets one. */
  private watcher: IntersectionObserver | null = null;

  constructor(
    private readonly actions: MarkerActions,
    /** False once this copy of the content script is orphaned (extension updated or removed). */
    private readonly alive: () => boolean = () => true,
  ) {}

  private get observer(): IntersectionObserver {
    this.watcher ??= new IntersectionObserver((entries) => this.onVisible(entries), {
      rootMargin: '300px 0px',
    });
    return this.watcher;
  }

  /** True when the deal has a marker, on screen or waiting to come into view. */
  has(key: string): boolean {
    return this.markers.has(key) || this.anchors.has(key);
  }

  /**
   * Sets (or, with `mark` null, removes) the marker of one deal. `changed`: its warning changed
   * before the user's Snooze or Dismiss reached it (see MarkerActions); the card says so.
   */
  set(key: string, mark: Mark | null, anchor: Element | null, changed = false): void {
    const previous = this.anchors.get(key);
    const show = mark !== null && anchor?.isConnected === true;
    if (previous !== undefined && (previous !== anchor || !show)) this.stopWaiting(key, previous);
    if (!show || !mark || !anchor) {
      const gone = this.markers.get(key);
      if (gone) removeHost(gone.host);
      this.markers.delete(key);
      return;
    }
    const marker = this.markers.get(key);
    if (marker) {
      place(marker.host, anchor);
      marker.update(mark, changed);
      return;
    }
    const waiting = (anchor as Waiting)[WAITING];
    if (previous === anchor && waiting !== undefined) {
      waiting.mark = mark;
      return;
    }
    // Entries that stopped waiting outnumber those waiting: the queue starts again from the anchors.
    if (this.queue.length >= 64 && this.queue.length > 2 * this.anchors.size) this.compact();
    (anchor as Waiting)[WAITING] = { key, mark, at: this.queue.push(anchor) - 1 };
    this.anchors.set(key, anchor);
    this.observer.observe(anchor);
  }

  /** The queue of waiting anchors without the entries that stopped waiting, each told its new place. */
  private compact(): void {
    this.queue = [];
    for (const anchor of this.anchors.values()) {
      const waiting = (anchor as Waiting)[WAITING];
      if (waiting) waiting.at = this.queue.push(anchor) - 1;
    }
  }

  private stopWaiting(key: string, anchor: Element): void {
    this.watcher?.unobserve(anchor);
    const waiting = (anchor as Waiting)[WAITING];
    if (waiting && this.queue[waiting.at] === anchor) this.queue[waiting.at] = undefined;
    (anchor as Waiting)[WAITING] = undefined;
    this.anchors.delete(key);
  }

  private onVisible(entries: IntersectionObserverEntry[]): void {
    if (!this.alive()) {
      this.clear();
      return;
    }
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const at = (entry.target as Waiting)[WAITING]?.at;
      if (at === undefined) {
        this.observer.unobserve(entry.target);
        continue;
      }
      // The rows around it too, all in this task: the page lays its list out once for all of them.
      const end = Math.min(this.queue.length, at + AROUND + 1);
      for (let i = Math.max(0, at - AROUND); i < end; i++) {
        const anchor = this.queue[i];
        if (anchor !== undefined) this.build(anchor as Waiting);
      }
    }
  }

  /**
   * The marker of a waiting anchor, built and put in place. An anchor off the page (a virtual list
   * took its row away for now) keeps waiting: it is built when it comes into view again.
   */
  private build(anchor: Waiting): void {
    const waiting = anchor[WAITING];
    if (!waiting || !anchor.isConnected) return;
    this.stopWaiting(waiting.key, anchor);
    const marker = createMarker(this.actions);
    if (!marker) return;
    marker.update(waiting.mark);
    place(marker.host, anchor);
    this.markers.set(waiting.key, marker);
  }

  /** Keys with a marker on screen or waiting to come into view. */
  keys(): string[] {
    return [...new Set([...this.markers.keys(), ...this.anchors.keys()])];
  }

  clear(): void {
    for (const m of this.markers.values()) removeHost(m.host);
    this.markers.clear();
    this.watcher?.disconnect();
    for (const anchor of this.anchors.values()) (anchor as Waiting)[WAITING] = undefined;
    this.anchors.clear();
    this.queue = [];
  }
}
