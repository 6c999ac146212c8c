import { SETTINGS_VERSION } from './schema';

export type StoredSettings = Record<string, unknown>;

/** One settings change: brings version `from` to `from + 1`. Stored settings may hold only differences from defaults. */
export interface SettingsMigration {
  from: number;
  name: string;
  migrate(stored: StoredSettings): StoredSettings;
}

/**
 * One named function per settings change, in order, the first from version 1. Settings are
 * stored as differences from the defaults, so a migration sees partial objects: a missing key
 * means "the default of that version".
 */
export const MIGRATIONS: readonly SettingsMigration[] = [];

/** Settings written by a newer Deal Radar: refused rather than guessed at, so nothing is lost. */
export class SettingsFromNewerVersion extends Error {
  override name = 'SettingsFromNewerVersion';
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`These settings are from a newer Deal Radar (settings version ${found}); this one understands up to version ${supported}.`);
  }
}

/** A migration that failed, with the stored settings' cause kept. */
export class SettingsMigrationFailed extends Error {
  override name = 'SettingsMigrationFailed';
}

/** The version stored settings say they have; 1 when they say nothing usable. */
export function storedVersion(stored: unknown): number {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return 1;
  const version = (stored as StoredSettings).version;
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : 1;
}

/**
 * Brings stored settings of any older version up to `target`, one step at a time.
 * Unknown input becomes `{}`; a newer version throws SettingsFromNewerVersion.
 */
export function migrateSettings(
  stored: unknown,
  migrations: readonly SettingsMigration[] = MIGRATIONS,
  target: number = SETTINGS_VERSION,
): StoredSettings {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return { version: target };
  let version = storedVersion(stored);
  if (version > target) throw new SettingsFromNewerVersion(version, target);
  let current: StoredSettings = structuredClone(stored as StoredSettings);
  while (version < target) {
    const step = migrations.find((m) => m.from === version);
    if (step) {
      try {
        current = step.migrate(current);
      } catch (error) {
        throw new SettingsMigrationFailed(`settings migration ${step.name} (version ${version} → ${version + 1}) failed`, { cause: error });
      }
    }
    version += 1;
  }
  return { ...current, version: target };
}
