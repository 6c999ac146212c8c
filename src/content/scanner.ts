import { MAX_BATCH } from '../messages/limits';
import type { Mark, RawDeal } from '../messages/schemas';
import type { FieldName } from '../sites/fields';
import type { SiteProfile } from '../sites/types';
import { Markers, MARKER_TAG } from './markers';
import { contextAlive, onMarksPushed, sendAct, sendObservation } from './messaging';
import { onNavigate } from './navigation';
import type { DealView, Settled } from './read';
import { sliced, yieldToPage } from './schedule';

/** Debounce for DOM changes: CRMs re-render in bursts. */
export const DEBOUNCE_MS = 300;
/** …but while changes keep coming (a user scrolling a virtual list) read at least this often. */
export const MAX_WAIT_MS = 1000;
/** How long to look for deal views that load late before giving up on a page. */
const DISCOVERY_WINDOW_MS = 15_000;

/** Header names the user gave this site's columns (custom sites). */
export type Aliases = Partial<Record<FieldName, string[]>>;
/** The user's choices for this page: is this CRM switched off, and its extra header names. */
export interface PageSettings {
  off: boolean;
  aliases: Aliases;
}
type Finder = (root: Document, pageUrl: string, aliases: Aliases) => DealView[];
const NO_ALIASES: Aliases = {};
/** Markup a list of deals could be in, when only the user's header names would tell. */
const MAYBE_LIST = 'table,[role=grid],[role=treegrid],[role=table],[role=row]';

/** Does `b` show the same as `a` (url, fields, flags)? Compared in place: no string per deal. */
export function sameDeal(a: RawDeal, b: RawDeal): boolean {
  if (a.url !== b.url) return false;
  const fa = a.fields as Record<string, string | undefined>;
  const fb = b.fields as Record<string, string | undefined>;
  let count = 0;
  for (const name in fa) {
    if (fa[name] !== fb[name]) return false;
    count++;
  }
  for (const _ in fb) count--;
  if (count !== 0) return false;
  const xa = a.flags ?? [];
  const xb = b.flags ?? [];
  return xa.length === xb.length && xa.every((flag, i) => flag === xb[i]);
}

/**
 * Reads one tab's deal views and keeps the background up to date: a full scan at first
 * and after navigation, then only the rows that changed.
 */
export class Scanner {
  private views: DealView[] = [];
  /** What was last sent per record key: rows that did not change are not sent again. */
  private sent = new Map<string, RawDeal>();
  readonly marks = new Map<string, Mark>();
  /** Where each deal read on this page is, for its marker. */
  private where = new Map<string, { view: DealView; item: Element }>();
  /** Rows and cards already read: a change inside one re-reads just that one. */
  private known = new WeakSet<Element>();
  private readonly markers = new Markers(
    {
      snooze: (mark) => void this.act('snooze', mark),
      dismiss: (mark) => void this.act('dismiss', mark),
    },
    () => this.alive(),
  );
  private scanId = '';
  private batch = 0;
  private seen = 0;
  private unreadable = 0;
  private url = location.href;
  private observer: MutationObserver | null = null;
  private dirty = new Set<Node>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the first change of the pending burst arrived (0: none pending). */
  private burstStart = 0;
  private discoveryEnds = 0;
  private generation = 0;
  /** The scan under way (its generation), or 0; changes seen meanwhile wait for it (`waiting`). */
  private running = 0;
  private waiting = false;
  private stopped = false;
  /** Read when the page first shows something worth reading; null until then. */
  private settings: PageSettings | null = null;
  private connecting: Promise<PageSettings | null> | null = null;
  private stopNavigation: () => void = () => undefined;

  constructor(
    private readonly profile: SiteProfile,
    private readonly find: Finder,
    private readonly loadSettings: () => Promise<PageSettings>,
  ) {}

  start(): void {
    this.discoveryEnds = performance.now() + DISCOVERY_WINDOW_MS;
    this.observer = new MutationObserver((records) => this.onMutations(records));
    // Until views are found we watch the body for late content, for a bounded time.
    this.observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
    // A page that showed no deals stops watching its changes after a while; the app may still
    // navigate to one that does.
    this.stopNavigation = onNavigate(() => this.onNavigated());
    void this.discover();
  }

  stop(): void {
    this.stopped = true;
    this.markers.clear();
    this.observer?.disconnect();
    this.stopNavigation();
    clearTimeout(this.timer);
  }

  /** A new URL: read the new page once the app has had a moment to render it (see flush). */
  private onNavigated(): void {
    if (this.stopped || location.href === this.url) return;
    if (this.burstStart === 0) this.burstStart = performance.now();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), DEBOUNCE_MS);
  }

  private alive(): boolean {
    if (!this.stopped && !contextAlive()) this.stop();
    return !this.stopped;
  }

  private async act(action: 'snooze' | 'dismiss', shown: Mark): Promise<void> {
    const reply = await sendAct(action, shown);
    if (!reply) return;
    const keys = new Set(reply.marks.map((m) => m.key));
    for (const [key, mark] of this.marks) {
      if (mark.warningId === shown.warningId) {
        this.marks.delete(key);
        keys.add(key);
      }
    }
    for (const m of reply.marks) this.marks.set(m.key, m);
    // The warning changed since the card showed it (another tab saw it get worse): nothing was
    // done, and the card opens again on the warning as it is now.
    this.renderMarks(keys, reply.changed);
  }

  /** Brings the markers of these deals up to date (only these: a batch must not redo the page). */
  private renderMarks(keys: Iterable<string>, changed = false): void {
    // A reply that arrives after this scanner was stopped must not mark the page.
    if (this.stopped) return;
    for (const key of keys) {
      const mark = this.marks.get(key) ?? null;
      // Nothing to show and nothing shown: the row need not be looked at.
      if (mark === null && !this.markers.has(key)) continue;
      const at = this.where.get(key);
      const anchor = at?.item.isConnected ? at.view.anchor(at.item) : null;
      this.markers.set(key, mark, anchor, changed);
    }
  }

  /**
   * The extension's side, set up once the page shows something worth reading: the settings (off,
   * the user's header names) and the listener for markers pushed from the popup. Until then the
   * script costs a page no extension API calls. Null when the site is switched off or we are gone.
   */
  private connect(): Promise<PageSettings | null> {
    // One read, however many discoveries ask while it is on its way (a burst of changes may).
    this.connecting ??= this.readSettings();
    return this.connecting.then((settings) => (settings !== null && this.alive() ? settings : null));
  }

  private async readSettings(): Promise<PageSettings | null> {
    if (!this.alive()) return null;
    const settings = await this.loadSettings();
    if (this.stopped) return null;
    this.settings = settings;
    if (settings.off) {
      this.stop();
      return null;
    }
    onMarksPushed((marks) => {
      const keys = new Set([...this.marks.keys(), ...marks.map((m) => m.key)]);
      this.marks.clear();
      for (const m of marks) this.marks.set(m.key, m);
      this.renderMarks(keys);
      // Told to stop (access withdrawn, or the CRM switched off): no more reading, from now on.
      this.alive();
    });
    return settings;
  }

  private findViews(): DealView[] {
    if (!this.profile.isDealPage(new URL(location.href))) return [];
    return this.find(document, location.href, this.settings?.aliases ?? NO_ALIASES);
  }

  private async discover(): Promise<void> {
    if (this.stopped) return;
    let views = this.findViews();
    // A table on a site the user added may need the user's header names to be read at all.
    const unsure =
      this.settings === null &&
      views.length === 0 &&
      this.profile.id === 'generic' &&
      document.querySelector(MAYBE_LIST) !== null;
    if (this.settings === null && (views.length > 0 || unsure)) {
      const settings = await this.connect();
      if (settings === null) return;
      // The user's names may find more (views found already are live: they follow the page).
      if (views.length === 0 || Object.keys(settings.aliases).length > 0) views = this.findViews();
    } else if (views.length > 0 && !this.alive()) return;
    // A scan of the views found before is over.
    this.generation++;
    this.views = views;
    if (this.views.length === 0) {
      if (performance.now() > this.discoveryEnds) this.observer?.disconnect();
      return;
    }
    // One observer on the whole body: rows change inside the views, and single-page
    // navigation shows up as changes elsewhere. The callback only collects nodes.
    this.observer?.disconnect();
    this.observer?.observe(document.body ?? document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['href', 'aria-label', 'title', 'aria-current', 'aria-selected'],
    });
    // Finding the views was one task; reading them starts in the next.
    await yieldToPage();
    await this.scan(null);
  }

  private onMutations(records: MutationRecord[]): void {
    for (const r of records) {
      // Added nodes say which rows are new; removed rows need no reading (a row that
      // scrolls out of a virtual list is not a deleted deal).
      if (r.type === 'childList') {
        for (const n of r.addedNodes) if (n.nodeName.toLowerCase() !== MARKER_TAG) this.dirty.add(n);
      } else this.dirty.add(r.target);
    }
    // Our own markers coming and going are no news.
    if (this.dirty.size === 0) return;
    this.later();
  }

  /** Reads the changes after a short quiet, or at most MAX_WAIT_MS after the first of a burst. */
  private later(): void {
    const now = performance.now();
    if (this.burstStart === 0) this.burstStart = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, this.burstStart + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  private async flush(): Promise<void> {
    // Before the first view is found the extension has not been asked anything (see connect).
    if (this.stopped || (this.settings !== null && !this.alive())) return;
    // A scan of this page's views under way reads on: the changes wait for it. Started now, a scan
    // would cancel it, and the rows it took on (read or not) would all be read again, or, as the
    // page keeps changing (a clock, a spinner), again and again, and a full scan would never end.
    if (
      this.running !== 0 &&
      location.href === this.url &&
      this.views.length > 0 &&
      this.views.every((v) => v.container.isConnected)
    ) {
      this.waiting = true;
      return;
    }
    const dirty = [...this.dirty];
    this.dirty.clear();
    this.burstStart = 0;
    if (location.href !== this.url) {
      // Single-page navigation: a new page, a new scan.
      this.url = location.href;
      this.sent.clear();
      this.marks.clear();
      this.where.clear();
      this.markers.clear();
      this.discoveryEnds = performance.now() + DISCOVERY_WINDOW_MS;
      this.observer?.disconnect();
      this.observer?.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
      await this.discover();
      return;
    }
    if (this.views.length === 0 || this.views.some((v) => !v.container.isConnected)) {
      await this.discover();
      return;
    }
    await this.scan(dirty);
  }

  /**
   * `read` (deals read from the items `from`) after `again`: rows whose keys the reads changed
   * (rows of one name, see read/namesakes.ts). A deal read in this scan takes its new key; a row
   * read before is read again. Where the old keys were is forgotten, so no marker of such a key
   * lands on the row.
   */
  private async rekey(
    view: DealView,
    again: readonly Settled[],
    read: RawDeal[],
    from: Element[],
    cancelled: () => boolean,
  ): Promise<RawDeal[]> {
    const changed = new Map<Element, Settled>();
    for (const s of again) {
      changed.set(s.item, s);
      if (this.where.get(s.was)?.item === s.item) this.where.delete(s.was);
    }
    const out = read.map((deal, i) => {
      const item = from[i] as Element;
      const s = changed.get(item);
      if (s === undefined) return deal;
      changed.delete(item);
      if (this.where.get(deal.key)?.item === item) this.where.delete(deal.key);
      this.where.set(s.key, { view, item });
      return { ...deal, key: s.key };
    });
    const fresh = await sliced(
      [...changed.keys()],
      (item) => {
        const deal = view.read(item);
        if (deal) this.where.set(deal.key, { view, item });
        return deal;
      },
      cancelled,
    );
    return fresh.length > 0 ? out.concat(fresh) : out;
  }

  /** Reads the views (all items, or only those touched by `dirty` nodes) and sends what changed. */
  private async scan(dirty: Node[] | null): Promise<void> {
    const generation = ++this.generation;
    this.running = generation;
    try {
      await this.read(dirty, generation);
    } finally {
      if (this.running === generation) {
        this.running = 0;
        // Changes that came while it read.
        if (this.waiting) {
          this.waiting = false;
          this.burstStart = 0;
          this.later();
        }
      }
    }
  }

  private async read(dirty: Node[] | null, generation: number): Promise<void> {
    // What this scan reads and where: the app may move to another page (or re-render) under it,
    // and nothing read here may be sent as that page's.
    const pageUrl = location.href;
    const views = this.views;
    const cancelled = () => generation !== this.generation || location.href !== pageUrl || !this.alive();
    const full = dirty === null;
    if (full) {
      this.scanId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      this.batch = 0;
      this.seen = 0;
      this.unreadable = 0;
    }
    let pending: RawDeal[] = [];
    const flushBatch = async (done: boolean) => {
      if (pending.length === 0 && !done) return;
      const view = views[0];
      if (view === undefined || cancelled()) return;
      const deals = pending;
      pending = [];
      const marks = await sendObservation({
        siteId: this.profile.id,
        pageUrl,
        locale: document.documentElement.lang || navigator.language,
        view: view.kind,
        stageOrder: views.find((v) => v.stageOrder?.length)?.stageOrder,
        deals,
        scan: {
          id: this.scanId,
          batch: this.batch++,
          done,
          full,
          seen: this.seen,
          unreadable: this.unreadable,
        },
      });
      if (marks) {
        for (const d of deals) this.marks.delete(d.key);
        for (const m of marks) this.marks.set(m.key, m);
        this.renderMarks(deals.map((d) => d.key));
      }
    };

    for (const view of views) {
      const items = full ? view.items() : itemsTouched(view, dirty, this.known);
      if (full) {
        this.seen += items.length;
        // Listing a large view's items is a task of its own, apart from reading the first slice.
        if (items.length > 1000) await yieldToPage();
      }
      // The item each deal was read from, in step with `read`.
      const from: Element[] = [];
      let read = await sliced(
        items,
        (item) => {
          const deal = view.read(item);
          this.known.add(item);
          if (!deal && full) this.unreadable++;
          if (deal) {
            this.where.set(deal.key, { view, item });
            from.push(item);
          }
          return deal;
        },
        cancelled,
      );
      // The keys these reads changed are left for the next read of the view to settle.
      if (cancelled()) break;
      const again = view.settle?.() ?? [];
      if (again.length > 0) {
        read = await this.rekey(view, again, read, from, cancelled);
        if (cancelled()) break;
      }
      for (const deal of read) {
        const before = this.sent.get(deal.key);
        if (before !== undefined && sameDeal(before, deal)) continue;
        this.sent.set(deal.key, deal);
        pending.push(deal);
        if (pending.length >= MAX_BATCH) {
          await flushBatch(false);
          if (cancelled()) break;
        }
      }
      if (cancelled()) break;
    }
    if (cancelled()) {
      // The page moved on, or its lists were found anew: the scan that follows reads them all.
      // What this one did not send is not taken as sent, so that scan sends it.
      for (const deal of pending) if (this.sent.get(deal.key) === deal) this.sent.delete(deal.key);
      return;
    }
    // A full scan always ends with a `done` batch, so the badge stops showing progress.
    if (full || pending.length > 0) await flushBatch(true);
  }
}

/**
 * The items to read again after changes: known items that contain (or are) a changed node,
 * plus items not read yet when rows were added or replaced. Walking up from each changed
 * node avoids listing all rows of a 10,000-row page for a change in ten of them.
 */
function itemsTouched(view: DealView, dirty: Node[], known: WeakSet<Element>): Element[] {
  const touched = new Set<Element>();
  let structural = dirty.length > 2000;
  for (const node of dirty) {
    if (structural) break;
    let el: Node | null = node;
    while (el && el !== view.container && !known.has(el as Element)) el = el.parentNode;
    if (el === view.container) structural = true;
    else if (el) touched.add(el as Element);
  }
  if (structural) {
    // Rows came or went: read the ones we have not seen (known ones unchanged are skipped).
    for (const item of view.items()) if (!known.has(item)) touched.add(item);
  }
  return [...touched];
}
