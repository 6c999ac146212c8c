/**
 * What the shared fake browser (tests/support/fake-browser.ts) does not have and the options
 * background needs: the manifest, permissions, scripting, tab messages and notifications.
 * Installed on the same fake object the code under test imports; reset before each test.
 */
import fake, { resetFakeBrowser } from '../../support/fake-browser';

type Listener = (...args: unknown[]) => unknown;

function event() {
  const listeners = new Set<Listener>();
  return {
    addListener: (l: Listener) => void listeners.add(l),
    removeListener: (l: Listener) => void listeners.delete(l),
    hasListener: (l: Listener) => listeners.has(l),
    fire: (...args: unknown[]) => [...listeners].map((l) => l(...args)),
  };
}

export interface ScriptRecord {
  id: string;
  matches: string[];
  js: string[];
  runAt?: string;
  persistAcrossSessions?: boolean;
}

export const extras = {
  /** Host patterns the manifest's own content scripts (and host permissions) cover. */
  manifestHosts: ['https://app.hubspot.com/*', 'http://127.0.0.1/*'],
  granted: new Set<string>(),
  scripts: new Map<string, ScriptRecord>(),
  notifications: [] as Array<{ id: string; title: string; message: string }>,
  tabMessages: [] as Array<{ tabId: number; message: unknown }>,
  opened: [] as string[],
  /** The browser's open tabs, as tabs.query({}) lists them. */
  openTabs: [] as Array<{ id: number; url: string }>,
  /** Scripts run in tabs by scripting.executeScript. */
  executed: [] as Array<{ tabId: number; files: string[] }>,
};

const api = {
  runtime: {
    getManifest: () => ({ content_scripts: [{ matches: extras.manifestHosts, js: ['content.js'] }] }),
  },
  permissions: {
    async contains({ origins = [], permissions = [] }: { origins?: string[]; permissions?: string[] }) {
      return origins.every((o) => extras.granted.has(o) || extras.manifestHosts.includes(o)) && permissions.every((p) => extras.granted.has(p));
    },
    async request({ origins = [], permissions = [] }: { origins?: string[]; permissions?: string[] }) {
      for (const o of [...origins, ...permissions]) extras.granted.add(o);
      return true;
    },
    async remove({ origins = [], permissions = [] }: { origins?: string[]; permissions?: string[] }) {
      for (const o of origins) if (extras.manifestHosts.includes(o)) throw new Error('You cannot remove required permissions.');
      for (const o of [...origins, ...permissions]) extras.granted.delete(o);
      return true;
    },
    onAdded: event(),
    onRemoved: event(),
  },
  scripting: {
    async executeScript({ target, files }: { target: { tabId: number }; files: string[] }) {
      extras.executed.push({ tabId: target.tabId, files });
      return [];
    },
    async registerContentScripts(scripts: ScriptRecord[]) {
      for (const s of scripts) {
        if (extras.scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        extras.scripts.set(s.id, structuredClone(s));
      }
    },
    async getRegisteredContentScripts(filter?: { ids?: string[] }) {
      return [...extras.scripts.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id));
    },
    async unregisterContentScripts(filter?: { ids?: string[] }) {
      for (const id of filter?.ids ?? [...extras.scripts.keys()]) extras.scripts.delete(id);
    },
  },
  tabs: {
    async query() {
      return extras.openTabs.map((tab) => ({ ...tab }));
    },
    async sendMessage(tabId: number, message: unknown) {
      extras.tabMessages.push({ tabId, message });
    },
    async create({ url }: { url: string }) {
      extras.opened.push(url);
      return { id: 99, url };
    },
  },
  notifications: {
    async create(id: string, options: { title: string; message: string }) {
      extras.notifications.push({ id, title: options.title, message: options.message });
      return id;
    },
    async clear() {
      return true;
    },
    onClicked: event(),
  },
};

type Bag = Record<string, Record<string, unknown> | undefined>;

/** Resets the shared fake and puts the extras on it. */
export function resetBrowser(): void {
  resetFakeBrowser();
  extras.granted.clear();
  extras.scripts.clear();
  extras.notifications.length = 0;
  extras.tabMessages.length = 0;
  extras.opened.length = 0;
  extras.openTabs.length = 0;
  extras.executed.length = 0;
  extras.manifestHosts = ['https://app.hubspot.com/*', 'http://127.0.0.1/*'];
  const target = fake as unknown as Bag;
  Object.assign(target.runtime ?? {}, api.runtime);
  Object.assign(target.tabs ?? {}, api.tabs);
  target.permissions = api.permissions;
  target.scripting = api.scripting;
  target.notifications = api.notifications;
}

/** Takes the notifications API away, as when its optional permission is not granted. */
export function withoutNotifications(): void {
  (fake as unknown as Bag).notifications = undefined;
}
