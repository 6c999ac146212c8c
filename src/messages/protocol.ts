import { z } from 'zod';
import { Mark, ObservationMessage, Severity, ShownWarning, SkippedWarning, WarningId } from './schemas';

import { optionsProtocol } from './options-protocol';
import type { Origin } from './protocol-types';

export type { Origin };

const Ok = z.object({ ok: z.literal(true) });
const MAX_WARNINGS = 10_000;
const WarningIds = z.array(WarningId).min(1).max(MAX_WARNINGS);
const ShownWarnings = z.array(ShownWarning).min(1).max(MAX_WARNINGS);
/** `skipped`: the warnings it left as they were, no longer as the popup showed them. */
const Acted = z.object({ ok: z.literal(true), skipped: z.array(SkippedWarning).max(MAX_WARNINGS) });

/**
 * Every message: name → request and reply schemas. Names say the direction:
 * `content:` from a content script, `ui:` from the popup or dashboard, `options:` from the options page.
 */
export const protocol = {
  /** The loader found a page that may show deals: the background runs the readers in the sender's frame. */
  'content:load': { from: 'content', request: z.object({}), reply: Ok },
  /**
   * `stop`: the user withdrew Deal Radar's access to this site, or switched its CRM off, and the
   * script (which the browser leaves running in a tab open since before) stops reading the page
   * and takes its markers away.
   */
  'content:observed': {
    from: 'content',
    request: ObservationMessage,
    reply: z.object({ marks: z.array(Mark), stop: z.literal(true).optional() }),
  },
  /** The card of an in-page marker: only for warnings of deals on the sender's own tab. */
  'content:act': {
    from: 'content',
    request: z.object({
      action: z.enum(['snooze', 'dismiss']),
      warningId: WarningId,
      /** The fingerprint and severity the card showed: a warning that changed since is not acted on. */
      fingerprint: z.string().max(4000),
      severity: Severity,
    }),
    /** `changed`: the warning changed (or went) since the card showed it; nothing was done. */
    reply: z.object({ marks: z.array(Mark), changed: z.boolean().optional() }),
  },
  /** Snooze and dismiss act only on the warnings still as the popup showed them (see ShownWarning). */
  'ui:snooze': {
    from: 'page',
    request: z.object({ warnings: ShownWarnings, until: z.number().int().positive(), reason: z.string().max(500).optional() }),
    reply: Acted,
  },
  'ui:dismiss': { from: 'page', request: z.object({ warnings: ShownWarnings }), reply: Acted },
  'ui:restore': { from: 'page', request: z.object({ warningIds: WarningIds }), reply: Ok },
  'ui:open-deal': {
    from: 'page',
    request: z.object({ dealId: z.string().min(1).max(4000) }),
    reply: z.object({ opened: z.enum(['focused', 'opened', 'none']) }),
  },
  /** The popup found no page summary that holds (src/store/page-view.ts): the background refreshes them. */
  'ui:summarize': { from: 'page', request: z.object({}), reply: Ok },
  ...optionsProtocol,
} as const satisfies Record<string, { from: Origin; request: z.ZodType; reply: z.ZodType }>;

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
/** A request as its handler gets it (parsed). */
export type RequestOf<N extends MessageName> = z.infer<Protocol[N]['request']>;
/** A request as a sender writes it (content:observed sends its deals as a table). */
export type RequestInput<N extends MessageName> = z.input<Protocol[N]['request']>;
export type ReplyOf<N extends MessageName> = z.infer<Protocol[N]['reply']>;

/** The wire format of a request. */
export const Envelope = z.object({ type: z.string().max(64), payload: z.unknown() });

/** The wire format of a reply: errors travel as values, never as exceptions across the boundary. */
export type ReplyEnvelope<R> = { ok: true; reply: R } | { ok: false; error: string };

export function isMessageName(name: string): name is MessageName {
  return Object.hasOwn(protocol, name);
}
