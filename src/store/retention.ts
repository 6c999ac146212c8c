import { deleteDeals, type RadarDB } from './db';

const DAY = 24 * 60 * 60 * 1000;

export interface Pruned {
  /** Deals not seen on any page for the retention period, deleted with their warnings and changes. */
  deals: number;
  events: number;
  warnings: number;
  daily: number;
}

/**
 * Drops history older than the retention period: change events, warnings that ended long
 * ago, and daily counts. Deals, active warnings, snoozes and dismissals are kept, also on a
 * warning that ended (a snooze still running, or a dismissal a settings change kept: either
 * applies again if the warning comes back). A deal no CRM page has shown for the whole period,
 * and on no page open in a tab, goes with all its warnings and changes: closed, deleted or out
 * of every view the user opens, it would otherwise raise warnings for ever from what it last showed.
 */
export async function pruneHistory(db: RadarDB, now: number, retentionDays: number): Promise<Pruned> {
  const cutoff = now - retentionDays * DAY;
  const cutoffDay = new Date(cutoff).toISOString().slice(0, 10);
  // `meta` too: deleting deals and their active warnings changes what the popup shows, and the
  // data's revision (src/store/revision.ts) must say so.
  return db.transaction('rw', ['deals', 'events', 'warnings', 'daily', 'meta', 'tabs'], async () => {
    // A deal on a page open in a tab is seen, however long ago it was last sent: a page left open
    // sends only the rows that change.
    const open = new Set((await db.tabs.toArray()).flatMap((tab) => tab.dealIds));
    const gone = (await db.deals.where('lastSeen').below(cutoff).primaryKeys()).filter((id) => !open.has(id));
    let goneWarnings = 0;
    let goneEvents = 0;
    if (gone.length > 0) {
      const deals = await db.deals.bulkGet(gone);
      ({ warnings: goneWarnings, events: goneEvents } = await deleteDeals(db, gone));
      // A pipeline warning is about a site's deals: it goes when every deal it names has gone, or
      // the site has no deal left (only a scan of the site would otherwise end it).
      const goneIds = new Set(gone);
      const sites = new Set(deals.flatMap((d) => (d ? [d.site] : [])));
      for (const site of sites) {
        const empty = (await db.deals.where('site').equals(site).count()) === 0;
        goneWarnings += await db.warnings
          .where('site')
          .equals(site)
          .filter((w) => w.dealId === null && (empty || (w.dealIds.length > 0 && w.dealIds.every((id) => goneIds.has(id)))))
          .delete();
      }
    }
    const events = await db.events.where('at').below(cutoff).delete();
    const warnings = await db.warnings
      .filter(
        (w) =>
          w.status === 'resolved' &&
          (w.resolvedAt ?? w.updatedAt) < cutoff &&
          !((w.snoozeUntil ?? 0) > now) &&
          w.dismissedFingerprint === undefined,
      )
      .delete();
    const daily = await db.daily.where('day').below(cutoffDay).delete();
    return { deals: gone.length, events: events + goneEvents, warnings: warnings + goneWarnings, daily };
  });
}

/** The oldest share of change events, for when storage is full. */
export async function pruneOldest(db: RadarDB, share = 0.25): Promise<number> {
  const count = await db.events.count();
  const drop = Math.max(1, Math.floor(count * share));
  const keys = await db.events.orderBy('at').limit(drop).primaryKeys();
  await db.events.bulkDelete(keys);
  return keys.length;
}

export function isQuotaError(error: unknown): boolean {
  const names = [error, (error as { inner?: unknown })?.inner].map((e) => (e as { name?: unknown })?.name);
  return names.some((n) => n === 'QuotaExceededError');
}

/**
 * Runs a write; when storage is full, prunes the oldest history once, tells `onPruned`
 * (so the user hears of it) and tries again. Any other failure goes to the caller.
 */
export async function withRoomToWrite<T>(db: RadarDB, write: () => Promise<T>, onPruned: (dropped: number) => Promise<void>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    const dropped = await pruneOldest(db);
    await onPruned(dropped);
    return write();
  }
}
