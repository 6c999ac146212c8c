import { beforeEach, describe, expect, test } from 'vitest';
import { fakeState, resetFakeBrowser } from '../../support/fake-browser';
import { diffFromDefaults } from '../../../src/settings/diff';
import {
  migrateSettings,
  type SettingsMigration,
  SettingsFromNewerVersion,
  SettingsMigrationFailed,
  storedVersion,
} from '../../../src/settings/migrations';
import { normalizeOrigin } from '../../../src/settings/origins';
import { defaultSettings, repairSettings, SETTINGS_VERSION, type Settings } from '../../../src/settings/schema';
import {
  loadSettings,
  loadSettingsState,
  migrateStoredSettings,
  SETTINGS_KEY,
  SETTINGS_NEWER_BACKUP_KEY,
  saveSettings,
  toStored,
} from '../../../src/settings/storage';

const stored = () => fakeState.local.get(SETTINGS_KEY) as Record<string, unknown> | undefined;

function withThreshold(settings: Settings, rule: string, key: string, value: unknown): Settings {
  const own = settings.radar.rules[rule];
  if (!own) throw new Error(`no rule ${rule}`);
  return {
    ...settings,
    radar: { ...settings.radar, rules: { ...settings.radar.rules, [rule]: { ...own, thresholds: { ...own.thresholds, [key]: value } } } },
  };
}

beforeEach(() => resetFakeBrowser());

describe('repair: an invalid field falls back to its default, the rest is kept', () => {
  test.each<[string, unknown, (s: Settings) => unknown, unknown]>([
    ['markers not a boolean', { markers: 'yes', retentionDays: 30 }, (s) => [s.markers, s.retentionDays], [true, 30]],
    ['retention out of range', { retentionDays: 2, markers: false }, (s) => [s.retentionDays, s.markers], [180, false]],
    ['disabledSites not a list', { disabledSites: 'hubspot' }, (s) => s.disabledSites, []],
    ['a custom site with a bad origin', { customSites: [{ origin: 'ftp://x', aliases: {} }] }, (s) => s.customSites, []],
    ['notifications damaged', { notifications: { critical: 'on', digest: true } }, (s) => s.notifications, { critical: false, digest: true }],
    ['notifications not an object', { notifications: 7 }, (s) => s.notifications, { critical: false, digest: false }],
    [
      'one threshold out of range',
      { radar: { rules: { 'no-activity': { thresholds: { days: 9999, criticalDays: 45 } } } } },
      (s) => s.radar.rules['no-activity']?.thresholds,
      { days: 14, criticalDays: 45, quietWhenBooked: false },
    ],
    ['weekend all seven days', { radar: { days: { business: true, weekend: [0, 1, 2, 3, 4, 5, 6] } } }, (s) => s.radar.days, { business: true, weekend: [0, 6] }],
    ['version not a number', { version: 'two' }, (s) => s.version, SETTINGS_VERSION],
  ])('%s', (_name, input, pick, expected) => {
    expect(pick(repairSettings(input))).toEqual(expected);
  });

  test('junk of any kind gives the defaults', () => {
    for (const junk of [null, undefined, 'x', 42, [], [1, 2]]) expect(repairSettings(junk)).toEqual(defaultSettings());
  });

  test('custom site aliases: bad fields and labels are refused without losing the site list', () => {
    const s = repairSettings({ customSites: [{ origin: 'https://crm.example.com', aliases: { lastActivity: ['Last touch'] } }] });
    expect(s.customSites).toEqual([{ origin: 'https://crm.example.com', aliases: { lastActivity: ['Last touch'] } }]);
  });
});

describe('migrations', () => {
  const steps: SettingsMigration[] = [
    { from: 1, name: 'renameNotify', migrate: ({ notify, ...rest }) => ({ ...rest, notifications: { critical: notify === true } }) },
    { from: 2, name: 'dropLegacyTheme', migrate: ({ theme: _theme, ...rest }) => rest },
  ];

  test('run in order, once each, from the stored version', () => {
    expect(migrateSettings({ version: 1, notify: true, theme: 'dark', markers: false }, steps, 3)).toEqual({
      version: 3,
      markers: false,
      notifications: { critical: true },
    });
    // Already at version 2: only the second step runs.
    expect(migrateSettings({ version: 2, notify: true, theme: 'dark' }, steps, 3)).toEqual({ version: 3, notify: true });
  });

  test('no version means version 1', () => {
    expect(storedVersion({ markers: true })).toBe(1);
    expect(migrateSettings({ notify: true }, steps, 3)).toMatchObject({ version: 3, notifications: { critical: true } });
  });

  test('settings from a newer version are refused with a clear message', () => {
    expect(() => migrateSettings({ version: 4 }, steps, 3)).toThrow(SettingsFromNewerVersion);
    expect(() => migrateSettings({ version: 4 }, steps, 3)).toThrow(/newer Deal Radar \(settings version 4\).*up to version 3/);
  });

  test('a failing migration names itself and keeps the cause', () => {
    const broken: SettingsMigration[] = [{ from: 1, name: 'explode', migrate: () => { throw new Error('boom'); } }];
    try {
      migrateSettings({ version: 1 }, broken, 2);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SettingsMigrationFailed);
      expect((error as Error).message).toContain('explode');
      expect(((error as Error).cause as Error).message).toBe('boom');
    }
  });

  test('does not change its input', () => {
    const input = { version: 1, notify: true, theme: 'dark' };
    migrateSettings(input, steps, 3);
    expect(input).toEqual({ version: 1, notify: true, theme: 'dark' });
  });

  test('the shipped list is in order with one function per version', () => {
    expect(migrateSettings({}).version).toBe(SETTINGS_VERSION);
  });
});

describe('storage: differences from defaults only', () => {
  test('defaults store only the version', async () => {
    await saveSettings(defaultSettings());
    expect(stored()).toEqual({ version: SETTINGS_VERSION });
    expect(await loadSettings()).toEqual(defaultSettings());
  });

  test('one changed threshold stores just that, and reads back merged over the defaults', async () => {
    const changed = { ...withThreshold(defaultSettings(), 'no-activity', 'days', 40), disabledSites: ['zoho'] };
    await saveSettings(changed);
    expect(stored()).toEqual({
      version: SETTINGS_VERSION,
      disabledSites: ['zoho'],
      radar: { rules: { 'no-activity': { thresholds: { days: 40 } } } },
    });
    expect(await loadSettings()).toEqual(changed);
  });

  test('per-stage overrides and custom sites survive the round trip', async () => {
    const base = defaultSettings();
    const own = base.radar.rules['stalled-in-stage'];
    if (!own) throw new Error('missing rule');
    const changed: Settings = {
      ...base,
      customSites: [{ origin: 'https://crm.example.com', aliases: { lastActivity: ['Last touch'] } }],
      radar: { ...base.radar, rules: { ...base.radar.rules, 'stalled-in-stage': { ...own, stages: { proposal: { days: 21, criticalFactor: 3 } } } } },
    };
    await saveSettings(changed);
    expect(await loadSettings()).toEqual(changed);
    // Removing the override again leaves nothing stored for it.
    await saveSettings(base);
    expect(stored()).toEqual({ version: SETTINGS_VERSION });
  });

  test('a damaged stored field reads as its default', async () => {
    fakeState.local.set(SETTINGS_KEY, { version: 1, markers: 'sometimes', retentionDays: 90 });
    const settings = await loadSettings();
    expect(settings.markers).toBe(true);
    expect(settings.retentionDays).toBe(90);
  });

  test('settings from a newer version: read as well as possible, flagged, and backed up before the first save', async () => {
    const newer = { version: SETTINGS_VERSION + 1, markers: false, futureThing: { a: 1 } };
    fakeState.local.set(SETTINGS_KEY, newer);
    const state = await loadSettingsState();
    expect(state.newer).toBeInstanceOf(SettingsFromNewerVersion);
    expect(state.settings.markers).toBe(false);
    expect(state.settings.version).toBe(SETTINGS_VERSION);
    // The install/update migration leaves them alone.
    expect(await migrateStoredSettings()).toBe('newer');
    expect(stored()).toEqual(newer);
    // A save keeps a copy of what it replaces.
    await saveSettings(state.settings);
    expect(fakeState.local.get(SETTINGS_NEWER_BACKUP_KEY)).toEqual(newer);
    expect(stored()).toEqual({ version: SETTINGS_VERSION, markers: false });
  });

  test('the install/update migration saves only when something changed', async () => {
    expect(await migrateStoredSettings()).toBe('none');
    fakeState.local.set(SETTINGS_KEY, { version: SETTINGS_VERSION, markers: false });
    expect(await migrateStoredSettings()).toBe('current');
    // A stored default or a damaged field is cleaned up once.
    fakeState.local.set(SETTINGS_KEY, { version: SETTINGS_VERSION, markers: true, retentionDays: -1 });
    expect(await migrateStoredSettings()).toBe('repaired');
    expect(stored()).toEqual({ version: SETTINGS_VERSION });
    // Settings without a version are from version 1.
    fakeState.local.set(SETTINGS_KEY, { markers: false });
    expect(await migrateStoredSettings()).toBe(SETTINGS_VERSION > 1 ? 'migrated' : 'repaired');
    expect(stored()).toEqual({ version: SETTINGS_VERSION, markers: false });
  });

  test('toStored always carries the version', () => {
    expect(toStored(defaultSettings())).toEqual({ version: SETTINGS_VERSION });
  });
});

describe('diffFromDefaults', () => {
  test('objects by key, arrays as a whole', () => {
    expect(diffFromDefaults({ a: 1, b: { c: 2, d: 3 }, e: [1, 2] }, { a: 1, b: { c: 2, d: 4 }, e: [1, 2] })).toEqual({ b: { d: 3 } });
    expect(diffFromDefaults({ e: [1] }, { e: [1, 2] })).toEqual({ e: [1] });
    expect(diffFromDefaults({ r: { x: { y: 1 } } }, { r: {} })).toEqual({ r: { x: { y: 1 } } });
  });
});

describe('custom site origins', () => {
  test.each<[string, unknown]>([
    ['https://crm.example.com', { origin: 'https://crm.example.com' }],
    ['crm.example.com', { origin: 'https://crm.example.com' }],
    ['  https://CRM.Example.com/deals?x=1  ', { origin: 'https://crm.example.com' }],
    ['http://127.0.0.2:8080/', { origin: 'http://127.0.0.2:8080' }],
    ['https://crm.example.com:443', { origin: 'https://crm.example.com' }],
    ['', { problem: 'empty' }],
    ['ftp://crm.example.com', { problem: 'scheme' }],
    ['javascript:alert(1)', { problem: 'scheme' }],
    ['https://user:pw@crm.example.com', { problem: 'credentials' }],
    ['https://', { problem: 'invalid' }],
    ['https://exa mple.com', { problem: 'invalid' }],
  ])('%j', (input, expected) => {
    expect(normalizeOrigin(input)).toEqual(expected);
  });
});
