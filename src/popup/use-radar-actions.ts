import { useMemo, useRef, useState } from 'preact/hooks';
import type { SkippedWarning } from '../messages/schemas';
import type { Warning } from '../radar/model';
import { type Actions, type ShownWarning, showsAs, shownOf } from '../ui/actions';
import { formatCount, formatInstant } from '../ui/format';
import { t } from '../ui/i18n';
import type { UndoOffer } from '../ui/undo-toast';
import { send } from './messaging';

export interface RadarActions {
  actions: Actions;
  undo: UndoOffer | null;
  closeUndo: () => void;
  /** Restores what the offer hid. */
  takeBack: (offer: UndoOffer) => void;
  error: string | null;
  clearSelection: () => void;
}

/** What the popup says of the warnings a snooze or dismissal left as they were (see SkippedWarning). */
function skippedNote(skipped: readonly SkippedWarning[]): string {
  const changed = skipped.filter((s) => s.why === 'changed').length;
  const hidden = skipped.length - changed;
  const parts: string[] = [];
  if (changed > 0) parts.push(changed === 1 ? t('skippedChangedOne') : t('skippedChangedMany', [formatCount(changed)]));
  if (hidden > 0) parts.push(hidden === 1 ? t('skippedHiddenOne') : t('skippedHiddenMany', [formatCount(hidden)]));
  return parts.join(' ');
}

/** What the popup says when selected warnings changed, or left the list, while it was open. */
function selectionNote(changed: number, left: number): string {
  const parts: string[] = [];
  if (changed > 0)
    parts.push(changed === 1 ? t('selectionChangedOne') : t('selectionChangedMany', [formatCount(changed)]));
  if (left > 0) parts.push(left === 1 ? t('selectionLeftOne') : t('selectionLeftMany', [formatCount(left)]));
  return parts.join(' ');
}

/** The selection: each warning as it was picked, and those the list shows otherwise now, as it shows them. */
interface Selection {
  picked: ReadonlyMap<string, ShownWarning>;
  changed: ReadonlyMap<string, ShownWarning>;
}

const NONE: Selection = { picked: new Map(), changed: new Map() };

function sameChanges(a: ReadonlyMap<string, ShownWarning>, b: ReadonlyMap<string, ShownWarning>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, w] of a) {
    const other = b.get(id);
    if (!other || !showsAs(w, other)) return false;
  }
  return true;
}

/**
 * The selection after a view listed `lists`. Only the selected warnings are looked up, in one pass
 * over what the view already holds. Those being acted on are left to the action's reply.
 */
function afterListing(
  current: Selection,
  lists: Iterable<readonly Warning[]>,
  acting: ReadonlyMap<string, number>,
): { next: Selection; fresh: number; left: number } {
  const { picked, changed } = current;
  const listed = new Map<string, Warning>();
  for (const list of lists) for (const w of list) if (picked.has(w.id)) listed.set(w.id, w);
  const kept = new Map<string, ShownWarning>();
  const nowChanged = new Map<string, ShownWarning>();
  let fresh = 0;
  let left = 0;
  for (const [id, was] of picked) {
    const w = listed.get(id);
    const before = changed.get(id);
    if (acting.has(id)) {
      kept.set(id, was);
      if (before) nowChanged.set(id, before);
      continue;
    }
    if (!w) {
      left++;
      continue;
    }
    kept.set(id, was);
    if (showsAs(w, was)) continue;
    const now = shownOf(w);
    nowChanged.set(id, now);
    // Announced once per change: the next read of the same state says nothing new.
    if (!before || !showsAs(before, now)) fresh++;
  }
  if (left === 0 && sameChanges(nowChanged, changed)) return { next: current, fresh, left };
  return { next: { picked: left === 0 ? picked : kept, changed: nowChanged }, fresh, left };
}

/**
 * The popup's side of every change: a typed message to the background (the only writer), then
 * an undo offer. The lists update by themselves through liveQuery once the background wrote.
 */
export function useRadarActions(): RadarActions {
  const [selection, setSelection] = useState<Selection>(NONE);
  // The selection as last set, for a view's listing that comes before the next render.
  const latest = useRef(selection);
  const [undo, setUndo] = useState<UndoOffer | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Warnings a snooze or dismissal was sent for, until the reply (by id: how many are under way).
  const acting = useRef(new Map<string, number>());

  const update = (change: (current: Selection) => Selection) => {
    const next = change(latest.current);
    if (next === latest.current) return;
    latest.current = next;
    setSelection(next);
  };
  const hold = (warnings: readonly ShownWarning[], on: boolean) => {
    for (const { id } of warnings) {
      const count = (acting.current.get(id) ?? 0) + (on ? 1 : -1);
      if (count > 0) acting.current.set(id, count);
      else acting.current.delete(id);
    }
  };
  /**
   * A note about the selection in the undo offer's live region (read out politely, the focus
   * stays where it is); after what the offer already says, if there is one.
   */
  const tell = (text: string) =>
    setUndo((offer) => (offer ? { ...offer, text: `${offer.text} ${text}`, focus: false } : { ids: [], text, focus: false }));

  const run = <R>(work: () => Promise<R>, after?: (reply: R) => void) => {
    work().then(
      (reply) => {
        setError(null);
        after?.(reply);
      },
      (e: unknown) => {
        console.warn('[deal-radar] action failed', e);
        setError(t('actionFailed'));
      },
    );
  };
  /**
   * After a snooze or dismissal: what was hidden leaves the selection, and only that is offered
   * back. A warning that changed since it was picked stays picked, as it is now, for the user to
   * look at again; one hidden or gone meanwhile leaves the selection (and the list).
   */
  const settle = (sent: readonly ShownWarning[], skipped: readonly SkippedWarning[], done: (count: number) => string) => {
    const left = new Set(skipped.map((s) => s.id));
    const ids = sent.map((w) => w.id).filter((id) => !left.has(id));
    update(({ picked, changed }) => {
      const next = new Map(picked);
      const nextChanged = new Map(changed);
      for (const id of ids) {
        next.delete(id);
        nextChanged.delete(id);
      }
      for (const s of skipped) {
        const shows = nextChanged.get(s.id);
        if (s.why !== 'changed') {
          next.delete(s.id);
          nextChanged.delete(s.id);
        } else if (next.has(s.id)) {
          const now = { id: s.id, fingerprint: s.fingerprint, severity: s.severity };
          next.set(s.id, now);
          if (shows && showsAs(shows, now)) nextChanged.delete(s.id);
        }
      }
      return { picked: next, changed: nextChanged };
    });
    const changed = skipped.some((s) => s.why === 'changed');
    setUndo({
      ids,
      text: [ids.length > 0 ? done(ids.length) : '', skippedNote(skipped)].filter((part) => part !== '').join(' '),
      // Undo takes the focus where there is one. With nothing to undo the note takes it only when
      // the control that acted went with its warnings; a changed one keeps its item (and the bar).
      focus: ids.length > 0 || !changed,
    });
  };

  /** A snooze or dismissal: while it is under way, its warnings leaving the list is its doing. */
  const act = <R>(warnings: readonly ShownWarning[], work: () => Promise<R>, after: (reply: R) => void) => {
    hold(warnings, true);
    run(
      () =>
        work().catch((e: unknown) => {
          hold(warnings, false);
          throw e;
        }),
      // Let go in the same task as the reply settles the selection: no listing comes between.
      (reply) => {
        hold(warnings, false);
        after(reply);
      },
    );
  };

  const actions = useMemo<Actions>(
    () => ({
      selected: selection.picked,
      changed: selection.changed,
      select: (warning, on) =>
        update(({ picked, changed }) => {
          const next = new Map(picked);
          const nextChanged = new Map(changed);
          // Picked again, it is picked as it shows now.
          nextChanged.delete(warning.id);
          if (on) next.set(warning.id, warning);
          else next.delete(warning.id);
          return { picked: next, changed: nextChanged };
        }),
      listed: (lists) => {
        if (latest.current.picked.size === 0) return;
        const { next, fresh, left } = afterListing(latest.current, lists(), acting.current);
        update(() => next);
        const note = selectionNote(fresh, left);
        if (note !== '') tell(note);
      },
      snooze: (warnings, until, reason) =>
        act(
          warnings,
          () => send('ui:snooze', { warnings: [...warnings], until, ...(reason ? { reason } : {}) }),
          ({ skipped }) => {
            const when = formatInstant(until);
            settle(warnings, skipped, (count) =>
              count === 1 ? t('undoSnoozedOne', [when]) : t('undoSnoozedMany', [formatCount(count), when]),
            );
          },
        ),
      dismiss: (warnings) =>
        act(
          warnings,
          () => send('ui:dismiss', { warnings: [...warnings] }),
          ({ skipped }) =>
            settle(warnings, skipped, (count) =>
              count === 1 ? t('undoDismissedOne') : t('undoDismissedMany', [formatCount(count)]),
            ),
        ),
      restore: (ids) => run(() => send('ui:restore', { warningIds: ids })),
      open: (dealId) => run(() => send('ui:open-deal', { dealId })),
    }),
    [selection],
  );

  return {
    actions,
    undo,
    error,
    closeUndo: () => setUndo(null),
    takeBack: (offer) =>
      run(
        () => send('ui:restore', { warningIds: offer.ids }),
        () => setUndo(null),
      ),
    clearSelection: () => update(() => NONE),
  };
}
