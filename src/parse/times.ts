/** Times of day inside date strings ("10:15", "10:15:00 PM PST", "10 pm", "klo 10.15"): found, then ignored. */
import type { DateTables } from './locale';
import type { Token } from './text';

const ZONES = new Set(
  'utc gmt z cet cest eet eest wet west bst ist est edt cst cdt mst mdt pst pdt akst akdt hst aest aedt acst awst jst kst msk sgt hkt'.split(
    ' ',
  ),
);

/** Index after a time of day starting at `i` ("10:15", "10:15:00 AM UTC", "10 pm", "klo 10.15"), or `i`. */
export function timeEnd(tokens: readonly Token[], i: number, t: DateTables): number {
  const hour = tokens[i];
  if (hour?.kind !== 'num' || hour.text.length > 2 || Number(hour.text) > 24) return i;
  // "um 10.15", "klo 10.15", "kl. 10.15": after such a word a dot separates hours and minutes.
  const before = tokens[i - 1]?.text === '.' ? tokens[i - 2] : tokens[i - 1];
  const introduced = before?.kind === 'word' && t.timeIntro.has(before.text);
  const sep = tokens[i + 1];
  const minutes = tokens[i + 2];
  let j = i + 1;
  if (
    sep &&
    (sep.text === ':' || sep.text === 'h' || (introduced && sep.text === '.')) &&
    minutes?.kind === 'num' &&
    minutes.text.length === 2 &&
    Number(minutes.text) < 60
  ) {
    j = i + 3;
    while ((tokens[j]?.text === ':' || tokens[j]?.text === '.') && tokens[j + 1]?.kind === 'num' && j < i + 9)
      j += 2;
  } else if (!(sep?.kind === 'word' && t.dayPeriods.has(sep.text))) {
    return i;
  }
  const at = (k: number) => tokens[k]?.text;
  if (t.dayPeriods.has(at(j) ?? '')) j += 1;
  else if ((at(j) === 'a' || at(j) === 'p') && at(j + 1) === '.' && at(j + 2) === 'm')
    j += at(j + 3) === '.' ? 4 : 3;
  if (ZONES.has(at(j) ?? '')) j += 1;
  const offset = tokens[j + 1];
  if ((at(j) === '+' || at(j) === '-') && offset?.kind === 'num') {
    if (offset.text.length === 4) j += 2;
    else if (offset.text.length === 2 && at(j + 2) === ':' && tokens[j + 3]?.kind === 'num') j += 4;
  }
  return j;
}
