import type { Warning } from './model';

/*
 * The life of a warning, as pure functions: the store applies them in one transaction.
 *
 *   new finding                      → active
 *   active     + still firing        → active (facts, score, fingerprint refreshed)
 *   snoozed    + still firing        → snoozed until snoozeUntil, then active
 *   dismissed  + same fingerprint    → dismissed
 *   dismissed  + new fingerprint     → active (a new slip, a higher severity)
 *   resolved   + firing again        → active (snoozed again while an earlier snooze still runs)
 *   any        + no longer firing    → resolved (resolvedAt), only for deals in scope
 */

export interface ReconcileScope {
  /** Deals that were evaluated: only their warnings may resolve. */
  dealIds: ReadonlySet<string>;
  /** Whether pipeline rules ran (their warnings resolve only then). Default true. */
  pipeline?: boolean;
  /** Only warnings of this site, when `existing` holds more than one site. */
  site?: string;
}

function inScope(w: Warning, scope: ReconcileScope): boolean {
  if (scope.site !== undefined && w.site !== scope.site) return false;
  return w.dealId === null ? scope.pipeline !== false : scope.dealIds.has(w.dealId);
}

/** What the new finding says, on top of the stored record's state. */
function refreshed(old: Warning, fresh: Warning, now: number): Warning {
  const { resolvedAt: _resolved, ...kept } = old;
  return {
    ...kept,
    site: fresh.site,
    dealId: fresh.dealId,
    dealIds: fresh.dealIds,
    ruleId: fresh.ruleId,
    severity: fresh.severity,
    score: fresh.score,
    facts: fresh.facts,
    nudge: fresh.nudge,
    fingerprint: fresh.fingerprint,
    updatedAt: now,
  };
}

function activated(w: Warning): Warning {
  const { snoozeUntil: _until, snoozeReason: _reason, dismissedFingerprint: _fp, ...rest } = w;
  return { ...rest, status: 'active' };
}

function next(old: Warning, fresh: Warning, now: number): Warning {
  const w = refreshed(old, fresh, now);
  switch (old.status) {
    case 'active':
      return w;
    case 'snoozed':
      return (old.snoozeUntil ?? 0) > now ? w : activated(w);
    case 'dismissed':
      return old.dismissedFingerprint === fresh.fingerprint ? w : activated(w);
    case 'resolved': {
      const back = { ...w, raisedAt: now };
      return (old.snoozeUntil ?? 0) > now ? { ...back, status: 'snoozed' } : activated(back);
    }
  }
}

/**
 * Merges fresh findings (Warning-shaped, status active) into the stored warnings and returns
 * the records to put: every fresh one in its new state, plus those whose condition ended.
 */
export function reconcile(
  existing: readonly Warning[],
  fresh: readonly Warning[],
  now: number,
  scope: ReconcileScope,
): Warning[] {
  const byId = new Map<string, Warning>();
  for (const w of existing) byId.set(w.id, w);
  const out: Warning[] = [];
  const seen = new Set<string>();
  for (const f of fresh) {
    seen.add(f.id);
    const old = byId.get(f.id);
    out.push(
      old === undefined ? { ...f, status: 'active', raisedAt: now, updatedAt: now } : next(old, f, now),
    );
  }
  for (const w of existing) {
    if (seen.has(w.id) || w.status === 'resolved' || !inScope(w, scope)) continue;
    // Snooze fields stay: a snooze survives a condition that ends and comes back while it runs.
    const { dismissedFingerprint: _fp, ...rest } = w;
    out.push({ ...rest, status: 'resolved', resolvedAt: now, updatedAt: now });
  }
  return out;
}

/** Hides a warning until `until` (epoch ms), with an optional reason. */
export function snooze(w: Warning, until: number, reason?: string, now: number = w.updatedAt): Warning {
  const { dismissedFingerprint: _fp, snoozeReason: _r, ...rest } = w;
  const text = reason?.trim().slice(0, 500);
  return {
    ...rest,
    status: 'snoozed',
    snoozeUntil: until,
    ...(text ? { snoozeReason: text } : {}),
    updatedAt: now,
  };
}

/** Hides a warning until the deal changes (its fingerprint differs from the one dismissed). */
export function dismiss(w: Warning, now: number = w.updatedAt): Warning {
  const { snoozeUntil: _u, snoozeReason: _r, ...rest } = w;
  return { ...rest, status: 'dismissed', dismissedFingerprint: w.fingerprint, updatedAt: now };
}

/** Shows a snoozed or dismissed warning again. */
export function restore(w: Warning, now: number = w.updatedAt): Warning {
  if (w.status === 'resolved') return w;
  return { ...activated(w), updatedAt: now };
}

/** Snoozed warnings whose time has come, made active (for the snooze alarm). */
export function wake(warnings: readonly Warning[], now: number): Warning[] {
  return warnings
    .filter((w) => w.status === 'snoozed' && (w.snoozeUntil ?? 0) <= now)
    .map((w) => ({ ...activated(w), updatedAt: now }));
}

/** Shown in the active list: active, or snoozed with its time up. */
export function isShowing(w: Warning, now: number): boolean {
  return w.status === 'active' || (w.status === 'snoozed' && (w.snoozeUntil ?? 0) <= now);
}
