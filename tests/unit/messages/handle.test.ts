import { describe, expect, test, vi } from 'vitest';
import { classifySender, dispatch, type Handlers } from '../../../src/messages/handle';
import type { Runtime } from '../../../src/platform/browser';
import { toDealTable } from '../../../src/messages/deal-table';

const opts = { extensionId: 'ext', extensionUrl: 'chrome-extension://ext/', warn: () => {} };
const content = { id: 'ext', url: 'https://app.hubspot.com/contacts/1/objects/0-3', tab: { id: 7 } } as Runtime.MessageSender;
const popup = { id: 'ext', url: 'chrome-extension://ext/popup/index.html' };

const observation = {
  siteId: 'hubspot',
  pageUrl: 'https://app.hubspot.com/contacts/1/objects/0-3',
  locale: 'en-US',
  view: 'list',
  table: toDealTable([{ key: 'hubspot:deal:1', fields: { name: 'Acme', stage: 'Proposal' } }]),
  scan: { id: 's1', batch: 0, done: true, seen: 1 },
};

function handlers(): Handlers & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    'content:observed': async () => {
      calls.push('observed');
      return { marks: [] };
    },
    'ui:snooze': async () => {
      calls.push('snooze');
      return { ok: true };
    },
    'ui:dismiss': async () => ({ ok: true }),
    'ui:restore': async () => ({ ok: true }),
    'ui:open-deal': async () => ({ opened: 'none' }),
    'ui:summarize': async () => ({ ok: true }),
  } as unknown as Handlers & { calls: string[] };
}

describe('classifySender', () => {
  test('content script in a tab on a web page', () => {
    expect(classifySender(content, opts)).toEqual({ origin: 'content', tabId: 7, url: content.url });
  });
  test('extension page', () => {
    expect(classifySender(popup, opts)?.origin).toBe('page');
  });
  test('another extension is refused', () => {
    expect(classifySender({ ...content, id: 'other' }, opts)).toBeNull();
  });
  test('a sender without a tab and not an extension page is refused', () => {
    expect(classifySender({ id: 'ext', url: 'https://evil.example/' }, opts)).toBeNull();
  });
});

describe('dispatch', () => {
  test('a valid content observation reaches its handler', async () => {
    const h = handlers();
    const reply = await dispatch({ type: 'content:observed', payload: observation }, content, h, opts);
    expect(reply).toEqual({ ok: true, reply: { marks: [] } });
    expect(h.calls).toEqual(['observed']);
  });

  test.each([
    ['not an object', 42],
    ['no type', { payload: {} }],
    ['unknown type', { type: 'evil:drop-tables', payload: {} }],
    ['prototype key as type', { type: '__proto__', payload: {} }],
    ['invalid payload', { type: 'content:observed', payload: { ...observation, view: 'spreadsheet' } }],
    ['oversized batch', { type: 'content:observed', payload: { ...observation, table: toDealTable(Array.from({ length: 501 }, (_, i) => ({ key: `k${i}`, fields: {} }))) } }],
    ['deals as objects, not a table', { type: 'content:observed', payload: { ...observation, table: undefined, deals: [{ key: 'k', fields: { name: 'A' } }] } }],
  ])('rejects %s with a reply and a warning, never a throw', async (_label, message) => {
    const warn = vi.fn();
    const h = handlers();
    const reply = await dispatch(message, content, h, { ...opts, warn });
    expect(reply.ok).toBe(false);
    expect(warn).toHaveBeenCalledOnce();
    expect(h.calls).toEqual([]);
  });

  test('a content script may not send page messages (snooze)', async () => {
    const h = handlers();
    const reply = await dispatch({ type: 'ui:snooze', payload: { warnings: [{ id: 'a', fingerprint: 'warn', severity: 'warn' }], until: Date.now() + 1000 } }, content, h, opts);
    expect(reply).toMatchObject({ ok: false });
    expect(h.calls).toEqual([]);
  });

  test('an extension page may not send observations', async () => {
    const h = handlers();
    const reply = await dispatch({ type: 'content:observed', payload: observation }, popup, h, opts);
    expect(reply).toMatchObject({ ok: false });
  });

  test('a handler that throws becomes a rejected reply', async () => {
    const h = handlers();
    h['ui:dismiss'] = async () => {
      throw new Error('boom');
    };
    const reply = await dispatch({ type: 'ui:dismiss', payload: { warnings: [{ id: 'a', fingerprint: 'warn', severity: 'warn' }] } }, popup, h, opts);
    expect(reply).toEqual({ ok: false, error: 'handler failed: boom' });
  });
});
