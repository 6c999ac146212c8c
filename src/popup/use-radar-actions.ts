import { useMemo, useState } from 'preact/hooks';
import type { Actions } from '../ui/actions';
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

/**
 * The popup's side of every change: a typed message to the background (the only writer), then
 * an undo offer. The lists update by themselves through liveQuery once the background wrote.
 */
export function useRadarActions(): RadarActions {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [undo, setUndo] = useState<UndoOffer | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = (work: () => Promise<unknown>, after?: () => void) => {
    work().then(
      () => {
        setError(null);
        after?.();
      },
      (e: unknown) => {
        console.warn('[deal-radar] action failed', e);
        setError(t('actionFailed'));
      },
    );
  };
  const unselect = (ids: string[]) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) next.delete(id);
      return next;
    });

  const actions = useMemo<Actions>(
    () => ({
      selected,
      select: (id, on) =>
        setSelected((current) => {
          const next = new Set(current);
          if (on) next.add(id);
          else next.delete(id);
          return next;
        }),
      snooze: (ids, until, reason) =>
        run(
          () => send('ui:snooze', { warningIds: ids, until, ...(reason ? { reason } : {}) }),
          () => {
            unselect(ids);
            const when = formatInstant(until);
            setUndo({
              ids,
              focus: true,
              text:
                ids.length === 1
                  ? t('undoSnoozedOne', [when])
                  : t('undoSnoozedMany', [formatCount(ids.length), when]),
            });
          },
        ),
      dismiss: (ids) =>
        run(
          () => send('ui:dismiss', { warningIds: ids }),
          () => {
            unselect(ids);
            setUndo({
              ids,
              focus: true,
              text:
                ids.length === 1 ? t('undoDismissedOne') : t('undoDismissedMany', [formatCount(ids.length)]),
            });
          },
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
    clearSelection: () => setSelected(new Set()),
  };
}
