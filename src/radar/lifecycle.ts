import type { Finding } from './define-rule';
import type { Warning } from './model';

/*
 * The life of a warning, as pure functions: the store applies them in one transaction.
 *
 *   new finding                      → active
 *   active     + still firing        → active (facts, score, fingerprint refreshed)
 *   snoozed    + still firing        → snoozed until snoozeUntil, then active
 *   dismissed  + same fingerprint    → dismissed (also at a milder severity: see isNews)
 *   dismissed  + new fingerprint     → active (a new slip, a higher severity)
 *   resolved   + firing again        → active (snoozed again while an earlier snooze still runs;
 *                                      dismissed again, same fingerprint, when only the settings
 *                                      had ended it: see ReconcileScope.keepDismissals)
 *   any        + no longer firing    → resolved (resolvedAt), only for deals in scope
 */

export interface ReconcileScope {
  /** Deals that were evaluated: only their warnings may resolve. */
  dealIds: ReadonlySet<string>;
  /** Whether pipeline rules ran (their warnings resolve only then). Default true. */
  pipeline?: boolean;
  /** Only warnings of this site, when `existing` holds more than one site. */
  site?: string;
  /**
   * The settings changed, not the deals (a rule switched off, a threshold raised): a dismissed
   * warning that ends now keeps its dismissal, so that setting them back does not bring it back.
   * A condition that ends because the deal changed ends its dismissal too.
   */
  keepDismissals?: boolean;
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

const LEVELS: Readonly<Record<string, number>> = { warn: 1, critical: 2 };

/** The severity a fingerprint names (`warn` or `critical` as its last or first `|` part), and the rest of it. */
function severityOf(fingerprint: string): { rest: string; level: number } {
  const parts = fingerprint.split('|');
  for (const at of [parts.length - 1, 0]) {
    const level = LEVELS[parts[at] ?? ''];
    if (level !== undefined) return { rest: parts.filter((_, k) => k !== at).join('|'), level };
  }
  return { rest: fingerprint, level: 0 };
}

/**
 * Whether a dismissed warning's new fingerprint is news: a new situation (a new slip, a new cut,
 * another close date) or a higher severity. The same situation at the same or a milder severity
 * is not: a critical warning that falls back to a warning (old history pruned, one stalled deal
 * moved on) stays dismissed.
 */
export function isNews(dismissed: string | undefined, fresh: string): boolean {
  if (dismissed === fresh) return false;
  if (dismissed === undefined) return true;
  const was = severityOf(dismissed);
  const now = severityOf(fresh);
  return !(was.level > 0 && now.level > 0 && was.rest === now.rest && now.level <= was.level);
}

function next(old: Warning, fresh: Warning, now: number): Warning {
  const w = refreshed(old, fresh, now);
  switch (old.status) {
    case 'active':
      return w;
    case 'snoozed':
      return (old.snoozeUntil ?? 0) > now ? w : activated(w);
    case 'dismissed':
      return isNews(old.dismissedFingerprint, fresh.fingerprint) ? activated(w) : w;
    case 'resolved': {
      if (old.dismissedFingerprint !== undefined && !isNews(old.dismissedFingerprint, fresh.fingerprint)) {
        return { ...w, status: 'dismissed' };
      }
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
  /** True when every deal warning's id is `${dealId}|${ruleId}`, as the evaluator makes them. */
  readonly idsOfDealAndRule?: boolean;
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
      if (isNews(old.dismissedFingerprint, fresh.finding(i).fingerprint)) return false;
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
  const records = new StoredWarnings(existing);
  const out: Warning[] = [];
  for (let i = 0; i < fresh.length; i++) {
    const k = records.match(fresh, i);
    const old = k < 0 ? undefined : (existing[k] as Warning);
    if (old === undefined) out.push({ ...fresh.warning(i), status: 'active', raisedAt: now, updatedAt: now });
    else if (!unchanged(old, fresh, i, now)) out.push(next(old, fresh.warning(i), now));
  }
  for (let k = 0; k < existing.length; k++) {
    const w = existing[k] as Warning;
    if (records.matched[k] === 1 || w.status === 'resolved' || !inScope(w, scope)) continue;
    // Snooze fields stay: a snooze survives a condition that ends and comes back while it runs.
    // A dismissal stays only when the settings ended the condition (see keepDismissals).
    const { dismissedFingerprint, ...rest } = w;
    const kept = scope.keepDismissals && dismissedFingerprint !== undefined ? { dismissedFingerprint } : {};
    out.push({ ...rest, ...kept, status: 'resolved', resolvedAt: now, updatedAt: now });
  }
  return out;
}

/** Whether `id` is `${dealId}|${ruleId}`, without making that string. */
function isIdOf(id: string, dealId: string, ruleId: string): boolean {
  return (
    id.length === dealId.length + 1 + ruleId.length &&
    id.charCodeAt(dealId.length) === 124 &&
    id.startsWith(dealId) &&
    id.endsWith(ruleId)
  );
}

/** What an id is filed under: the part before its last `|` (a deal warning's deal id), or all of it. */
function idKey(id: string): string {
  const bar = id.lastIndexOf('|');
  return bar < 0 ? id : id.slice(0, bar);
}

/**
 * The stored warnings by the part of their id before its last `|`: for a deal warning that is
 * its deal id, which a fresh warning has at hand, so it finds its record without its id being
 * made, and each record found is marked. Keyed by whole ids, a site's 100,000 warnings cost a
 * string made, hashed and kept in a set per warning on every rescan.
 */
class StoredWarnings {
  /** Per record: 1 once a fresh warning has its id. */
  readonly matched: Uint8Array;
  /** Per record: 1 when its id is its deal id, `|` and its rule id (filed under its deal id). */
  private readonly dealAndRule: Uint8Array;
  /** First record of each key, and the next record of the same key, by index; -1 ends. */
  private readonly first = new Map<string, number>();
  private readonly next: Int32Array;

  constructor(private readonly existing: readonly Warning[]) {
    this.matched = new Uint8Array(existing.length);
    this.next = new Int32Array(existing.length);
    this.dealAndRule = new Uint8Array(existing.length);
    // From the end, so each chain runs in the records' order.
    for (let k = existing.length - 1; k >= 0; k--) {
      const { id, dealId, ruleId } = existing[k] as Warning;
      // A deal warning's key is its deal id, known without cutting the id (see idKey).
      const byDeal = dealId !== null && !ruleId.includes('|') && isIdOf(id, dealId, ruleId);
      this.dealAndRule[k] = byDeal ? 1 : 0;
      const key = byDeal ? dealId : idKey(id);
      this.next[k] = this.first.get(key) ?? -1;
      this.first.set(key, k);
    }
  }

  /**
   * The record with fresh warning i's id, or -1; every record with that id is marked (when ids
   * repeat, the last one is the record, as a put of each in turn would leave it).
   */
  match(fresh: FreshWarnings, i: number): number {
    const { existing, matched, next, dealAndRule } = this;
    const dealId = fresh.dealId(i);
    const ruleId = fresh.ruleId(i);
    // The id is `${dealId}|${ruleId}`: compared piece by piece, never made.
    const quick = fresh.idsOfDealAndRule === true && dealId !== null && !ruleId.includes('|');
    const id = quick ? '' : fresh.id(i);
    let found = -1;
    for (
      let k = this.first.get(quick ? (dealId as string) : idKey(id)) ?? -1;
      k >= 0;
      k = next[k] as number
    ) {
      const w = existing[k] as Warning;
      // Filed under this deal id with its deal and rule as its id: the rule tells.
      const same = quick
        ? dealAndRule[k] === 1
          ? w.ruleId === ruleId
          : isIdOf(w.id, dealId as string, ruleId)
        : w.id === id;
      if (same) {
        matched[k] = 1;
        found = k;
      }
    }
    return found;
  }
}

/**
 * Hides a warning until `until` (epoch ms), with an optional reason. A warning whose condition
 * ended since the user saw it (a scan resolved it) stays resolved: there is nothing to hide.
 */
export function snooze(w: Warning, until: number, reason?: string, now: number = w.updatedAt): Warning {
  if (w.status === 'resolved') return w;
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

/** Hides a warning until the deal changes (its fingerprint differs from the one dismissed); a resolved one stays resolved. */
export function dismiss(w: Warning, now: number = w.updatedAt): Warning {
  if (w.status === 'resolved') return w;
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

/** What a view (the popup, a marker's card) showed of a warning when the user chose to snooze or dismiss it. */
export type ShownAs = Pick<Warning, 'fingerprint' | 'severity'>;

/**
 * Why a snooze or dismissal leaves a warning as it is: `gone` (deleted, or its condition ended),
 * `hidden` (snoozed or dismissed meanwhile, elsewhere), `changed` (a new fingerprint or severity).
 */
export type SinceShown = 'gone' | 'hidden' | 'changed';

/**
 * Whether a warning is still as a view showed it, when the user's Snooze or Dismiss reaches the
 * background; if not, why not (null: it is). Since then it may have got worse (a new slip,
 * critical now: another tab's scan saw it), or been hidden in another view. Hiding it now would
 * hide what the user has not seen. The one check for the popup and the markers alike.
 */
export function sinceShown(w: Warning | undefined, shown: ShownAs, now: number): SinceShown | null {
  if (w === undefined || w.status === 'resolved') return 'gone';
  if (!isShowing(w, now)) return 'hidden';
  if (!showsAs(w, shown)) return 'changed';
  return null;
}

/** Whether a warning shows as it was shown: the same fingerprint and severity. */
export function showsAs(now: ShownAs, then: ShownAs): boolean {
  return now.fingerprint === then.fingerprint && now.severity === then.severity;
}
