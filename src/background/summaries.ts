import { Dexie } from 'dexie';
import type { RadarDB } from '../store/db';
import { refreshSummaries } from '../store/page-view';
import { WATCHED_TABLES } from '../store/revision';

/** Writes come in bursts (a page read in batches, a bulk snooze): one refresh after the burst. */
const SETTLE_MS = 300;
/** …but a page that keeps changing still gets a summary this often. */
const MAX_WAIT_MS = 3000;

export interface SummaryKeeper {
  /** Refreshes the tabs' summaries soon (after the current burst of writes). */
  schedule(): void;
  /** Resolves once no refresh is scheduled or running (for tests). */
  idle(): Promise<void>;
}

/**
 * Keeps each tab's stored page view (src/store/page-view.ts) up to date: after every write of
 * warnings, deals or tabs, whoever made it, and when a popup found none that holds. A timer
 * lost when the worker stops only costs the next popup a full read (and that popup asks again).
 */
export function keepSummaries(db: RadarDB, now: () => number = Date.now): SummaryKeeper {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** When the oldest write not yet summarized came (0: none waiting). */
  let waitingSince = 0;
  let running: Promise<void> | undefined;
  let again = false;
  let settled: Array<() => void> = [];

  const run = () => {
    timer = undefined;
    waitingSince = 0;
    if (running) {
      again = true;
      return;
    }
    running = refreshSummaries(db, now())
      .then(
        () => undefined,
        (error: unknown) => console.warn('[deal-radar] page summaries', error),
      )
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          schedule();
        } else if (!timer) {
          for (const done of settled.splice(0)) done();
        }
      });
  };
  const schedule = () => {
    const at = Date.now();
    waitingSince ||= at;
    clearTimeout(timer);
    timer = setTimeout(run, Math.max(0, Math.min(SETTLE_MS, waitingSince + MAX_WAIT_MS - at)));
  };

  const prefixes = WATCHED_TABLES.map((table) => `idb://${db.name}/${table}/`);
  Dexie.on('storagemutated', (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((part) => prefixes.some((p) => part.startsWith(p)))) schedule();
  });

  return {
    schedule,
    idle: () =>
      !timer && !running
        ? Promise.resolve()
        : new Promise<void>((done) => {
            settled = [...settled, done];
          }),
  };
}
