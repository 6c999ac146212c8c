const FNV_OFFSET = 0x811c9dc5;

/**
 * FNV-1a, 32 bit: a small stable hash, the same on every run and machine. Pass the hash of a
 * prefix as `seed` to go on hashing after it: stableHash(b, stableHash(a)) = stableHash(a + b).
 */
export function stableHash(text: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The nudge for one deal (or pipeline key) and rule: chosen by a stable hash so the same warning
 * shows the same nudge on every rescan instead of flickering between them.
 */
export function chooseNudge(nudges: readonly string[], subjectId: string, ruleId: string): string {
  return nudgeFor(nudges, stableHash(subjectId), ruleId);
}

/** chooseNudge with the subject's hash worked out once, for a deal that fires several rules. */
export function nudgeFor(nudges: readonly string[], subjectHash: number, ruleId: string): string {
  if (nudges.length === 0) return '';
  return nudges[stableHash(ruleId, stableHash('|', subjectHash)) % nudges.length] ?? '';
}
