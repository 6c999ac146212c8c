import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';

/*
 * The data's revision: every transaction that writes warnings, deals or tabs also puts a new
 * `revision` into `meta`, in the same transaction, whoever wrote (handlers, ingest, alarms,
 * retention, import). A stored summary (src/store/page-view.ts) names the revision it was
 * computed from; the popup uses it only while that is still the revision, so it never shows
 * a summary older than the data, and no writer has to remember to refresh it.
 */

/** The tables the popup's page view is computed from. */
export const WATCHED_TABLES: readonly string[] = ['warnings', 'deals', 'tabs'];
export const META_TABLE = 'meta';
export const REVISION_KEY = 'revision';

function newRevision(): string {
  return crypto.randomUUID();
}

/** True when the transaction can hold the bump: `meta` exists from schema v2 on. */
function hasMeta(trans: DBCoreTransaction): boolean {
  // The default DBCore's transaction is the IDBTransaction itself.
  return (trans as unknown as Partial<IDBTransaction>).objectStoreNames?.contains(META_TABLE) === true;
}

export const revisionMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'deal-radar-revision',
  create(down: DBCore): DBCore {
    const withMeta = down.schema.tables.some((t) => t.name === META_TABLE);
    // One bump per transaction is enough: the revision only has to differ from every earlier one.
    const bumped = new WeakSet<DBCoreTransaction>();
    const bump = (trans: DBCoreTransaction): Promise<unknown> | null => {
      if (bumped.has(trans) || !hasMeta(trans)) return null;
      bumped.add(trans);
      return down.table(META_TABLE).mutate({ type: 'put', trans, values: [{ key: REVISION_KEY, value: newRevision() }] });
    };
    const watched = (table: DBCoreTable): DBCoreTable => ({
      ...table,
      mutate(req: DBCoreMutateRequest) {
        const bumping = bump(req.trans);
        const done = table.mutate(req);
        // Both requests are in flight in the same transaction; the write answers once both did.
        return bumping ? done.then((res) => bumping.then(() => res)) : done;
      },
    });
    return {
      ...down,
      transaction(stores, mode, options) {
        const widen = withMeta && mode === 'readwrite' && !stores.includes(META_TABLE) && stores.some((s) => WATCHED_TABLES.includes(s));
        return down.transaction(widen ? [...stores, META_TABLE] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        return WATCHED_TABLES.includes(name) ? watched(table) : table;
      },
    };
  },
};
