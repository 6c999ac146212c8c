/**
 * Reads every record of one object store of Deal Radar's database. Self-contained (no imports,
 * no outer names) so it can be handed to a page's `evaluate` in Chromium and in Firefox.
 */
export function readAllInPage(name: string): Promise<unknown[]> {
  return new Promise<unknown[]>((resolve, reject) => {
    const open = indexedDB.open('deal-radar');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const all = db.transaction(name, 'readonly').objectStore(name).getAll();
      all.onsuccess = () => {
        resolve(all.result);
        db.close();
      };
      all.onerror = () => reject(all.error);
    };
  });
}

/**
 * Changes one record of Deal Radar's database in place (the fields of `patch` over the stored
 * ones): a test's hand on the data, as another tab's scan or the passing of time would change it.
 * Self-contained like readAllInPage. Resolves to false when there is no such record.
 */
export function patchRecordInPage(args: { store: string; key: string | number; patch: Record<string, unknown> }): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    const open = indexedDB.open('deal-radar');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(args.store, 'readwrite');
      const store = tx.objectStore(args.store);
      let found = false;
      const get = store.get(args.key);
      get.onsuccess = () => {
        if (get.result === undefined) return;
        found = true;
        store.put({ ...get.result, ...args.patch });
      };
      tx.oncomplete = () => {
        db.close();
        resolve(found);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}
