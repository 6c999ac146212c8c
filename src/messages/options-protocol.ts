import { z } from 'zod';
import { AliasMap, CustomSite, Settings } from '../settings/schema';
import { ImportId, ImportReceipt, TableCounts } from '../store/import-receipts';
import { ImportProblem } from '../store/transfer';
import type { Origin } from './protocol-types';

const Ok = z.object({ ok: z.literal(true) });
const OriginText = z.string().min(1).max(2000);

/** Why the background would not add a custom site. */
export const AddSiteRefusal = z.enum(['invalid-origin', 'builtin', 'no-permission', 'too-many']);
export type AddSiteRefusal = z.infer<typeof AddSiteRefusal>;

/**
 * Messages from the options page (`options:` names). Merged into the protocol in protocol.ts.
 * Every write to settings or data goes through these: the background is the only writer.
 */
export const optionsProtocol = {
  /** Settings as the background reads them (migrated, repaired); `newer` when they come from a newer version. */
  'options:get-settings': {
    from: 'page',
    request: z.object({}),
    reply: z.object({ settings: Settings, newer: z.string().max(500).optional() }),
  },
  /**
   * Saves settings (repaired by the schema on the way in) and re-scores everything.
   * `customSites` is ignored here: sites change only through add-site, remove-site and set-aliases,
   * which also manage their permission and content script.
   */
  'options:save-settings': {
    from: 'page',
    request: z.object({ settings: Settings }),
    reply: z.object({ settings: Settings }),
  },
  /**
   * Replaces settings and data with a file's, or refuses it and changes nothing. `importId`: the
   * page's name for this try, kept with the data when it goes in (see options:import-status).
   */
  'options:import': {
    from: 'page',
    // The real limit (with a clear refusal) is MAX_IMPORT_CHARS in store/transfer.ts; this one only bounds the message.
    request: z.object({ text: z.string().max(64 * 1024 * 1024), importId: ImportId.optional() }),
    reply: z.union([z.object({ imported: TableCounts }), z.object({ refused: ImportProblem })]),
  },
  /**
   * Whether the import the page called `importId` went in, asked when its reply was lost (the
   * worker stopped mid-way). `finished`: its settings are saved and everything re-scored; false
   * while that is still left for the worker's next start.
   */
  'options:import-status': {
    from: 'page',
    request: z.object({ importId: ImportId }),
    reply: z.discriminatedUnion('landed', [
      z.object({ landed: z.literal(true), receipt: ImportReceipt, finished: z.boolean() }),
      z.object({ landed: z.literal(false) }),
    ]),
  },
  /** Deletes all deals, warnings and history. Settings stay. */
  'options:clear-data': {
    from: 'page',
    request: z.object({ confirm: z.literal(true) }),
    reply: Ok,
  },
  /** Adds a custom CRM site (after the page got the host permission) and registers the content script there. */
  'options:add-site': {
    from: 'page',
    request: z.object({ origin: OriginText, aliases: AliasMap.optional() }),
    reply: z.union([
      z.object({ site: CustomSite, registered: z.boolean() }),
      z.object({ refused: AddSiteRefusal, detail: z.string().max(200).optional() }),
    ]),
  },
  /** Removes a custom site: its content script and its host permission go too. */
  'options:remove-site': {
    from: 'page',
    request: z.object({ origin: OriginText }),
    reply: Ok,
  },
  /** Replaces the header aliases of one custom site. */
  'options:set-aliases': {
    from: 'page',
    request: z.object({ origin: OriginText, aliases: AliasMap }),
    reply: z.object({ site: CustomSite }),
  },
} as const satisfies Record<string, { from: Origin; request: z.ZodType; reply: z.ZodType }>;
