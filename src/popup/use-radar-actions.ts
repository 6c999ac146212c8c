import { useMemo, useRef, useState } from 'preact/hooks';
import type { SkippedWarning } from '../messages/schemas';
import { isShowing, showsAs } from '../radar/lifecycle';
import type { Warning } from '../radar/model';
import { radarDb } from '../store/db';
import { type Actions, type ShownWarning, shownOf } from '../ui/actions';
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
 * How a selected warning shows now, as far as one look tells: as `Warning`, not at all (null: its
 * record is gone, or it is resolved, snoozed or dismissed), or not known from this look (undefined).
 */
type Showing = (id: string) => Warning | null | undefined;

interface Review {
  next: Selection;
  fresh: string[];
  left: string[];
}

/**
 * The selection after a look at how its warnings show now: one that shows otherwise than when it
 * was picked is marked (in `fresh` when that is news), one that no longer shows leaves (in `left`),
 * one the look does not know of stays as it was. Those being acted on are left to the action's reply.
 */
function review(
  current: Selection,
  showing: Showing,
  acting: ReadonlyMap<string, number>,
): Review {
  const { picked, changed } = current;
  const kept = new Map<string, ShownWarning>();
  const nowChanged = new Map<string, ShownWarning>();
  const fresh: string[] = [];
  const left: string[] = [];
  for (const [id, was] of picked) {
    const w = acting.has(id) ? undefined : showing(id);
    const before = changed.get(id);
    if (w === null) {
      left.push(id);
      continue;
    }
    kept.set(id, was);
    if (w === undefined) {
      if (before) nowChanged.set(id, before);
      continue;
    }
    if (showsAs(w, was)) continue;
    const now = shownOf(w);
    nowChanged.set(id, now);
    // Announced once per change: the next look at the same state says nothing new.
    if (!before || !showsAs(before, now)) fresh.push(id);
  }
  if (left.length === 0 && sameChanges(nowChanged, changed)) return { next: current, fresh, left };
  return { next: { picked: left.length === 0 ? picked : kept, changed: nowChanged }, fresh, left };
}

/**
 * The popup's side of every change: a typed message to the background (the only writer), then
 * an undo offer. The lists update by themselves through liveQuery once the background wrote.
 */
export function useRadarActions({ onEmptied }: { onEmptied?: () => void } = {}): RadarActions {
  const [selection, setSelection] = useState<Selection>(NONE);
  // The selection as last set, for a view's listing that comes before the next render.
  const latest = useRef(selection);
  const [undo, setUndo] = useState<UndoOffer | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Warnings a snooze or dismissal was sent for, until the reply (by id: how many are under way).
  const acting = useRef(new Map<string, number>());
  // What the view lists, as it last said (useListed), and the selected warnings it did not list.
  const listing = useRef<(() => Iterable<readonly Warning[]>) | null>(null);
  const unlisted = useRef<ReadonlySet<string>>(new Set());
  // One look-up in the database at a time; `again`: the view listed anew meanwhile.
  const lookUps = useRef({ running: false, again: false });
  // The selected warnings the undo offer's note told of, since the offer came up.
  const told = useRef({ changed: new Set<string>(), left: new Set<string>() });

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
   * stays where it is), after what the offer says. It counts every warning it told of while the
   * offer is up, so it never says the same twice: "2 selected warnings left…", not that 1 left twice.
   */
  const tell = (fresh: readonly string[], left: readonly string[]) => {
    if (fresh.length === 0 && left.length === 0) return;
    const said = told.current;
    for (const id of fresh) said.changed.add(id);
    for (const id of left) said.left.add(id);
    const note = selectionNote(said.changed.size, said.left.size);
    setUndo((offer) => {
      if (!offer) return { ids: [], text: '', note, focus: false };
      return offer.note === note ? offer : { ...offer, note, focus: false };
    });
  };
  /** What a look at the selection found: the selection as it is now, and a note of what changed. */
  const apply = ({ next, fresh, left }: Review) => {
    // The last of them left on their own: the bulk bar is about to go, and with it any focus in it.
    if (left.length > 0 && next.picked.size === 0) onEmptied?.();
    update(() => next);
    tell(fresh, left);
  };
  const closeOffer = () => {
    told.current = { changed: new Set(), left: new Set() };
    setUndo(null);
  };
  /**
   * The selected warnings the view does not list, as the database holds them. A view lists only
   * its first page, and a page being read lists only the deals read so far: not listed is not
   * gone. One that is gone, resolved, snoozed or dismissed leaves; one still showing stays
   * (marked if it changed). One bulkGet of those ids, only while some are selected and unlisted.
   */
  const lookUp = () => {
    const state = lookUps.current;
    if (state.running) {
      state.again = true;
      return;
    }
    const { picked } = latest.current;
    const ids = [...unlisted.current].filter((id) => picked.has(id) && !acting.current.has(id));
    if (ids.length === 0) return;
    state.running = true;
    const next = () => {
      state.running = false;
      if (state.again) {
        state.again = false;
        lookUp();
      }
    };
    radarDb()
      .warnings.bulkGet(ids)
      .then(
        (records) => {
          const now = Date.now();
          const found = new Map(ids.map((id, i) => [id, records[i]]));
          const showing: Showing = (id) => {
            // Listed since: the listing told.
            if (!found.has(id) || !unlisted.current.has(id)) return undefined;
            const w = found.get(id);
            return w && isShowing(w, now) ? w : null;
          };
          apply(review(latest.current, showing, acting.current));
          next();
        },
        (e: unknown) => {
          console.warn('[deal-radar] selection look-up failed', e);
          next();
        },
      );
  };
  /** Looks again at the selection: first in what the view lists, then the rest in the database. */
  const check = () => {
    const lists = listing.current;
    const { picked } = latest.current;
    if (!lists || picked.size === 0) return;
    const listed = new Map<string, Warning>();
    for (const list of lists()) for (const w of list) if (picked.has(w.id)) listed.set(w.id, w);
    unlisted.current = new Set([...picked.keys()].filter((id) => !listed.has(id)));
    apply(review(latest.current, (id) => listed.get(id), acting.current));
    if (unlisted.current.size > 0) lookUp();
  };

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
   * back. A warning that changed since it was picked stays picked as it was, marked with how it
   * shows now, until the user selects it again (as the bulk bar says: the next bulk action leaves
   * it as it is too); one hidden or gone meanwhile leaves the selection (and the list).
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
        const chosen = next.get(s.id);
        if (s.why !== 'changed') {
          next.delete(s.id);
          nextChanged.delete(s.id);
        } else if (chosen) {
          const now = { id: s.id, fingerprint: s.fingerprint, severity: s.severity };
          if (showsAs(now, chosen)) nextChanged.delete(s.id);
          else nextChanged.set(s.id, now);
        }
      }
      return { picked: next, changed: nextChanged };
    });
    const changed = skipped.some((s) => s.why === 'changed');
    // The note stays, but for the warnings no longer marked as changed (selected again, or gone)
    // and those this offer speaks of itself.
    const reported = new Set(skipped.filter((s) => s.why === 'changed').map((s) => s.id));
    const marked = latest.current.changed;
    const said = {
      changed: new Set([...told.current.changed].filter((id) => marked.has(id) && !reported.has(id))),
      left: told.current.left,
    };
    told.current = said;
    const note = selectionNote(said.changed.size, said.left.size);
    setUndo({
      ids,
      text: [ids.length > 0 ? done(ids.length) : '', skippedNote(skipped)].filter((part) => part !== '').join(' '),
      ...(note !== '' ? { note } : {}),
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
          // It may have been written before it failed: its warnings may have left the list meanwhile.
          check();
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
        listing.current = lists;
        check();
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
    closeUndo: closeOffer,
    takeBack: (offer) =>
      run(
        () => send('ui:restore', { warningIds: offer.ids }),
        closeOffer,
      ),
    clearSelection: () => update(() => NONE),
  };
}
