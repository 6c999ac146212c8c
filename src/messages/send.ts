import { browser } from '../platform/browser';
import { type MessageName, type ReplyEnvelope, type ReplyOf, type RequestInput, protocol } from './protocol';

export class MessageRejected extends Error {
  override name = 'MessageRejected';
}

/** Sends a typed message to the background and checks the reply against its schema. */
export async function send<N extends MessageName>(type: N, payload: RequestInput<N>): Promise<ReplyOf<N>> {
  const raw = (await browser.runtime.sendMessage({ type, payload })) as ReplyEnvelope<unknown> | undefined;
  if (!raw || typeof raw !== 'object' || !('ok' in raw)) throw new MessageRejected(`${type}: no reply`);
  if (!raw.ok) throw new MessageRejected(`${type}: ${raw.error}`);
  return protocol[type].reply.parse(raw.reply) as ReplyOf<N>;
}
