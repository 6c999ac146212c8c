import { Dexie } from 'dexie';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { DB_NAME } from '../store/db';

/** A first value read before the component mounted, and how to tell it is still what the query says. */
export interface Seed<T> {
  value: T;
  /** Resolves true while nothing changed since `value` was read (else the query runs). */
  holds: () => Promise<boolean>;
}

/** Writes that come together (a page read in batches) cause one re-read, not one each. */
const SETTLE_MS = 40;

/**
 * A live read for queries over thousands of records. liveQuery deep-clones every result into its
 * cache and files every key it read in an interval tree: about 50 ms for 5,000 warnings, a third
 * of the popup's budget. This hook runs the query plainly and runs it again when one of `tables`
 * changes, here or in the background (Dexie's storagemutated event, which crosses contexts).
 */
export function useTableQuery<T>(
  query: () => Promise<T>,
  tables: readonly string[],
  deps: unknown[],
  seed?: Seed<T>,
): T | undefined {
  const [value, setValue] = useState<T | undefined>(seed?.value);
  // The seed stands for the first run only; later runs (new deps, changes) query.
  const unused = useRef(seed);
  useLayoutEffect(() => {
    let latest = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      const mine = ++latest;
      query().then(
        (result) => {
          // An older read that finished late must not overwrite a newer one.
          if (mine === latest) setValue(result);
        },
        (error: unknown) => console.warn('[deal-radar] query failed', error),
      );
    };
    const prefixes = tables.map((table) => `idb://${DB_NAME}/${table}/`);
    const onChange = (parts: Record<string, unknown>) => {
      if (!Object.keys(parts).some((part) => prefixes.some((p) => part.startsWith(p)))) return;
      clearTimeout(timer);
      timer = setTimeout(run, SETTLE_MS);
    };
    const first = unused.current;
    unused.current = undefined;
    if (first) {
      first.holds().then(
        (holds) => {
          if (!holds && latest === 0) run();
        },
        () => {
          if (latest === 0) run();
        },
      );
    } else run();
    Dexie.on('storagemutated', onChange);
    return () => {
      latest = -1;
      clearTimeout(timer);
      Dexie.on.storagemutated.unsubscribe(onChange);
    };
  }, deps);
  return value;
}
