import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createHandlers } from '../../../src/background/handlers';
import { forgetWithdrawnTabs } from '../../../src/background/withdrawn';
import { toDealTable } from '../../../src/messages/deal-table';
import { dispatch } from '../../../src/messages/handle';
import type { Runtime } from '../../../src/platform/browser';
import { openDb, type RadarDB } from '../../../src/store/db';
import type { TabRecord } from '../../../src/store/records';
import { EXTENSION_ID, EXTENSION_URL, fakeState } from '../../support/fake-browser';
import { extras, resetBrowser } from '../settings/browser-extras';

const NOW = Date.UTC(2026, 10, 27, 12);
let db: RadarDB;

beforeEach(async () => {
  resetBrowser();
  db = openDb(`withdrawn-${Math.random()}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const tab = (tabId: number, pageUrl: string): TabRecord => ({
  tabId,
  site: new URL(pageUrl).host,
  pageUrl,
  view: 'list',
  dealIds: [`${new URL(pageUrl).host}|/deals/1`],
  scanId: `scan-${tabId}`,
  done: true,
  seen: 1,
  unreadable: 0,
  updatedAt: 0,
});

test('a withdrawn site: its tabs are forgotten and blanked; tabs of sites still granted stay', async () => {
  // A custom CRM the user had granted, and a built-in one the manifest covers.
  extras.granted.add('https://crm.example.com/*');
  await db.tabs.bulkPut([
    tab(1, 'https://crm.example.com/deals'),
    tab(2, 'https://app.hubspot.com/contacts/1/deals'),
    tab(3, 'https://crm.example.com/deals/7'),
  ]);
  for (const id of [1, 2, 3])
    fakeState.badges.set(id, { text: '2', color: '#b45309', title: '2 deals need attention' });

  // Nothing withdrawn yet: nothing changes.
  expect(await forgetWithdrawnTabs(db)).toEqual([]);
  expect(await db.tabs.count()).toBe(3);

  // The user withdraws crm.example.com in the browser's settings.
  extras.granted.delete('https://crm.example.com/*');
  expect((await forgetWithdrawnTabs(db)).sort()).toEqual([1, 3]);
  expect((await db.tabs.toArray()).map((t) => t.tabId)).toEqual([2]);
  expect(fakeState.badges.get(1)).toMatchObject({ text: '', title: 'Deal Radar' });
  expect(fakeState.badges.get(3)).toMatchObject({ text: '', title: 'Deal Radar' });
  expect(fakeState.badges.get(2)?.text).toBe('2');
  // Their markers go too, and their scripts (the browser leaves them running) are told to stop.
  expect(extras.tabMessages).toEqual([
    { tabId: 1, message: { type: 'bg:marks', marks: [], stop: true } },
    { tabId: 3, message: { type: 'bg:marks', marks: [], stop: true } },
  ]);
});

test('a script still running in a withdrawn tab may not report again: nothing is stored, it is told to stop', async () => {
  const handlers = createHandlers(db, { now: () => NOW });
  const sender = {
    id: EXTENSION_ID,
    url: 'https://crm.example.com/deals',
    tab: { id: 7 },
  } as Runtime.MessageSender;
  const report = (name: string) =>
    dispatch(
      {
        type: 'content:observed',
        payload: {
          siteId: 'generic',
          pageUrl: 'https://crm.example.com/deals',
          locale: 'en-US',
          view: 'list',
          table: toDealTable([
            { key: '/deals/1', fields: { name, stage: 'Demo', lastActivity: '40 days ago' } },
          ]),
          scan: { id: `scan-${name}`, batch: 0, done: true, seen: 1 },
        },
      },
      sender,
      handlers,
      { extensionId: EXTENSION_ID, extensionUrl: EXTENSION_URL, warn: () => {} },
    );

  // Granted: the report is stored, and the deal is marked.
  extras.granted.add('https://crm.example.com/*');
  const granted = await report('Quiet Co');
  expect(granted).toMatchObject({ ok: true, reply: { marks: [{ key: '/deals/1' }] } });
  expect((granted as { reply: object }).reply).not.toHaveProperty('stop');
  expect((await db.tabs.get(7))?.scanId).toBe('scan-Quiet Co');

  // Withdrawn, and forgotten; then the page changes under the script the browser left running.
  extras.granted.delete('https://crm.example.com/*');
  expect(await forgetWithdrawnTabs(db)).toEqual([7]);
  const before = { deals: await db.deals.toArray(), warnings: await db.warnings.toArray() };
  expect(await report('Renamed Co')).toEqual({ ok: true, reply: { marks: [], stop: true } });
  expect(await db.tabs.get(7)).toBeUndefined();
  expect({ deals: await db.deals.toArray(), warnings: await db.warnings.toArray() }).toEqual(before);
  expect(fakeState.badges.get(7)?.text ?? '').toBe('');
});
