// Keys of deals that share a name in one list and have no record link. No Zod here: the content
// script builds these keys, the background and the popup read them.
import { MAX_RAW } from './limits';

/**
 * A name-keyed row's key is its name (src/content/read/table.ts). Rows that share a name get the
 * name plus what tells them apart, after a line break: `Renewal 2027\nAcme`. Rows that nothing
 * shown tells apart get the name, a tab and a number: `Renewal 2027\t2`. Names and cell texts are
 * cleaned (no line breaks, no tabs) and record keys come from parsed URLs (none either), so these
 * keys can equal no other kind of key.
 */
const TOLD_APART = '\n';
const UNTRACKED = '\t';
/** Room for what tells rows apart: the name is cut to leave it, so the key always holds it. */
const PART_MAX = 200;

/** `text` cut to `max` without leaving half a surrogate pair at the end. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** The key of a row that `parts` (cell texts, most telling first) tell apart from its namesakes. */
export function twinKey(name: string, parts: readonly string[]): string {
  let suffix = '';
  for (const part of parts) suffix += TOLD_APART + cut(part, PART_MAX);
  return cut(name, MAX_RAW - suffix.length) + suffix;
}

/** The key of the `n`th of rows that share a name and that nothing shown tells apart. */
export function untrackedKey(name: string, n: number): string {
  const suffix = `${UNTRACKED}${n}`;
  return cut(name, MAX_RAW - suffix.length) + suffix;
}

/**
 * Whether a key is an untracked row's: which deal of its name it holds can change between two
 * reads of the page, so no change is recorded between two sightings (src/store/normalize.ts).
 */
export function isUntracked(key: string): boolean {
  return key.includes(UNTRACKED);
}

/** What tells a row apart from its namesakes, as its key says (empty for other keys). */
export function toldApartBy(key: string): string[] {
  return !isUntracked(key) && key.includes(TOLD_APART) ? key.split(TOLD_APART).slice(1) : [];
}

/** The name a key of rows that share one was made from (null for other keys). */
export function sharedName(key: string): string | null {
  const at = key.search(/[\n\t]/);
  return at < 0 ? null : key.slice(0, at);
}
