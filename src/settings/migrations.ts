import { SETTINGS_VERSION } from './schema';

type Stored = Record<string, unknown>;

/** One named function per settings change, applied in order; index i migrates version i+1 to i+2. */
const MIGRATIONS: Array<(s: Stored) => Stored> = [];

/** Brings stored settings of any older version up to the current one. Unknown input becomes `{}`. */
export function migrateSettings(stored: unknown): Stored {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return {};
  let current = { ...(stored as Stored) };
  let version = typeof current.version === 'number' ? current.version : 1;
  if (version > SETTINGS_VERSION) {
    throw new Error(`Settings are from a newer Deal Radar (version ${version}); this one understands up to ${SETTINGS_VERSION}.`);
  }
  while (version < SETTINGS_VERSION) {
    const step = MIGRATIONS[version - 1];
    if (!step) break;
    current = step(current);
    version += 1;
  }
  return { ...current, version: SETTINGS_VERSION };
}
