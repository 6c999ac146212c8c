/*
 * Messages to the background, loaded on demand: the protocol's Zod schemas are half the
 * popup's script, and nothing needs them before the first click. main.tsx preloads this
 * module once the first view is on screen, so that click does not wait either.
 */
import type { MessageName, ReplyOf, RequestInput } from '../messages/protocol';

type Messaging = typeof import('./messaging-impl');
let loading: Promise<Messaging> | undefined;

export function loadMessaging(): Promise<Messaging> {
  loading ??= import('./messaging-impl');
  return loading;
}

/** Sends a typed message to the background (see src/messages/send.ts). */
export async function send<N extends MessageName>(type: N, payload: RequestInput<N>): Promise<ReplyOf<N>> {
  const messaging = await loadMessaging();
  return messaging.send(type, payload);
}
