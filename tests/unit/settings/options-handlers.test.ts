import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { scriptId, syncCustomSites } from '../../../src/background/custom-sites';
import { createHandlers } from '../../../src/background/handlers';
import { loadNotified, nextDigestTime, notifyCritical, sendDigest, syncDigestAlarm } from '../../../src/background/notify';
import { dispatch } from '../../../src/messages/handle';
import type { RequestInput } from '../../../src/messages/protocol';
import type { Runtime } from '../../../src/platform/browser';
import { isShowing } from '../../../src/radar/lifecycle';
import { defaultSettings, type Settings } from '../../../src/settings/schema';
import { loadSettings, saveSettings, SETTINGS_KEY } from '../../../src/settings/storage';
import { openDb, type RadarDB } from '../../../src/store/db';
import { exportAll, parseImport, replaceAllData } from '../../../src/store/transfer';
import { MAX_TRIES, noteUnfinished, readUnfinished } from '../../../src/store/unfinished';
import { resumeUnfinished } from '../../../src/background/settings-handlers';
import { EXTENSION_ID, EXTENSION_URL, fakeState } from '../../support/fake-browser';
import { extras, resetBrowser, withoutNotifications } from './browser-extras';
import { toDealTable } from '../../../src/messages/deal-table';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const OPTIONS = { id: EXTENSION_ID, url: `${EXTENSION_URL}options/index.html` } as Runtime.MessageSender;
const POPUP = { id: EXTENSION_ID, url: `${EXTENSION_URL}popup/index.html` } as Runtime.MessageSender;
const CONTENT = { id: EXTENSION_ID, url: 'http://crm.test/deals', tab: { id: 5 } } as Runtime.MessageSender;
const opts = { extensionId: EXTENSION_ID, extensionUrl: EXTENSION_URL, warn: () => {} };

let db: RadarDB;
let handlers: ReturnType<typeof createHandlers>;

async function call<N extends keyof typeof handlers>(type: N, payload: RequestInput<N>, sender = OPTIONS) {
  const reply = await dispatch({ type, payload }, sender, handlers, opts);
  if (!reply.ok) throw new Error(reply.error);
  return reply.reply as Awaited<ReturnType<(typeof handlers)[N]>>;
}

/** The demo of one quiet deal (last activity 23 days ago) and one busy one, read on tab 5. */
async function observe(): Promise<void> {
  await call(
    'content:observed',
    {
      siteId: 'generic',
      pageUrl: 'http://crm.test/deals',
      locale: 'en-US',
      view: 'list',
      table: toDealTable([
        { key: '/deals/1', url: 'http://crm.test/deals/1', fields: { name: 'Quiet Co', stage: 'Demo', lastActivity: '23 days ago' } },
        { key: '/deals/2', url: 'http://crm.test/deals/2', fields: { name: 'Gone Co', stage: 'Demo', lastActivity: '45 days ago' } },
        { key: '/deals/3', url: 'http://crm.test/deals/3', fields: { name: 'Busy Co', stage: 'Proposal', lastActivity: 'Yesterday' } },
      ]),
      scan: { id: 's1', batch: 0, done: true, seen: 3 },
    },
    CONTENT,
  );
}

async function showing(ruleId: string): Promise<string[]> {
  const all = await db.warnings.filter((w) => w.ruleId === ruleId).toArray();
  return all.filter((w) => isShowing(w, NOW)).map((w) => w.dealId ?? '').sort();
}

/** A stored warning as the popup shows it (what its snooze and dismiss send). */
async function shownNow(id: string): Promise<{ id: string; fingerprint: string; severity: 'warn' | 'critical' }> {
  const w = await db.warnings.get(id);
  if (!w) throw new Error(`no warning ${id}`);
  return { id, fingerprint: w.fingerprint, severity: w.severity };
}

/** Settings with notifications of deals turning critical on. */
const critical = (s: Settings): Settings => ({ ...s, notifications: { ...s.notifications, critical: true } });

function withNoActivityDays(settings: Settings, days: number): Settings {
  const own = settings.radar.rules['no-activity'];
  if (!own) throw new Error('missing rule');
  return { ...settings, radar: { ...settings.radar, rules: { ...settings.radar.rules, 'no-activity': { ...own, thresholds: { ...own.thresholds, days } } } } };
}

beforeEach(async () => {
  resetBrowser();
  // crm.test: a CRM the user added, and granted Deal Radar access to.
  extras.granted.add('http://crm.test/*');
  db = openDb(`options-${Math.random()}`);
  await db.open();
  handlers = createHandlers(db, { now: () => NOW });
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('options:get-settings', () => {
  test('reads migrated, repaired settings, and says when they come from a newer version', async () => {
    expect(await call('options:get-settings', {})).toEqual({ settings: defaultSettings() });
    fakeState.local.set(SETTINGS_KEY, { version: 99, markers: false });
    const reply = await call('options:get-settings', {}, POPUP);
    expect(reply.settings.markers).toBe(false);
    expect(reply.newer).toMatch(/newer Deal Radar \(settings version 99\)/);
  });
});

describe('options:save-settings', () => {
  test('a threshold change re-scores at once, badges and markers follow; setting it back restores', async () => {
    await observe();
    expect(await showing('no-activity')).toEqual(['crm.test|/deals/1', 'crm.test|/deals/2']);
    expect(fakeState.badges.get(5)?.text).toBe('2');

    const { settings } = await call('options:save-settings', { settings: withNoActivityDays(defaultSettings(), 40) });
    expect(settings.radar.rules['no-activity']?.thresholds.days).toBe(40);
    expect(await showing('no-activity')).toEqual(['crm.test|/deals/2']);
    expect(fakeState.badges.get(5)?.text).toBe('1');
    expect(extras.tabMessages.at(-1)).toMatchObject({ tabId: 5, message: { type: 'bg:marks' } });

    await call('options:save-settings', { settings: defaultSettings() });
    expect(await showing('no-activity')).toEqual(['crm.test|/deals/1', 'crm.test|/deals/2']);
    expect(fakeState.badges.get(5)?.text).toBe('2');
  });

  test('a CRM switched off while its tab is open: the tab is forgotten and its script told to stop; later reports are refused', async () => {
    await observe();
    expect(await db.tabs.get(5)).toBeDefined();
    extras.tabMessages.length = 0;
    await call('options:save-settings', { settings: { ...defaultSettings(), disabledSites: ['generic'] } });
    expect(await db.tabs.get(5)).toBeUndefined();
    expect(fakeState.badges.get(5)?.text).toBe('');
    expect(extras.tabMessages).toContainEqual({ tabId: 5, message: { type: 'bg:marks', marks: [], stop: true } });

    // A report sent before the script got the word: refused, nothing stored.
    const deals = await db.deals.toArray();
    const reply = await dispatch(
      {
        type: 'content:observed',
        payload: {
          siteId: 'generic',
          pageUrl: 'http://crm.test/deals',
          locale: 'en-US',
          view: 'list',
          table: toDealTable([{ key: '/deals/9', fields: { name: 'Late Co', stage: 'Demo', lastActivity: '40 days ago' } }]),
          scan: { id: 's2', batch: 0, done: true, seen: 1 },
        },
      },
      CONTENT,
      handlers,
      opts,
    );
    expect(reply).toEqual({ ok: true, reply: { marks: [], stop: true } });
    expect(await db.tabs.get(5)).toBeUndefined();
    expect(await db.deals.toArray()).toEqual(deals);

    // Switched on again, the next read is stored as ever; another CRM switched off leaves it be.
    await call('options:save-settings', { settings: { ...defaultSettings(), disabledSites: ['hubspot'] } });
    await observe();
    expect(await db.tabs.get(5)).toBeDefined();
  });

  test('a dismissal outlasts the rule switched off and on again (the deal did not change)', async () => {
    await observe();
    const id = 'crm.test|/deals/1|no-activity';
    await call('ui:dismiss', { warnings: [await shownNow(id)] }, POPUP);
    expect((await db.warnings.get(id))?.status).toBe('dismissed');
    const s = defaultSettings();
    const own = s.radar.rules['no-activity'];
    if (!own) throw new Error('missing rule');
    await call('options:save-settings', { settings: { ...s, radar: { ...s.radar, rules: { ...s.radar.rules, 'no-activity': { ...own, enabled: false } } } } });
    expect((await db.warnings.get(id))?.status).toBe('resolved');
    await call('options:save-settings', { settings: s });
    expect((await db.warnings.get(id))?.status).toBe('dismissed');
    expect(await showing('no-activity')).toEqual(['crm.test|/deals/2']);
  });

  test('a rule turned off takes its warnings away', async () => {
    await observe();
    const s = defaultSettings();
    const own = s.radar.rules['no-activity'];
    if (!own) throw new Error('missing rule');
    await call('options:save-settings', { settings: { ...s, radar: { ...s.radar, rules: { ...s.radar.rules, 'no-activity': { ...own, enabled: false } } } } });
    expect(await showing('no-activity')).toEqual([]);
  });

  test('invalid values are repaired, not stored', async () => {
    const reply = await call('options:save-settings', { settings: { ...defaultSettings(), retentionDays: -5, markers: 'x' } as unknown as Settings });
    expect(reply.settings.retentionDays).toBe(180);
    expect(reply.settings.markers).toBe(true);
  });

  test('custom sites cannot be changed through a settings save', async () => {
    await saveSettings({ ...defaultSettings(), customSites: [{ origin: 'https://crm.example.com', aliases: {} }] });
    await call('options:save-settings', { settings: { ...defaultSettings(), customSites: [{ origin: 'https://evil.example', aliases: {} }] } });
    expect((await loadSettings()).customSites.map((s) => s.origin)).toEqual(['https://crm.example.com']);
  });

  test('two quick saves do not overwrite each other out of order', async () => {
    const a = call('options:save-settings', { settings: withNoActivityDays(defaultSettings(), 20) });
    const b = call('options:save-settings', { settings: { ...withNoActivityDays(defaultSettings(), 20), markers: false } });
    await Promise.all([a, b]);
    const saved = await loadSettings();
    expect([saved.radar.rules['no-activity']?.thresholds.days, saved.markers]).toEqual([20, false]);
  });
});

describe('a worker stopped in the middle of a settings save or an import finishes it when it starts again', () => {
  /** Every write of warnings fails until the returned function is called (the worker "stops" there). */
  function failWarningWrites(): () => void {
    const fail = () => {
      throw new Error('worker stopped');
    };
    db.warnings.hook('creating', fail);
    db.warnings.hook('updating', fail);
    return () => {
      db.warnings.hook('creating').unsubscribe(fail);
      db.warnings.hook('updating').unsubscribe(fail);
    };
  }

  test('a save whose re-scoring did not finish: the next start re-scores with the saved settings', async () => {
    await observe();
    const resume = failWarningWrites();
    await expect(call('options:save-settings', { settings: withNoActivityDays(defaultSettings(), 40) })).rejects.toThrow();
    resume();
    // Saved, but the warnings still follow the old threshold.
    expect((await loadSettings()).radar.rules['no-activity']?.thresholds.days).toBe(40);
    expect(await showing('no-activity')).toEqual(['crm.test|/deals/1', 'crm.test|/deals/2']);
    expect(await readUnfinished(db)).toMatchObject({ kind: 'rescore' });

    expect(await resumeUnfinished(db, { now: () => NOW })).toBe(true);
    expect(await showing('no-activity')).toEqual(['crm.test|/deals/2']);
    expect(fakeState.badges.get(5)?.text).toBe('1');
    expect(await readUnfinished(db)).toBeNull();
    // Nothing left: the next start does nothing.
    expect(await resumeUnfinished(db, { now: () => NOW })).toBe(false);
  });

  test('finished at the next start, a save that switched a CRM on reads its open tabs; what is critical then is news, not marked as seen', async () => {
    await observe();
    await saveSettings({ ...critical(defaultSettings()), disabledSites: ['generic'] });
    extras.openTabs.push({ id: 5, url: 'http://crm.test/deals' }, { id: 6, url: 'https://news.example/' });
    const resume = failWarningWrites();
    // Switched on again, and a threshold changed: the worker stops while re-scoring.
    await expect(call('options:save-settings', { settings: withNoActivityDays(critical(defaultSettings()), 20) })).rejects.toThrow();
    resume();
    expect(extras.executed).toEqual([]);
    expect(await resumeUnfinished(db, { now: () => NOW })).toBe(true);
    // Only the switched-on CRM's tab (granted), with the readers; not a page Deal Radar may not read.
    expect(extras.executed).toEqual([{ tabId: 5, files: ['content-main.js'] }]);
    expect(await loadNotified()).toEqual(new Set());
  });

  test('a save that finished leaves nothing to do', async () => {
    await observe();
    await call('options:save-settings', { settings: withNoActivityDays(defaultSettings(), 40) });
    expect(await readUnfinished(db)).toBeNull();
  });

  test('an import stopped after its data was in: the next start saves its settings and re-scores', async () => {
    await observe();
    const file = await exportAll(db, withNoActivityDays(defaultSettings(), 40), NOW);
    const parsed = parseImport(JSON.stringify(file));
    if (!parsed.ok) throw new Error('file refused');
    // The import's first step, and then the worker stops.
    await replaceAllData(db, parsed.data, { kind: 'import', tries: 0, disabledBefore: [], settings: parsed.settings });
    expect((await loadSettings()).radar.rules['no-activity']?.thresholds.days).toBe(14);

    expect(await resumeUnfinished(db, { now: () => NOW })).toBe(true);
    expect((await loadSettings()).radar.rules['no-activity']?.thresholds.days).toBe(40);
    expect(await showing('no-activity')).toEqual(['crm.test|/deals/2']);
    expect(await readUnfinished(db)).toBeNull();
  });

  test('an import whose data did not go in leaves no work behind: nothing changes at the next start', async () => {
    await observe();
    const file = await exportAll(db, withNoActivityDays(defaultSettings(), 40), NOW);
    const resume = failWarningWrites();
    await expect(call('options:import', { text: JSON.stringify(file) })).rejects.toThrow();
    resume();
    expect(await readUnfinished(db)).toBeNull();
    expect(await resumeUnfinished(db, { now: () => NOW })).toBe(false);
    expect((await loadSettings()).radar.rules['no-activity']?.thresholds.days).toBe(14);
    expect(await db.deals.count()).toBe(3);
  });

  test('a job that keeps failing is given up after a few starts; a record that does not read as a job is dropped', async () => {
    await observe();
    await noteUnfinished(db, { kind: 'rescore', tries: 0, disabledBefore: [] });
    const resume = failWarningWrites();
    await saveSettings(withNoActivityDays(defaultSettings(), 40));
    for (let start = 0; start < MAX_TRIES; start++) await expect(resumeUnfinished(db, { now: () => NOW })).rejects.toThrow();
    resume();
    expect(await readUnfinished(db)).toMatchObject({ kind: 'rescore', tries: MAX_TRIES });
    expect(await resumeUnfinished(db, { now: () => NOW })).toBe(false);
    expect(await readUnfinished(db)).toBeNull();

    await db.meta.put({ key: 'unfinished', value: '{"kind":"format-disk"}' });
    expect(await resumeUnfinished(db, { now: () => NOW })).toBe(false);
    expect(await db.meta.get('unfinished')).toBeUndefined();
  });
});

describe('options:import and options:clear-data', () => {
  test('a bad file is refused and nothing changes', async () => {
    await observe();
    await saveSettings(withNoActivityDays(defaultSettings(), 20));
    const before = { settings: fakeState.local.get(SETTINGS_KEY), data: await exportAll(db, defaultSettings(), NOW) };
    for (const text of ['not json', '{"format":"other"}', JSON.stringify({ ...before.data, version: 99 })]) {
      const reply = await call('options:import', { text });
      expect('refused' in reply).toBe(true);
    }
    expect(fakeState.local.get(SETTINGS_KEY)).toEqual(before.settings);
    expect((await exportAll(db, defaultSettings(), NOW)).data).toEqual(before.data.data);
  });

  test('a good file replaces data and settings, and everything is re-scored', async () => {
    await observe();
    const file = await exportAll(db, withNoActivityDays(defaultSettings(), 40), NOW);
    await call('options:clear-data', { confirm: true });
    expect(await db.deals.count()).toBe(0);
    const reply = await call('options:import', { text: JSON.stringify(file) });
    expect(reply).toEqual({ imported: { deals: 3, events: file.data.events.length, warnings: file.data.warnings.length, daily: file.data.daily.length, sites: 1 } });
    expect((await loadSettings()).radar.rules['no-activity']?.thresholds.days).toBe(40);
    // Re-scored with the imported settings: Quiet Co (23 days) no longer over the 40-day threshold.
    expect(await showing('no-activity')).toEqual(['crm.test|/deals/2']);
  });

  test('clear all data empties the store and blanks the badge and markers of open tabs', async () => {
    await observe();
    extras.tabMessages.length = 0;
    await call('options:clear-data', { confirm: true });
    expect(await db.deals.count()).toBe(0);
    expect(await db.warnings.count()).toBe(0);
    expect(await db.tabs.count()).toBe(0);
    expect(fakeState.badges.get(5)?.text).toBe('');
    expect(extras.tabMessages).toEqual([{ tabId: 5, message: { type: 'bg:marks', marks: [] } }]);
  });

  test('import only from the options page', async () => {
    await expect(call('options:import', { text: '{}' }, POPUP)).rejects.toThrow(/only the options page/);
  });

  test('after a lost reply the page can ask whether its import went in: yes with the counts, no for an import whose write failed', async () => {
    await observe();
    const file = await exportAll(db, withNoActivityDays(defaultSettings(), 40), NOW);
    const counts = { deals: 3, events: file.data.events.length, warnings: file.data.warnings.length, daily: file.data.daily.length, sites: 1 };
    await call('options:import', { text: JSON.stringify(file), importId: 'went-in' });
    expect(await call('options:import-status', { importId: 'went-in' })).toEqual({ landed: true, receipt: { id: 'went-in', at: NOW, counts }, finished: true });
    expect(await call('options:import-status', { importId: 'never-sent' })).toEqual({ landed: false });

    const fail = () => {
      throw new Error('disk full');
    };
    db.deals.hook('creating', fail);
    await expect(call('options:import', { text: JSON.stringify(file), importId: 'failed' })).rejects.toThrow(/disk full/);
    db.deals.hook('creating').unsubscribe(fail);
    expect(await call('options:import-status', { importId: 'failed' })).toEqual({ landed: false });
    // An import sent without an id (an older page) still goes in; it just leaves no receipt.
    expect(await call('options:import', { text: JSON.stringify(file) })).toEqual({ imported: counts });
  });

  test('an import whose worker stopped after its data was in: not finished until the next start has applied its settings', async () => {
    await observe();
    const file = await exportAll(db, withNoActivityDays(defaultSettings(), 40), NOW);
    const parsed = parseImport(JSON.stringify(file));
    if (!parsed.ok) throw new Error('file refused');
    // The import's first step, as the handler takes it, and then the worker stops.
    await replaceAllData(db, parsed.data, { kind: 'import', tries: 0, disabledBefore: [], settings: parsed.settings }, { id: 'half', at: NOW });
    expect(await call('options:import-status', { importId: 'half' })).toMatchObject({ landed: true, finished: false });
    await resumeUnfinished(db, { now: () => NOW });
    expect(await call('options:import-status', { importId: 'half' })).toMatchObject({ landed: true, finished: true, receipt: { counts: { deals: 3 } } });
  });

  test('only the options page may ask about an import, by an id of bounded length', async () => {
    await expect(call('options:import-status', { importId: 'x' }, POPUP)).rejects.toThrow(/only the options page/);
    await expect(call('options:import-status', { importId: 'x'.repeat(65) })).rejects.toThrow(/rejected/);
  });

  test('clear needs the confirmation and the options page', async () => {
    await observe();
    await expect(call('options:clear-data', { confirm: false } as unknown as { confirm: true })).rejects.toThrow(/rejected/);
    await expect(call('options:clear-data', { confirm: true }, POPUP)).rejects.toThrow(/only the options page/);
    await expect(call('options:clear-data', { confirm: true }, CONTENT)).rejects.toThrow(/content sender/);
    expect(await db.deals.count()).toBe(3);
  });
});

describe('custom sites', () => {
  const origin = 'https://crm.example.com';

  test('not added without the permission', async () => {
    expect(await call('options:add-site', { origin })).toEqual({ refused: 'no-permission' });
    expect((await loadSettings()).customSites).toEqual([]);
    expect(extras.scripts.size).toBe(0);
  });

  test('added with its permission: saved, content script registered once', async () => {
    extras.granted.add(`${origin}/*`);
    const reply = await call('options:add-site', { origin: 'crm.example.com/deals', aliases: { lastActivity: ['Last touch'] } });
    expect(reply).toEqual({ site: { origin, aliases: { lastActivity: ['Last touch'] } }, registered: true });
    expect(extras.scripts.get(scriptId(origin))).toEqual({
      id: `custom:${origin}`,
      matches: [`${origin}/*`],
      js: ['content.js'],
      runAt: 'document_idle',
      allFrames: false,
      persistAcrossSessions: true,
    });
    // Adding it again keeps one registration (and the aliases unless new ones are given).
    expect(await call('options:add-site', { origin })).toMatchObject({ registered: true, site: { aliases: { lastActivity: ['Last touch'] } } });
    expect(extras.scripts.size).toBe(1);
    // Stored where the content script reads it.
    expect(fakeState.local.get(SETTINGS_KEY)).toMatchObject({ customSites: [{ origin, aliases: { lastActivity: ['Last touch'] } }] });
  });

  test('aliases can be replaced', async () => {
    extras.granted.add(`${origin}/*`);
    await call('options:add-site', { origin });
    const reply = await call('options:set-aliases', { origin, aliases: { lastActivity: ['Last touch', 'Touched'], amount: ['ARR'] } });
    expect(reply.site.aliases).toEqual({ lastActivity: ['Last touch', 'Touched'], amount: ['ARR'] });
    await expect(call('options:set-aliases', { origin: 'https://nope.example', aliases: {} })).rejects.toThrow(/no custom site/);
    await expect(call('options:set-aliases', { origin, aliases: { color: ['x'] } as never })).rejects.toThrow(/rejected/);
  });

  test('removed: script unregistered, permission given back, settings updated', async () => {
    extras.granted.add(`${origin}/*`);
    await call('options:add-site', { origin });
    await call('options:remove-site', { origin });
    expect(extras.scripts.size).toBe(0);
    expect(extras.granted.has(`${origin}/*`)).toBe(false);
    expect((await loadSettings()).customSites).toEqual([]);
  });

  test('up to 100 custom sites: the 101st is refused and nothing changes; one already there can still be updated', async () => {
    const site = (i: number) => `https://crm${i}.example.com`;
    for (let i = 0; i <= 100; i++) extras.granted.add(`${site(i)}/*`);
    for (let i = 0; i < 100; i++) expect(await call('options:add-site', { origin: site(i) })).toMatchObject({ registered: true });
    expect(extras.scripts.size).toBe(100);
    const before = fakeState.local.get(SETTINGS_KEY);
    expect(await call('options:add-site', { origin: site(100) })).toEqual({ refused: 'too-many' });
    expect(fakeState.local.get(SETTINGS_KEY)).toEqual(before);
    expect(extras.scripts.has(scriptId(site(100)))).toBe(false);
    // Adding one that is there already (new header names) is not a 101st.
    expect(await call('options:add-site', { origin: site(7), aliases: { amount: ['ARR'] } })).toMatchObject({
      site: { origin: site(7), aliases: { amount: ['ARR'] } },
    });
    // After removing one, there is room again.
    await call('options:remove-site', { origin: site(0) });
    expect(await call('options:add-site', { origin: site(100) })).toMatchObject({ registered: true });
    expect((await loadSettings()).customSites).toHaveLength(100);
  });

  test('a supported CRM is not added as a custom site', async () => {
    expect(await call('options:add-site', { origin: 'https://app.hubspot.com' })).toEqual({ refused: 'builtin', detail: 'HubSpot' });
  });

  test('an origin the manifest already reads is saved for its aliases, without a second script', async () => {
    const reply = await call('options:add-site', { origin: 'http://127.0.0.1:4173' });
    expect(reply).toMatchObject({ registered: false, site: { origin: 'http://127.0.0.1:4173' } });
    expect(extras.scripts.size).toBe(0);
    // Removing it does not try to give back a required permission (which throws).
    await call('options:remove-site', { origin: 'http://127.0.0.1:4173' });
  });

  test('invalid origins are refused', async () => {
    expect(await call('options:add-site', { origin: 'ftp://x.example' })).toEqual({ refused: 'invalid-origin', detail: 'scheme' });
    expect(await call('options:add-site', { origin: 'https://' })).toEqual({ refused: 'invalid-origin', detail: 'invalid' });
  });

  test('on startup: registrations follow the settings and the granted permissions', async () => {
    const a = 'https://a.example';
    const b = 'https://b.example';
    const c = 'https://c.example';
    extras.granted.add(`${a}/*`);
    extras.granted.add(`${b}/*`);
    // b's script exists already; a stale script for a removed site d; c has no permission.
    extras.scripts.set(scriptId(b), { id: scriptId(b), matches: [`${b}/*`], js: ['content.js'] });
    extras.scripts.set(scriptId('https://d.example'), { id: scriptId('https://d.example'), matches: ['https://d.example/*'], js: ['content.js'] });
    extras.scripts.set('someone-else', { id: 'someone-else', matches: ['https://x/*'], js: ['x.js'] });
    const settings = { ...defaultSettings(), customSites: [a, b, c].map((o) => ({ origin: o, aliases: {} })) };
    expect(await syncCustomSites(settings)).toEqual({ registered: [scriptId(a)], unregistered: [scriptId('https://d.example')] });
    expect([...extras.scripts.keys()].sort()).toEqual([scriptId(a), scriptId(b), 'someone-else']);
    // A permission withdrawn in the browser's settings: its script goes at the next sync.
    extras.granted.delete(`${a}/*`);
    expect(await syncCustomSites(settings)).toEqual({ registered: [], unregistered: [scriptId(a)] });
  });
});

describe('notifications', () => {

  test('off by default: nothing is sent', async () => {
    await observe();
    expect(extras.notifications).toEqual([]);
  });

  test('one notification per deal turning critical, not again on the next scan', async () => {
    await saveSettings(critical(defaultSettings()));
    await observe();
    // Gone Co: 45 days without activity, critical at 30.
    expect(extras.notifications.map((n) => n.title)).toEqual(['Critical: Gone Co']);
    expect(extras.notifications[0]?.id).toBe('deal-radar:deal:crm.test|/deals/2');
    expect(extras.notifications[0]?.message).toMatch(/^No recent activity: /);
    await observe();
    expect(extras.notifications.length).toBe(1);
  });

  test('critical made by the user’s own threshold change is not news; a later change is', async () => {
    await call('options:save-settings', { settings: critical(defaultSettings()) });
    await observe();
    expect(extras.notifications.length).toBe(1);
    // Lowering the critical threshold makes Quiet Co (23 days) critical: the user did it, no notification.
    const s = critical(defaultSettings());
    const own = s.radar.rules['no-activity'];
    if (!own) throw new Error('missing rule');
    await call('options:save-settings', { settings: { ...s, radar: { ...s.radar, rules: { ...s.radar.rules, 'no-activity': { ...own, thresholds: { ...own.thresholds, criticalDays: 20 } } } } } });
    await observe();
    expect(extras.notifications.length).toBe(1);
    expect(await loadNotified()).toContain('crm.test|/deals/1|no-activity');
  });

  test('a deal that stops being critical is forgotten, so turning critical again is news again', async () => {
    await saveSettings(critical(defaultSettings()));
    await observe();
    const id = 'crm.test|/deals/2|no-activity';
    const w = await db.warnings.get(id);
    if (!w) throw new Error('no warning');
    await db.warnings.put({ ...w, severity: 'warn' });
    await notifyCritical(db, ['crm.test|/deals/2'], critical(defaultSettings()), NOW);
    expect(await loadNotified()).not.toContain(id);
    await db.warnings.put({ ...w, severity: 'critical' });
    expect(await notifyCritical(db, ['crm.test|/deals/2'], critical(defaultSettings()), NOW)).toBe(1);
    expect(extras.notifications.length).toBe(2);
  });

  test('many deals at once: one summary', async () => {
    await observe();
    const w = await db.warnings.get('crm.test|/deals/2|no-activity');
    if (!w) throw new Error('no warning');
    const ids = ['a', 'b', 'c', 'd', 'e'].map((k) => `crm.test|/deals/${k}`);
    await db.warnings.bulkPut(ids.map((dealId) => ({ ...w, id: `${dealId}|no-activity`, dealId })));
    expect(await notifyCritical(db, ids, critical(defaultSettings()), NOW)).toBe(5);
    expect(extras.notifications.map((n) => n.title)).toEqual(['5 deals turned critical']);
  });

  test('without the permission nothing is attempted', async () => {
    withoutNotifications();
    await saveSettings(critical(defaultSettings()));
    await observe();
    expect(await loadNotified()).toEqual(new Set());
  });

  test('digest: alarm follows the setting; the digest counts deals needing attention', async () => {
    const digest = { ...defaultSettings(), notifications: { critical: false, digest: true } };
    await syncDigestAlarm(digest, NOW);
    expect(fakeState.alarms.get('daily-digest')?.scheduledTime).toBe(nextDigestTime(NOW));
    await syncDigestAlarm(defaultSettings(), NOW);
    expect(fakeState.alarms.has('daily-digest')).toBe(false);

    expect(await sendDigest(db, digest, NOW)).toBe(false);
    await observe();
    expect(await sendDigest(db, digest, NOW)).toBe(true);
    expect(extras.notifications.at(-1)).toMatchObject({ title: 'Deal Radar: 2 deals need attention', message: '2 deals need attention today, 1 of them critical.' });
  });

  test('the digest time is the next 9:00 local', () => {
    const at = new Date(2026, 10, 27, 8, 0).getTime();
    expect(new Date(nextDigestTime(at)).getHours()).toBe(9);
    expect(nextDigestTime(at) - at).toBe(60 * 60 * 1000);
    const after = new Date(2026, 10, 27, 10, 0).getTime();
    expect(new Date(nextDigestTime(after)).getDate()).toBe(28);
  });
});

describe("the marker card's actions (content:act)", () => {
  const DAY = 24 * 60 * 60 * 1000;

  test('snooze 1 day: hidden until then, the badge drops and the deal has no marker left', async () => {
    await observe();
    expect(fakeState.badges.get(5)?.text).toBe('2');
    const id = 'crm.test|/deals/1|no-activity';
    const shown = await db.warnings.get(id);
    if (!shown) throw new Error('no warning');
    const { fingerprint, severity } = shown;
    const { marks } = await call('content:act', { action: 'snooze', warningId: id, fingerprint, severity }, CONTENT);
    const stored = await db.warnings.get(id);
    expect(stored).toMatchObject({ status: 'snoozed', snoozeUntil: NOW + DAY });
    expect(await showing('no-activity')).toEqual(['crm.test|/deals/2']);
    expect(fakeState.badges.get(5)?.text).toBe('1');
    // The reply redraws the acted-on deal only: nothing showing is left for it.
    expect(marks).toEqual([]);
    // A day later it is back.
    expect(stored && isShowing(stored, NOW + DAY + 1)).toBe(true);
  });

  test('dismiss: hidden until the deal changes; the other deals keep their markers', async () => {
    await observe();
    const id = 'crm.test|/deals/2|no-activity';
    const shown = await db.warnings.get(id);
    if (!shown) throw new Error('no warning');
    const { fingerprint, severity } = shown;
    const { marks } = await call('content:act', { action: 'dismiss', warningId: id, fingerprint, severity }, CONTENT);
    expect((await db.warnings.get(id))?.status).toBe('dismissed');
    expect(await showing('no-activity')).toEqual(['crm.test|/deals/1']);
    expect(marks.map((m) => m.key)).not.toContain('/deals/2');
  });

  test('a warning that got worse since the card showed it is not dismissed: the card gets it as it is now', async () => {
    await observe();
    const id = 'crm.test|/deals/2|no-activity';
    const shown = await db.warnings.get(id);
    if (!shown) throw new Error('no warning');
    // Meanwhile a scan in another tab found it worse.
    expect(shown.fingerprint).not.toBe('worse');
    await db.warnings.put({ ...shown, severity: 'critical', fingerprint: 'worse', facts: ['Last activity 40 days ago'] });
    for (const action of ['dismiss', 'snooze'] as const) {
      const reply = await call('content:act', { action, warningId: id, fingerprint: shown.fingerprint, severity: shown.severity }, CONTENT);
      expect(reply.changed).toBe(true);
      expect(reply.marks).toEqual([expect.objectContaining({ key: '/deals/2', severity: 'critical', fingerprint: 'worse', facts: ['Last activity 40 days ago'] })]);
      expect((await db.warnings.get(id))?.status).toBe('active');
    }
    // Acting on what it shows now works.
    const reply = await call('content:act', { action: 'dismiss', warningId: id, fingerprint: 'worse', severity: 'critical' }, CONTENT);
    expect(reply.changed).toBeUndefined();
    expect(await db.warnings.get(id)).toMatchObject({ status: 'dismissed', dismissedFingerprint: 'worse' });
  });

  test('a warning that turned critical with the same fingerprint is not dismissed either', async () => {
    await observe();
    const id = 'crm.test|/deals/1|no-activity';
    const shown = await db.warnings.get(id);
    if (!shown) throw new Error('no warning');
    expect(shown.severity).toBe('warn');
    await db.warnings.put({ ...shown, severity: 'critical' });
    const reply = await call('content:act', { action: 'dismiss', warningId: id, fingerprint: shown.fingerprint, severity: 'warn' }, CONTENT);
    expect(reply.changed).toBe(true);
    expect(reply.marks).toEqual([expect.objectContaining({ key: '/deals/1', severity: 'critical' })]);
    expect((await db.warnings.get(id))?.status).toBe('active');
  });

  test('a warning gone since the card showed it (retention, data cleared): nothing done, the card goes', async () => {
    await observe();
    const id = 'crm.test|/deals/2|no-activity';
    const shown = await db.warnings.get(id);
    if (!shown) throw new Error('no warning');
    await db.warnings.delete(id);
    expect(await call('content:act', { action: 'dismiss', warningId: id, fingerprint: shown.fingerprint, severity: shown.severity }, CONTENT)).toEqual({ marks: [], changed: true });
    expect(await db.warnings.get(id)).toBeUndefined();
  });

  test('a warning snoozed in the popup since the card showed it stays as the popup left it', async () => {
    await observe();
    const id = 'crm.test|/deals/2|no-activity';
    const shown = await db.warnings.get(id);
    if (!shown) throw new Error('no warning');
    await call('ui:snooze', { warnings: [await shownNow(id)], until: NOW + 7 * DAY }, POPUP);
    const reply = await call('content:act', { action: 'dismiss', warningId: id, fingerprint: shown.fingerprint, severity: shown.severity }, CONTENT);
    expect(reply).toEqual({ marks: [], changed: true });
    expect(await db.warnings.get(id)).toMatchObject({ status: 'snoozed', snoozeUntil: NOW + 7 * DAY });
  });
});

describe("the popup's snooze and dismiss (ui:snooze, ui:dismiss): only of warnings still as the popup showed them", () => {
  const DAY = 24 * 60 * 60 * 1000;
  /** Quiet for 23 days: a warning. */
  const quiet = 'crm.test|/deals/1|no-activity';
  /** Quiet for 45 days: critical already. */
  const silent = 'crm.test|/deals/2|no-activity';

  test('a bulk dismissal leaves the warning that got worse since it was picked, and says so with it as it is now', async () => {
    await observe();
    expect(fakeState.badges.get(5)?.text).toBe('2');
    const picked = [await shownNow(silent), await shownNow(quiet)];
    expect(picked[1]?.severity).toBe('warn');
    // Meanwhile a scan in another tab found the second one worse.
    const before = await db.warnings.get(quiet);
    if (!before) throw new Error('no warning');
    await db.warnings.put({ ...before, severity: 'critical', fingerprint: 'worse' });

    const reply = await call('ui:dismiss', { warnings: picked }, POPUP);
    expect(reply).toEqual({ ok: true, skipped: [{ id: quiet, why: 'changed', fingerprint: 'worse', severity: 'critical' }] });
    expect((await db.warnings.get(silent))?.status).toBe('dismissed');
    expect(await db.warnings.get(quiet)).toMatchObject({ status: 'active', severity: 'critical', fingerprint: 'worse' });
    expect(fakeState.badges.get(5)?.text).toBe('1');

    // Picked again as it is now, it is dismissed.
    expect(await call('ui:dismiss', { warnings: [await shownNow(quiet)] }, POPUP)).toEqual({ ok: true, skipped: [] });
    expect(await db.warnings.get(quiet)).toMatchObject({ status: 'dismissed', dismissedFingerprint: 'worse' });
  });

  test('a warning that only turned critical (same fingerprint) is not snoozed', async () => {
    await observe();
    const picked = await shownNow(quiet);
    expect(picked.severity).toBe('warn');
    const before = await db.warnings.get(quiet);
    if (!before) throw new Error('no warning');
    await db.warnings.put({ ...before, severity: 'critical' });
    const reply = await call('ui:snooze', { warnings: [picked, await shownNow(silent)], until: NOW + DAY }, POPUP);
    expect(reply.skipped).toEqual([{ id: quiet, why: 'changed', fingerprint: before.fingerprint, severity: 'critical' }]);
    expect((await db.warnings.get(quiet))?.status).toBe('active');
    expect(await db.warnings.get(silent)).toMatchObject({ status: 'snoozed', snoozeUntil: NOW + DAY });
  });

  test('a warning hidden elsewhere meanwhile keeps how it was hidden; one gone or resolved stays so', async () => {
    await observe();
    const picked = [await shownNow(quiet), await shownNow(silent)];
    // The marker's card snoozed the first for a day; the second's deal moved on (resolved).
    const first = await db.warnings.get(quiet);
    const second = await db.warnings.get(silent);
    if (!first || !second) throw new Error('no warning');
    await db.warnings.bulkPut([
      { ...first, status: 'snoozed', snoozeUntil: NOW + DAY },
      { ...second, status: 'resolved', resolvedAt: NOW },
    ]);
    extras.tabMessages.length = 0;
    const reply = await call('ui:dismiss', { warnings: [...picked, { id: 'crm.test|/deals/9|no-activity', fingerprint: 'warn', severity: 'warn' }] }, POPUP);
    expect(reply.skipped).toEqual([
      { id: quiet, why: 'hidden' },
      { id: silent, why: 'gone' },
      { id: 'crm.test|/deals/9|no-activity', why: 'gone' },
    ]);
    expect(await db.warnings.get(quiet)).toMatchObject({ status: 'snoozed', snoozeUntil: NOW + DAY });
    expect((await db.warnings.get(silent))?.status).toBe('resolved');
    expect(await db.warnings.get('crm.test|/deals/9|no-activity')).toBeUndefined();
    // Nothing was hidden: no tab is sent its markers again.
    expect(extras.tabMessages).toEqual([]);
  });

  test('a snooze or dismissal that does not say what it was shown is refused', async () => {
    await observe();
    for (const [type, payload] of [
      ['ui:dismiss', { warningIds: [quiet] }],
      ['ui:snooze', { warningIds: [quiet], until: NOW + DAY }],
      ['ui:dismiss', { warnings: [{ id: quiet }] }],
    ] as const) {
      const reply = await dispatch({ type, payload }, POPUP, handlers, opts);
      expect(reply.ok).toBe(false);
    }
    expect((await db.warnings.get(quiet))?.status).toBe('active');
  });
});
