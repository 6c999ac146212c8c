import { browser } from '../platform/browser';
import { repairSettings, type Settings } from './schema';
import { migrateSettings } from './migrations';

const KEY = 'settings';

/** Loads settings from storage.local, migrated and repaired. */
export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  return repairSettings(migrateSettings(stored));
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [KEY]: repairSettings(settings) });
}

export const SETTINGS_KEY = KEY;
