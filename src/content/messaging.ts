/**
 * The content script's side of the protocol. It imports no Zod (bundle size): the
 * background validates every request; replies come from our own background.
 */
import { toDealTable } from '../messages/deal-table';
import type { Mark, Observation } from '../messages/schemas';
import { api } from './api';

/**
 * Set once the extension was reloaded or removed under us, or the user withdrew its access to
 * this site or switched its CRM off (the browser leaves a running script be): stop quietly from
 * then on.
 */
let invalidated = false;
/** When the extension was last seen alive: asking costs a native call, so not more than every 100 ms. */
let checkedAt = Number.NEGATIVE_INFINITY;
const RECHECK_MS = 100;

export function contextAlive(): boolean {
  if (invalidated) return false;
  const now = performance.now();
  if (now - checkedAt < RECHECK_MS) return true;
  try {
    // After an extension reload the old content script's runtime loses its id.
    if (!api?.runtime?.id) invalidated = true;
  } catch {
    invalidated = true;
  }
  if (!invalidated) checkedAt = now;
  return !invalidated;
}

/**
 * The marker card's snooze and dismiss, on the warning the card showed. Returns the deal's
 * markers afterwards, and whether the warning had changed since (then nothing was done).
 */
export async function sendAct(
  action: 'snooze' | 'dismiss',
  shown: Pick<Mark, 'warningId' | 'fingerprint' | 'severity'>,
): Promise<{ marks: Mark[]; changed: boolean } | null> {
  if (!contextAlive()) return null;
  try {
    const payload = { action, warningId: shown.warningId, fingerprint: shown.fingerprint, severity: shown.severity };
    const reply = (await api?.runtime.sendMessage({ type: 'content:act', payload })) as
      | { ok: true; reply: { marks: Mark[]; changed?: boolean } }
      | { ok: false; error: string }
      | undefined;
    if (!reply?.ok || !Array.isArray(reply.reply?.marks)) return null;
    return { marks: reply.reply.marks, changed: reply.reply.changed === true };
  } catch {
    return null;
  }
}

/** Markers pushed by the background after a change in the popup. Only our own extension may send them. */
export function onMarksPushed(listener: (marks: Mark[]) => void): void {
  const ns = api;
  ns?.runtime.onMessage.addListener((message: unknown, sender: { id?: string }) => {
    if (sender.id !== ns.runtime.id) return undefined;
    const m = message as { type?: unknown; marks?: unknown; stop?: unknown };
    if (m?.type !== 'bg:marks' || !Array.isArray(m.marks)) return undefined;
    if (m.stop === true) invalidated = true;
    listener(m.marks as Mark[]);
    return undefined;
  });
}

/** Sends a batch of deals, as a table (deal-table.ts): sending costs the page time by the byte. */
export async function sendObservation(obs: Observation): Promise<Mark[] | null> {
  if (!contextAlive()) return null;
  try {
    const { deals, ...rest } = obs;
    const payload = { ...rest, table: toDealTable(deals) };
    const reply = (await api?.runtime.sendMessage({ type: 'content:observed', payload })) as
      | { ok: true; reply: { marks: Mark[]; stop?: true } }
      | { ok: false; error: string }
      | undefined;
    if (reply?.ok && reply.reply?.stop === true) invalidated = true;
    if (reply?.ok && Array.isArray(reply.reply?.marks)) return reply.reply.marks;
    return null;
  } catch (error) {
    if (/context invalidated|Receiving end does not exist/i.test(String(error))) invalidated = true;
    return null;
  }
}
