import { liveQuery } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * Subscribes a component to a Dexie query: it re-renders whenever the data it read changes.
 * Subscribes in a layout effect, right after the first render, not after the first paint: the
 * query starts a frame sooner, which the popup's 150 ms budget notices.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useLayoutEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (error: unknown) => console.warn('[deal-radar] query failed', error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
