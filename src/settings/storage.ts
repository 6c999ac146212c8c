import { browser } from '../platform/browser';
import { diffFromDefaults } from './diff';
import { migrateSettings, SettingsFromNewerVersion, storedVersion } from './migrations';
import { defaultSettings, repairSettings, SETTINGS_VERSION, type Settings } from './schema';

/*
 * Settings live in storage.local under one key (the content script reads `disabledSites` and
 * `customSites` from there), stored as differences from the defaults plus `version`.
 * Only the background writes them.
 */

const KEY = 'settings';
/** Where settings written by a newer Deal Radar are kept before this version overwrites them. */
const NEWER_BACKUP_KEY = 'settingsFromNewerVersion';

export const SETTINGS_KEY = KEY;
export const SETTINGS_NEWER_BACKUP_KEY = NEWER_BACKUP_KEY;

export interface SettingsState {
  settings: Settings;
  /**
   * Set when the stored settings come from a newer Deal Radar (after a downgrade): they are read
   * as well as this version can, and kept in a backup before the first save.
   */
  newer?: SettingsFromNewerVersion;
}

async function readStored(): Promise<unknown> {
  return (await browser.storage.local.get(KEY))[KEY];
}

/** Reads raw stored settings into valid ones: migrated, repaired, newer versions read as well as possible. */
export function settingsFromStored(stored: unknown): SettingsState {
  try {
    return { settings: repairSettings(migrateSettings(stored)) };
  } catch (error) {
    if (!(error instanceof SettingsFromNewerVersion)) throw error;
    // Best effort without losing anything: fields this version knows are read, the rest kept in storage.
    return { settings: { ...repairSettings(stored), version: SETTINGS_VERSION }, newer: error };
  }
}

export async function loadSettingsState(): Promise<SettingsState> {
  return settingsFromStored(await readStored());
}

/** Loads settings from storage.local, migrated and repaired. Never throws on bad or newer stored data. */
export async function loadSettings(): Promise<Settings> {
  return (await loadSettingsState()).settings;
}

/** What goes into storage: the version and what differs from the defaults. */
export function toStored(settings: Settings): Record<string, unknown> {
  const repaired = repairSettings(settings);
  const diff = diffFromDefaults(repaired as unknown as Record<string, unknown>, defaultSettings() as unknown as Record<string, unknown>);
  return { ...diff, version: SETTINGS_VERSION };
}

/** Saves settings (repaired first). Settings of a newer version are backed up before they are replaced. */
export async function saveSettings(settings: Settings): Promise<Settings> {
  const stored = await readStored();
  if (storedVersion(stored) > SETTINGS_VERSION) {
    const backup = (await browser.storage.local.get(NEWER_BACKUP_KEY))[NEWER_BACKUP_KEY];
    if (backup === undefined) await browser.storage.local.set({ [NEWER_BACKUP_KEY]: stored });
  }
  const repaired = repairSettings(settings);
  await browser.storage.local.set({ [KEY]: toStored(repaired) });
  return repaired;
}

/** JSON with object keys sorted, so the same settings in another key order compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export type MigrationOutcome = 'none' | 'current' | 'migrated' | 'repaired' | 'newer';

/**
 * Runs once in the background on install and update: migrates stored settings to this version
 * and saves them only when something changed. Settings of a newer version are left untouched.
 */
export async function migrateStoredSettings(): Promise<MigrationOutcome> {
  const stored = await readStored();
  if (stored === undefined) return 'none';
  const state = settingsFromStored(stored);
  if (state.newer) return 'newer';
  const next = toStored(state.settings);
  if (canonical(next) === canonical(stored)) return 'current';
  await browser.storage.local.set({ [KEY]: next });
  return storedVersion(stored) < SETTINGS_VERSION ? 'migrated' : 'repaired';
}
