import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
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
  select(warning: ShownWarning, on: boolean): void;
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
