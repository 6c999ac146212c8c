import { createContext } from 'preact';
import { useContext, useLayoutEffect } from 'preact/hooks';
import type { ShownWarning } from '../messages/schemas';
import type { Warning } from '../radar/model';

export type { ShownWarning };

/**
 * What a warning's controls can do; the popup's App provides it (src/popup/use-radar-actions.ts).
 * Snooze and dismiss take the warnings as the user saw them: one that changed since is left as it is.
 */
export interface Actions {
  /** Hide until `until` (epoch ms), with an optional reason; offers undo. */
  snooze(warnings: readonly ShownWarning[], until: number, reason?: string): void;
  /** Hide until the deal changes; offers undo. */
  dismiss(warnings: readonly ShownWarning[]): void;
  /** Show snoozed or dismissed warnings again. */
  restore(warningIds: string[]): void;
  /** Focus the deal's tab or open its record. */
  open(dealId: string): void;
  /** Warnings picked for a bulk snooze or dismissal, by id, as they were when picked. */
  selected: ReadonlyMap<string, ShownWarning>;
  /** Picks a warning as it shows now (again, for one already picked), or lets it go. */
  select(warning: ShownWarning, on: boolean): void;
  /** The selected warnings that show otherwise now than when they were picked, as they show now. */
  changed: ReadonlyMap<string, ShownWarning>;
  /**
   * A view tells what it lists each time it read it (`lists` is read only while something is
   * selected): a selected warning that changed is announced. One the view does not list (past
   * "Show more", or on a deal a rescan has not read yet) is looked up: it leaves the selection
   * only once it is gone, resolved, snoozed or dismissed.
   */
  listed(lists: () => Iterable<readonly Warning[]>): void;
}

/** What the user sees of a warning, as its snooze or dismissal sends it. */
export function shownOf(w: Warning): ShownWarning {
  return { id: w.id, fingerprint: w.fingerprint, severity: w.severity };
}

export const ActionsContext = createContext<Actions | null>(null);

export function useActions(): Actions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useActions outside ActionsContext');
  return actions;
}

/**
 * Tells the selection what a view lists, each time the view read its data (`lists` gives every
 * list of warnings it shows). Before the paint: the row, the bulk bar and the note agree at once.
 * A view drawn without actions (nothing can be selected there) tells no one.
 */
export function useListed<T>(data: T | null | undefined, lists: (data: T) => Iterable<readonly Warning[]>): void {
  const actions = useContext(ActionsContext);
  useLayoutEffect(() => {
    if (actions && data !== null && data !== undefined) actions.listed(() => lists(data));
  }, [data]);
}
