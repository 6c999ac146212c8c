/** Work in slices that yield to the page, so no task of ours gets long. */

/** Budget per slice, well under the 50 ms of a long task. */
export const SLICE_MS = 8;

type SchedulerLike = { yield?: () => Promise<void> };

/** Gives the main thread back to the page. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Maps `fn` over `items` in slices of at most SLICE_MS, yielding between slices.
 * Returns the results in order (nulls dropped). `isCancelled` stops early.
 */
export async function sliced<T, R>(items: readonly T[], fn: (item: T) => R | null, isCancelled: () => boolean): Promise<R[]> {
  const out: R[] = [];
  let i = 0;
  while (i < items.length) {
    if (isCancelled()) return out;
    const end = performance.now() + SLICE_MS;
    while (i < items.length) {
      const r = fn(items[i] as T);
      if (r !== null) out.push(r);
      i++;
      // Reading the clock costs too; look every 16 items.
      if ((i & 15) === 0 && performance.now() >= end) break;
    }
    if (i < items.length) await yieldToPage();
  }
  return out;
}
