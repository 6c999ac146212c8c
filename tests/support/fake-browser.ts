/**
 * An in-memory stand-in for webextension-polyfill in unit tests (aliased in vite.config.ts).
 * Only what our modules call; `resetFakeBrowser()` before each test.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Listener<A extends unknown[]> = (...args: A) => unknown;

function event<A extends unknown[]>() {
  const listeners = new Set<Listener<A>>();
  return {
    addListener: (l: Listener<A>) => void listeners.add(l),
    removeListener: (l: Listener<A>) => void listeners.delete(l),
    hasListener: (l: Listener<A>) => listeners.has(l),
    fire: (...args: A) => [...listeners].map((l) => l(...args)),
    clear: () => listeners.clear(),
  };
}

const messages = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8'),
) as Record<string, { message: string }>;

const state = {
  local: new Map<string, unknown>(),
  badges: new Map<number, { text: string; color: string; title: string }>(),
  alarms: new Map<string, { name: string; scheduledTime: number }>(),
};

export const EXTENSION_ID = 'fake-extension-id';
export const EXTENSION_URL = `chrome-extension://${EXTENSION_ID}/`;

const onMessage = event<[unknown, unknown]>();
const onAlarm = event<[{ name: string }]>();

const fake = {
  runtime: {
    id: EXTENSION_ID,
    getURL: (path: string) => `${EXTENSION_URL}${path.replace(/^\//, '')}`,
    onMessage,
    onStartup: event<[]>(),
    onInstalled: event<[unknown]>(),
    sendMessage: async (message: unknown) => {
      const replies = onMessage.fire(message, { id: EXTENSION_ID, url: `${EXTENSION_URL}popup/index.html` });
      return replies[0];
    },
  },
  storage: {
    local: {
      async get(key: string | string[] | null) {
        const keys = key === null ? [...state.local.keys()] : Array.isArray(key) ? key : [key];
        const out: Record<string, unknown> = {};
        for (const k of keys) if (state.local.has(k)) out[k] = structuredClone(state.local.get(k));
        return out;
      },
      async set(items: Record<string, unknown>) {
        for (const [k, v] of Object.entries(items)) state.local.set(k, structuredClone(v));
      },
      async remove(key: string | string[]) {
        for (const k of Array.isArray(key) ? key : [key]) state.local.delete(k);
      },
      async clear() {
        state.local.clear();
      },
    },
  },
  i18n: {
    getMessage(key: string, substitutions?: string | string[]) {
      const text = messages[key]?.message ?? '';
      const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
      return text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
    },
    getUILanguage: () => 'en-US',
  },
  action: {
    async setBadgeText({ tabId, text }: { tabId: number; text: string }) {
      const b = state.badges.get(tabId) ?? { text: '', color: '', title: '' };
      state.badges.set(tabId, { ...b, text });
    },
    async setBadgeBackgroundColor({ tabId, color }: { tabId: number; color: string }) {
      const b = state.badges.get(tabId) ?? { text: '', color: '', title: '' };
      state.badges.set(tabId, { ...b, color });
    },
    async setTitle({ tabId, title }: { tabId: number; title: string }) {
      const b = state.badges.get(tabId) ?? { text: '', color: '', title: '' };
      state.badges.set(tabId, { ...b, title });
    },
  },
  alarms: {
    async create(name: string, info: { when: number }) {
      state.alarms.set(name, { name, scheduledTime: info.when });
    },
    async clear(name: string) {
      return state.alarms.delete(name);
    },
    async get(name: string) {
      return state.alarms.get(name);
    },
    onAlarm,
  },
  tabs: {
    async query() {
      return [];
    },
    async sendMessage() {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    },
    async update() {
      return {};
    },
    async create() {
      return {};
    },
    onRemoved: event<[number]>(),
    onUpdated: event<[number, { url?: string }]>(),
  },
};

export function resetFakeBrowser(): void {
  state.local.clear();
  state.badges.clear();
  state.alarms.clear();
  onMessage.clear();
  onAlarm.clear();
}

export const fakeState = state;
export default fake;
