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
