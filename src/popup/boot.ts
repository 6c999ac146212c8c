/*
 * The popup's head start. This script imports nothing, so the page runs it as soon as it is
 * fetched, while the popup's own modules are still loading: it finds the tab, opens the database
 * and reads the three records the first view usually needs (the tab, its stored page summary and
 * the data's revision: src/store/page-view.ts). main.tsx takes them from `globalThis` and checks
 * them before use. Whatever is unexpected (no database yet, another schema version, an error)
 * resolves to null, and the popup reads the usual way. It never writes: the background is the
 * only writer, and a database that does not exist yet is not created here.
 */

/** What the boot script read; `tab`, `summary` unchecked, as stored. */
export interface BootRead {
  tabId: number;
  tab: unknown;
  summary: unknown;
  revision: string;
}

/** The tab the popup shows (when known) and what was read for it (null: read the usual way). */
export interface Boot {
  tabId: number | undefined;
  read: BootRead | null;
}

/** Must match src/store/db.ts and src/store/page-view.ts (tests/unit/popup/boot.test.ts checks). */
export const BOOT_DB = { name: 'deal-radar', version: 5, revisionKey: 'revision' } as const;
const STORES = ['meta', 'tabs', 'summaries'];

declare global {
  var dealRadarBoot: Promise<Boot | null> | undefined;
}

type TabsApi = { tabs: { query(q: { active: boolean; currentWindow: boolean }): Promise<Array<{ id?: number }>> } };

/** The tab the popup shows: `?tab=ID`, else (in the toolbar popup) the active tab. */
export async function bootTabId(search: string, api: TabsApi | undefined): Promise<number | undefined> {
  const params = new URLSearchParams(search);
  const param = params.get('tab');
  if (param !== null) return /^\d+$/.test(param) ? Number(param) : undefined;
  if (params.get('mode') === 'dashboard' || !api) return undefined;
  const [active] = await api.tabs.query({ active: true, currentWindow: true });
  return active?.id;
}

/** Reads the first view's records in one read-only transaction; null when anything is off. */
export function bootRead(factory: IDBFactory, tabId: number): Promise<BootRead | null> {
  return new Promise((resolve) => {
    const open = factory.open(BOOT_DB.name);
    // No database yet: abort its creation (the background creates it, with its schema).
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(null);
    open.onblocked = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      const done = (read: BootRead | null) => {
        db.close();
        resolve(read);
      };
      // Dexie stores schema version n as IndexedDB version 10·n.
      if (db.version !== BOOT_DB.version * 10 || !STORES.every((s) => db.objectStoreNames.contains(s))) {
        done(null);
        return;
      }
      const tx = db.transaction(STORES, 'readonly');
      const tab = tx.objectStore('tabs').get(tabId);
      const summary = tx.objectStore('summaries').get(`tab:${tabId}`);
      const meta = tx.objectStore('meta').get(BOOT_DB.revisionKey);
      tx.oncomplete = () =>
        done({
          tabId,
          tab: tab.result,
          summary: summary.result,
          revision: (meta.result as { value?: string } | undefined)?.value ?? '',
        });
      tx.onerror = () => done(null);
      tx.onabort = () => done(null);
    };
  });
}

async function boot(): Promise<Boot> {
  const scope = globalThis as { browser?: TabsApi; chrome?: TabsApi };
  const tabId = await bootTabId(location.search, scope.browser ?? scope.chrome);
  return { tabId, read: tabId === undefined ? null : await bootRead(indexedDB, tabId).catch(() => null) };
}

if (typeof location !== 'undefined' && typeof indexedDB !== 'undefined') {
  globalThis.dealRadarBoot = boot().catch(() => null);
}
