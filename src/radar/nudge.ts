const FNV_OFFSET = 0x811c9dc5;

/**
 * FNV-1a, 32 bit: a small stable hash, the same on every run and machine. Pass the hash of a
 * prefix as `seed` to go on hashing after it: stableHash(b, stableHash(a)) = stableHash(a + b).
 */
export function stableHash(text: string, seed = FNV_OFFSET): number {
  return stableHash32(text, seed) >>> 0;
}

/**
 * stableHash as a signed 32-bit number: the same bits, and what nudgeFor() takes. The evaluator
 * works one out per deal that fires; unsigned, half of them would not fit a small integer and
 * would each be a heap-allocated number.
 */
export function stableHash32(text: string, seed = FNV_OFFSET): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/**
 * The nudge for one deal (or pipeline key) and rule: chosen by a stable hash so the same warning
 * shows the same nudge on every rescan instead of flickering between them.
 */
export function chooseNudge(nudges: readonly string[], subjectId: string, ruleId: string): string {
  return nudgeFor(nudges, stableHash(subjectId), stableHash(ruleId));
}

/** chooseNudge on hashes worked out once: the deal's per deal, the rule's per rule (signed or not). */
export function nudgeFor(nudges: readonly string[], subjectHash: number, ruleHash: number): string {
  if (nudges.length === 0) return '';
  // Mixes the two hashes (a Murmur3 finaliser step) so neither alone decides the pick.
  let h = Math.imul(subjectHash ^ Math.imul(ruleHash, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  return nudges[(h >>> 0) % nudges.length] ?? '';
}
