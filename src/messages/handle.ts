import type { Runtime } from '../platform/browser';
import {
  Envelope,
  isMessageName,
  type MessageName,
  type Origin,
  protocol,
  type ReplyEnvelope,
  type ReplyOf,
  type RequestOf,
} from './protocol';

/** What a handler learns about who sent the message, after the sender checks passed. */
export interface SenderInfo {
  origin: Origin;
  /** The sending tab, for content scripts (and extension pages opened in a tab). */
  tabId: number | undefined;
  /** The sending frame in that tab (0: the top frame). */
  frameId?: number | undefined;
  url: string | undefined;
}

export type Handlers = {
  [N in MessageName]: (payload: RequestOf<N>, sender: SenderInfo) => Promise<ReplyOf<N>>;
};

export interface HandleOptions {
  /** This extension's id (runtime.id). */
  extensionId: string;
  /** This extension's base URL (runtime.getURL('')). */
  extensionUrl: string;
  warn?: (message: string) => void;
}

/** Classifies a sender; null when it may not talk to us at all (other extensions, web pages). */
export function classifySender(sender: Runtime.MessageSender, opts: HandleOptions): SenderInfo | null {
  if (sender.id !== opts.extensionId) return null;
  const url = sender.url;
  if (url?.startsWith(opts.extensionUrl)) return { origin: 'page', tabId: sender.tab?.id, url };
  // A content script always runs in a tab, on a web page.
  if (sender.tab?.id !== undefined && sender.tab.id >= 0 && url && /^https?:/.test(url)) {
    return { origin: 'content', tabId: sender.tab.id, frameId: sender.frameId, url };
  }
  return null;
}

/**
 * Validates, checks the sender, and dispatches one message. Never throws: every failure
 * becomes a rejected reply and a console warning.
 */
export async function dispatch(
  message: unknown,
  sender: Runtime.MessageSender,
  handlers: Handlers,
  opts: HandleOptions,
): Promise<ReplyEnvelope<unknown>> {
  const warn = opts.warn ?? ((m: string) => console.warn(`[deal-radar] ${m}`));
  const reject = (error: string): ReplyEnvelope<unknown> => {
    warn(error);
    return { ok: false, error };
  };
  try {
    const envelope = Envelope.safeParse(message);
    if (!envelope.success) return reject('rejected a message that is not a Deal Radar message');
    const { type, payload } = envelope.data;
    if (!isMessageName(type)) return reject(`rejected an unknown message type: ${JSON.stringify(type)}`);
    const info = classifySender(sender, opts);
    if (!info) return reject(`rejected ${type} from an unknown sender`);
    const spec = protocol[type];
    if (spec.from !== info.origin) return reject(`rejected ${type} from a ${info.origin} sender`);
    const request = spec.request.safeParse(payload);
    if (!request.success) return reject(`rejected ${type}: ${request.error.issues[0]?.message ?? 'invalid'}`);
    const handler = handlers[type] as (p: unknown, s: SenderInfo) => Promise<unknown>;
    const reply = await handler(request.data, info);
    return { ok: true, reply };
  } catch (error) {
    return reject(`handler failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
