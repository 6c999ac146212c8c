import { useMemo, useState } from 'preact/hooks';
import type { SkippedWarning } from '../messages/schemas';
import type { Actions, ShownWarning } from '../ui/actions';
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

/**
 * The popup's side of every change: a typed message to the background (the only writer), then
 * an undo offer. The lists update by themselves through liveQuery once the background wrote.
 */
export function useRadarActions(): RadarActions {
  const [selected, setSelected] = useState<ReadonlyMap<string, ShownWarning>>(() => new Map());
  const [undo, setUndo] = useState<UndoOffer | null>(null);
  const [error, setError] = useState<string | null>(null);

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
    setSelected((current) => {
      const next = new Map(current);
      for (const id of ids) next.delete(id);
      for (const s of skipped) {
        if (s.why !== 'changed') next.delete(s.id);
        else if (next.has(s.id)) next.set(s.id, { id: s.id, fingerprint: s.fingerprint, severity: s.severity });
      }
      return next;
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

  const actions = useMemo<Actions>(
    () => ({
      selected,
      select: (warning, on) =>
        setSelected((current) => {
          const next = new Map(current);
          if (on) next.set(warning.id, warning);
          else next.delete(warning.id);
          return next;
        }),
      snooze: (warnings, until, reason) =>
        run(
          () => send('ui:snooze', { warnings: [...warnings], until, ...(reason ? { reason } : {}) }),
          ({ skipped }) => {
            const when = formatInstant(until);
            settle(warnings, skipped, (count) =>
              count === 1 ? t('undoSnoozedOne', [when]) : t('undoSnoozedMany', [formatCount(count), when]),
            );
          },
        ),
      dismiss: (warnings) =>
        run(
          () => send('ui:dismiss', { warnings: [...warnings] }),
          ({ skipped }) =>
            settle(warnings, skipped, (count) =>
              count === 1 ? t('undoDismissedOne') : t('undoDismissedMany', [formatCount(count)]),
            ),
        ),
      restore: (ids) => run(() => send('ui:restore', { warningIds: ids })),
      open: (dealId) => run(() => send('ui:open-deal', { dealId })),
    }),
    [selected],
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
    clearSelection: () => setSelected(new Map()),
  };
}
