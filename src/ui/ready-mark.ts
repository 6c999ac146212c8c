import { useEffect } from 'preact/hooks';

/** The mark tests/bench/popup.bench.ts reads: the first view painted with its data and ready for input. */
export const READY_MARK = 'deal-radar:interactive';
/** Marks on the way there, for the benchmark's breakdown: the script runs; the first view's data arrived. */
export const START_MARK = 'deal-radar:start';
export const DATA_MARK = 'deal-radar:data';

let marked = false;
const waiting: Array<() => void> = [];

/** Runs `work` once the first view is on screen (at once if it already is): work that must not delay it. */
export function afterReady(work: () => void): void {
  if (marked) work();
  else waiting.push(work);
}

/**
 * Sets READY_MARK once, after the first paint where `ready` holds (effects run after paint).
 * `source` says where the first view's data came from (the benchmark reports it).
 */
export function useReadyMark(ready: boolean, source?: string): void {
  if (ready && !marked && performance.getEntriesByName(DATA_MARK).length === 0) {
    performance.mark(DATA_MARK, source === undefined ? undefined : { detail: { source } });
  }
  useEffect(() => {
    if (!ready || marked) return;
    marked = true;
    performance.mark(READY_MARK);
    for (const work of waiting.splice(0)) work();
  }, [ready]);
}
