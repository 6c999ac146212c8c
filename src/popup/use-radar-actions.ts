import { useMemo, useState } from 'preact/hooks';
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

/**
 * The popup's side of every change: a typed message to the background (the only writer), then
 * an undo offer. The lists update by themselves through liveQuery once the background wrote.
 */
export function useRadarActions(): RadarActions {
  const [selected, setSelected] = useState<ReadonlyMap<string, ShownWarning>>(() => new Map());
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
      const next = new Map(current);
      for (const id of ids) next.delete(id);
      return next;
    });

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
          () => {
            const ids = warnings.map((w) => w.id);
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
      dismiss: (warnings) =>
        run(
          () => send('ui:dismiss', { warnings: [...warnings] }),
          () => {
            const ids = warnings.map((w) => w.id);
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
    clearSelection: () => setSelected(new Map()),
  };
}
