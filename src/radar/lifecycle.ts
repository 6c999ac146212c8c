import type { Finding } from './define-rule';
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
 * Fresh findings as reconcile() reads them: warning i's id and what it says, and the warning
 * itself, made only when it is to be put. A ScoredSite (evaluate.ts) is one; freshList() makes
 * one of Warning-shaped findings.
 */
export interface FreshWarnings {
  readonly length: number;
  id(i: number): string;
  dealId(i: number): string | null;
  ruleId(i: number): string;
  score(i: number): number;
  /** Severity, facts and fingerprint. */
  finding(i: number): Pick<Finding, 'severity' | 'facts' | 'fingerprint'>;
  nudge(i: number): string;
  dealIds(i: number): string[];
  /** Warning i, status active. */
  warning(i: number): Warning;
}

/** Warning-shaped findings (status active) as FreshWarnings. */
export function freshList(list: readonly Warning[]): FreshWarnings {
  const at = (i: number) => list[i] as Warning;
  return {
    length: list.length,
    id: (i) => at(i).id,
    dealId: (i) => at(i).dealId,
    ruleId: (i) => at(i).ruleId,
    score: (i) => at(i).score,
    finding: (i) => at(i),
    nudge: (i) => at(i).nudge,
    dealIds: (i) => at(i).dealIds,
    warning: at,
  };
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether fresh warning i would leave `old` as it is (but for its updatedAt): the same state
 * ahead, and it says the same. Then there is nothing to put.
 */
function unchanged(old: Warning, fresh: FreshWarnings, i: number, now: number): boolean {
  switch (old.status) {
    case 'active':
      break;
    case 'snoozed':
      if ((old.snoozeUntil ?? 0) <= now) return false;
      break;
    case 'dismissed':
      if (old.dismissedFingerprint !== fresh.finding(i).fingerprint) return false;
      break;
    case 'resolved':
      return false;
  }
  const f = fresh.finding(i);
  return (
    old.resolvedAt === undefined &&
    old.score === fresh.score(i) &&
    old.severity === f.severity &&
    old.fingerprint === f.fingerprint &&
    old.ruleId === fresh.ruleId(i) &&
    old.dealId === fresh.dealId(i) &&
    old.nudge === fresh.nudge(i) &&
    sameStrings(old.facts, f.facts) &&
    sameStrings(old.dealIds, fresh.dealIds(i))
  );
}

/**
 * Merges fresh findings (Warning-shaped, status active, or a site's scored findings) into the
 * stored warnings and returns the records to put: every fresh one that is new or whose state
 * or content changed, plus those whose condition ended. A warning that says what its record
 * already says is not put again (its updatedAt is when it last changed).
 */
export function reconcile(
  existing: readonly Warning[],
  freshFound: readonly Warning[] | FreshWarnings,
  now: number,
  scope: ReconcileScope,
): Warning[] {
  const fresh = Array.isArray(freshFound) ? freshList(freshFound) : (freshFound as FreshWarnings);
  const byId = new Map<string, Warning>();
  for (const w of existing) byId.set(w.id, w);
  const out: Warning[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < fresh.length; i++) {
    const id = fresh.id(i);
    seen.add(id);
    const old = byId.get(id);
    if (old === undefined) out.push({ ...fresh.warning(i), status: 'active', raisedAt: now, updatedAt: now });
    else if (!unchanged(old, fresh, i, now)) out.push(next(old, fresh.warning(i), now));
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
