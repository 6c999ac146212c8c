import { browser } from '../platform/browser';
import { wake } from '../radar/lifecycle';
import type { RadarDB } from '../store/db';

export const SNOOZE_ALARM = 'snooze-wake';

/** Sets one alarm at the earliest snooze end (the worker sleeps; timers would be lost). */
export async function scheduleSnoozeWake(db: RadarDB): Promise<void> {
  const next = await db.warnings.where('snoozeUntil').above(0).filter((w) => w.status === 'snoozed').toArray();
  const earliest = next.reduce((min, w) => Math.min(min, w.snoozeUntil ?? Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
  await browser.alarms.clear(SNOOZE_ALARM);
  if (Number.isFinite(earliest)) await browser.alarms.create(SNOOZE_ALARM, { when: Math.max(earliest, Date.now() + 1000) });
}

/**
 * Sets the snooze alarm when the worker starts without one. Browsers do not promise to keep an
 * extension's alarms: Chrome may clear them when the extension is reloaded (switched off and on:
 * no install or startup event follows) or the browser restarts. A snooze would then never end.
 */
export async function ensureSnoozeAlarm(db: RadarDB): Promise<void> {
  if (await browser.alarms.get(SNOOZE_ALARM)) return;
  await scheduleSnoozeWake(db);
}

/** Snoozes that ended become active warnings again. Returns how many woke. */
export async function wakeSnoozes(db: RadarDB, now: number): Promise<number> {
  return db.transaction('rw', db.warnings, async () => {
    const due = wake(await db.warnings.where('snoozeUntil').belowOrEqual(now).toArray(), now);
    await db.warnings.bulkPut(due);
    return due.length;
  });
}
