import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { forgetWithdrawnTabs } from '../../../src/background/withdrawn';
import { openDb, type RadarDB } from '../../../src/store/db';
import type { TabRecord } from '../../../src/store/records';
import { fakeState } from '../../support/fake-browser';
import { extras, resetBrowser } from '../settings/browser-extras';

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
  // Their markers go too.
  expect(extras.tabMessages).toEqual([
    { tabId: 1, message: { type: 'bg:marks', marks: [] } },
    { tabId: 3, message: { type: 'bg:marks', marks: [] } },
  ]);
});
