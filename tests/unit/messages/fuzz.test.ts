import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHandlers } from '../../../src/background/handlers';
import { dispatch } from '../../../src/messages/handle';
import { protocol } from '../../../src/messages/protocol';
import type { Runtime } from '../../../src/platform/browser';
import { openDb, type RadarDB } from '../../../src/store/db';
import { ingest } from '../../../src/store/ingest';
import { defaultSettings } from '../../../src/settings/schema';
import { siteById } from '../../../src/sites/registry';
import { EXTENSION_ID, EXTENSION_URL } from '../../support/fake-browser';
import { toDealTable } from '../../../src/messages/deal-table';

/**
 * Every message handler, fed arbitrary payloads from every kind of sender: dispatch never
 * throws, an invalid request is rejected, and a rejected request leaves the store as it was.
 */
const NOW = Date.UTC(2026, 10, 27, 12);
const opts = { extensionId: EXTENSION_ID, extensionUrl: EXTENSION_URL, warn: () => {} };
const senders: Record<string, Runtime.MessageSender> = {
  content: { id: EXTENSION_ID, url: 'http://crm.test/deals', tab: { id: 3 } as Runtime.MessageSender['tab'] },
  page: { id: EXTENSION_ID, url: `${EXTENSION_URL}popup/index.html` },
  otherExtension: { id: 'someone-else', url: 'chrome-extension://someone-else/x.html' },
  webPage: { id: EXTENSION_ID, url: 'https://evil.example/' },
};

let db: RadarDB;

async function dump(): Promise<string> {
  const tables = await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const));
  return JSON.stringify(tables);
}

beforeAll(async () => {
  db = openDb(`fuzz-${Math.random()}`);
  await db.open();
  const generic = siteById('generic');
  if (!generic) throw new Error('no generic profile');
  await ingest(
    db,
    {
      siteId: 'generic',
      pageUrl: 'http://crm.test/deals',
      locale: 'en-US',
      view: 'list',
      deals: [
        { key: '/deals/1', fields: { name: 'Quiet Co', stage: 'Demo', lastActivity: 'Oct 1, 2026' } },
        { key: '/deals/2', fields: { name: 'Busy Co', stage: 'Demo', lastActivity: 'Yesterday' } },
      ],
      scan: { id: 's', batch: 0, done: true, seen: 2 },
    },
    { tabId: 3, profile: generic, settings: defaultSettings(), now: NOW, today: '2026-11-27' },
  );
});
afterAll(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('message fuzzing', () => {
  const names = Object.keys(protocol) as Array<keyof typeof protocol>;

  test('arbitrary payloads for every message from every sender: no throw, invalid ones rejected, store unchanged', { timeout: 60_000 }, async () => {
    const handlers = createHandlers(db, { now: () => NOW });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.constantFrom(...Object.keys(senders)), fc.anything(), async (type, who, payload) => {
        const request = protocol[type].request.safeParse(payload);
        const allowed = who === (protocol[type].from === 'content' ? 'content' : 'page');
        if (request.success && allowed) return; // a valid request may change the store: not this property's business
        const before = await dump();
        const reply = await dispatch({ type, payload }, senders[who] as Runtime.MessageSender, handlers, opts);
        expect(reply.ok).toBe(false);
        expect(await dump()).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  test('arbitrary envelopes (not even objects) are rejected without a throw', { timeout: 60_000 }, async () => {
    const handlers = createHandlers(db, { now: () => NOW });
    const before = await dump();
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.constantFrom(...Object.values(senders)), async (message, sender) => {
        const reply = await dispatch(message, sender, handlers, opts);
        expect(reply.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    expect(await dump()).toBe(before);
  });

  test('an observation for another site than the sending tab is refused and changes nothing', async () => {
    const handlers = createHandlers(db, { now: () => NOW });
    const before = await dump();
    const reply = await dispatch(
      {
        type: 'content:observed',
        payload: {
          siteId: 'generic',
          pageUrl: 'https://bank.example/accounts',
          locale: 'en-US',
          view: 'list',
          table: toDealTable([{ key: 'x', fields: { name: 'Injected' } }]),
          scan: { id: 's2', batch: 0, done: true, seen: 1 },
        },
      },
      senders.content as Runtime.MessageSender,
      handlers,
      opts,
    );
    expect(reply.ok).toBe(false);
    expect(await dump()).toBe(before);
  });

  test('a content script may only act on warnings of deals on its own tab', async () => {
    const handlers = createHandlers(db, { now: () => NOW });
    const before = await dump();
    const otherTab = { ...senders.content, tab: { id: 99 } } as Runtime.MessageSender;
    const warningId = 'crm.test|/deals/1|no-activity';
    const shown = await db.warnings.get(warningId);
    expect(shown).toBeDefined();
    const payload = { action: 'dismiss', warningId, fingerprint: shown?.fingerprint, severity: shown?.severity };
    const reply = await dispatch({ type: 'content:act', payload }, otherTab, handlers, opts);
    // Refused for the tab, not for the message's form.
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/not on the sending tab/) });
    expect(await dump()).toBe(before);
  });
});
