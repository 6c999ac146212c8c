/**
 * The content script's side of the protocol. It imports no Zod (bundle size): the
 * background validates every request; replies come from our own background.
 */
import type { Mark, Observation } from '../messages/schemas';
import { browser } from '../platform/browser';

/** Set once the extension was reloaded or removed under us: stop quietly from then on. */
let invalidated = false;

export function contextAlive(): boolean {
  if (invalidated) return false;
  try {
    // After an extension reload the old content script's runtime loses its id.
    if (!browser.runtime?.id) invalidated = true;
  } catch {
    invalidated = true;
  }
  return !invalidated;
}

export async function sendObservation(obs: Observation): Promise<Mark[] | null> {
  if (!contextAlive()) return null;
  try {
    const reply = (await browser.runtime.sendMessage({ type: 'content:observed', payload: obs })) as
      | { ok: true; reply: { marks: Mark[] } }
      | { ok: false; error: string }
      | undefined;
    if (reply?.ok && Array.isArray(reply.reply?.marks)) return reply.reply.marks;
    return null;
  } catch (error) {
    if (/context invalidated|Receiving end does not exist/i.test(String(error))) invalidated = true;
    return null;
  }
}
