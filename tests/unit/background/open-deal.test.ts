/**
 * Opening a deal's CRM page, from the popup (ui:open-deal) and from a notification: only the
 * deal's own http(s) page on its own CRM host, whatever URL was stored (a page or an imported
 * file may have put anything there), and nothing throws.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createHandlers } from '../../../src/background/handlers';
import { openFromNotification } from '../../../src/background/notify';
import { dispatch } from '../../../src/messages/handle';
import type { Runtime } from '../../../src/platform/browser';
import { dealRecord } from '../../../src/radar/model';
import { openDb, type RadarDB } from '../../../src/store/db';
import fake, { EXTENSION_ID, EXTENSION_URL } from '../../support/fake-browser';
import { makeDeal } from '../radar/helpers';
import { extras, resetBrowser } from '../settings/browser-extras';

const POPUP = { id: EXTENSION_ID, url: `${EXTENSION_URL}popup/index.html` } as Runtime.MessageSender;
const opts = { extensionId: EXTENSION_ID, extensionUrl: EXTENSION_URL, warn: () => {} };
const SITE = 'crm.test';

type Tab = { id: number; windowId: number; url: string };
let db: RadarDB;
let handlers: ReturnType<typeof createHandlers>;
let openTabs: Tab[];
let activated: number[];
let focusedWindows: number[];
let cleared: string[];

beforeEach(async () => {
  resetBrowser();
  openTabs = [];
  activated = [];
  focusedWindows = [];
  cleared = [];
  const api = fake as unknown as Record<string, Record<string, unknown>>;
  Object.assign(api.tabs ?? {}, {
    query: async () => openTabs,
    update: async (id: number, change: { active?: boolean }) => {
      if (change.active) activated.push(id);
      return {};
    },
  });
  api.windows = {
    update: async (id: number, change: { focused?: boolean }) =>
      void (change.focused && focusedWindows.push(id)),
  };
  Object.assign(api.notifications ?? {}, {
    clear: async (id: string) => {
      cleared.push(id);
      return true;
    },
  });
  db = openDb(`open-deal-${Math.random()}`);
  await db.open();
  handlers = createHandlers(db, { now: () => Date.now() });
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

async function storeDeal(key: string, url: string | undefined): Promise<string> {
  const deal = dealRecord(makeDeal({ key, site: SITE, id: `${SITE}|${key}`, url }));
  await db.deals.put(deal);
  return deal.id;
}

async function openDeal(dealId: string): Promise<unknown> {
  const reply = await dispatch({ type: 'ui:open-deal', payload: { dealId } }, POPUP, handlers, opts);
  if (!reply.ok) throw new Error(reply.error);
  return reply.reply;
}

describe('ui:open-deal', () => {
  test("opens the deal's own page on its CRM host", async () => {
    const id = await storeDeal('1', `http://${SITE}/deals/1`);
    expect(await openDeal(id)).toEqual({ opened: 'opened' });
    expect(extras.opened).toEqual([`http://${SITE}/deals/1`]);
  });

  test('brings a tab already open on that page to the front instead of opening another', async () => {
    const url = `https://${SITE}/deals/2`;
    const id = await storeDeal('2', url);
    openTabs = [
      { id: 4, windowId: 1, url: `https://${SITE}/deals` },
      { id: 7, windowId: 3, url },
    ];
    expect(await openDeal(id)).toEqual({ opened: 'focused' });
    expect(activated).toEqual([7]);
    expect(focusedWindows).toEqual([3]);
    expect(extras.opened).toEqual([]);
  });

  test.each([
    ['a script URL', 'javascript:alert(document.cookie)'],
    ['a data URL', 'data:text/html,<script>alert(1)</script>'],
    ['another host', 'https://evil.example/deals/1'],
    ['the CRM host on another port', `http://${SITE}:8080/deals/1`],
    ['an extension page', `${EXTENSION_URL}options/index.html`],
    ['no URL at all', 'not a url'],
    ['an empty URL', ''],
  ])('opens nothing for %s, and answers calmly', async (_, url) => {
    const id = await storeDeal('x', url);
    expect(await openDeal(id)).toEqual({ opened: 'none' });
    expect(extras.opened).toEqual([]);
  });

  test('opens nothing for a deal without a URL or not stored', async () => {
    const id = await storeDeal('3', undefined);
    expect(await openDeal(id)).toEqual({ opened: 'none' });
    expect(await openDeal(`${SITE}|never-seen`)).toEqual({ opened: 'none' });
    expect(extras.opened).toEqual([]);
  });
});

describe('a click on a notification', () => {
  test("opens a deal's own page and clears the notification", async () => {
    const id = await storeDeal('1', `https://${SITE}/deals/1`);
    await openFromNotification(db, `deal-radar:deal:${id}`);
    expect(extras.opened).toEqual([`https://${SITE}/deals/1`]);
    expect(cleared).toEqual([`deal-radar:deal:${id}`]);
  });

  test('a digest or an unknown notification opens nothing, and is cleared', async () => {
    await storeDeal('1', `https://${SITE}/deals/1`);
    await openFromNotification(db, 'deal-radar:digest');
    await openFromNotification(db, 'someone-else:deal:crm.test|1');
    await openFromNotification(db, `deal-radar:deal:${SITE}|never-seen`);
    expect(extras.opened).toEqual([]);
    expect(cleared).toEqual([
      'deal-radar:digest',
      'someone-else:deal:crm.test|1',
      `deal-radar:deal:${SITE}|never-seen`,
    ]);
  });

  test.each([
    ['a script URL', 'javascript:alert(1)'],
    ['another host', 'https://evil.example/deals/1'],
    ['no URL at all', 'not a url'],
  ])('opens nothing for %s', async (_, url) => {
    const id = await storeDeal('x', url);
    await expect(openFromNotification(db, `deal-radar:deal:${id}`)).resolves.toBeUndefined();
    expect(extras.opened).toEqual([]);
  });
});
