import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** What a warning's controls can do; the popup's App provides it (src/popup/use-radar-actions.ts). */
export interface Actions {
  /** Hide until `until` (epoch ms), with an optional reason; offers undo. */
  snooze(warningIds: string[], until: number, reason?: string): void;
  /** Hide until the deal changes; offers undo. */
  dismiss(warningIds: string[]): void;
  /** Show snoozed or dismissed warnings again. */
  restore(warningIds: string[]): void;
  /** Focus the deal's tab or open its record. */
  open(dealId: string): void;
  /** Warnings picked for a bulk snooze. */
  selected: ReadonlySet<string>;
  select(warningId: string, on: boolean): void;
}

export const ActionsContext = createContext<Actions | null>(null);

export function useActions(): Actions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useActions outside ActionsContext');
  return actions;
}
