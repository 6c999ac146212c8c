/** FNV-1a, 32 bit: a small stable hash, the same on every run and machine. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
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
  if (nudges.length === 0) return '';
  return nudges[stableHash(`${subjectId}|${ruleId}`) % nudges.length] ?? '';
}
