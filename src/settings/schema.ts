import { z } from 'zod';
import { FieldName } from '../sites/fields';
import { RadarSettings } from '../radar/settings-schema';

export const SETTINGS_VERSION = 1;

/** The user's own header or label names per field ("our 'Last touch' column is last activity"). */
export const AliasMap = z.partialRecord(FieldName, z.array(z.string().min(1).max(100)).max(20));
export type AliasMap = z.infer<typeof AliasMap>;

/** A CRM the user added in options: read with the generic profile and their own header aliases. */
export const CustomSite = z.object({
  /** `https://crm.example.com` */
  origin: z.string().regex(/^https?:\/\/[^/\s]+$/),
  aliases: AliasMap.default({}),
});
export type CustomSite = z.infer<typeof CustomSite>;

/**
 * All user settings. Every field has a default and `.catch()`es back to it, so an
 * invalid value is repaired instead of losing the whole object.
 */
export const Settings = z.object({
  version: z.number().int().catch(SETTINGS_VERSION),
  radar: RadarSettings.catch(() => RadarSettings.parse({})),
  /** Dots beside flagged deals in the CRM page. */
  markers: z.boolean().default(true).catch(true),
  /** Site profile ids switched off by the user. */
  disabledSites: z.array(z.string().max(64)).max(50).default([]).catch([]),
  customSites: z.array(CustomSite).max(100).default([]).catch([]),
  notifications: z
    .object({
      critical: z.boolean().default(false).catch(false),
      digest: z.boolean().default(false).catch(false),
    })
    .default({ critical: false, digest: false })
    .catch({ critical: false, digest: false }),
  /** Days of change history to keep. */
  retentionDays: z.number().int().min(7).max(3650).default(180).catch(180),
});
export type Settings = z.infer<typeof Settings>;

export function defaultSettings(): Settings {
  return Settings.parse({});
}

/** Reads whatever is stored (possibly old, partial or damaged) into valid settings. */
export function repairSettings(stored: unknown): Settings {
  const input = stored && typeof stored === 'object' && !Array.isArray(stored) ? stored : {};
  return Settings.parse(input);
}
