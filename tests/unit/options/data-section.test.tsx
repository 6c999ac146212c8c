// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createHandlers } from '../../../src/background/handlers';
import { dispatch } from '../../../src/messages/handle';
import { DataSection } from '../../../src/options/data-section';
import type { Runtime } from '../../../src/platform/browser';
import { defaultSettings } from '../../../src/settings/schema';
import { openDb, type RadarDB } from '../../../src/store/db';
import { type Counts, countAll, exportAll } from '../../../src/store/transfer';
import { t } from '../../../src/ui/i18n';
import fake, { EXTENSION_ID, EXTENSION_URL } from '../../support/fake-browser';
import { resetBrowser } from '../settings/browser-extras';
import { deal, NOW, warning } from '../ui/fixtures';

/*
 * The options page when an import's reply does not come: the page asks the background (the real
 * handlers, over a real database) whether the import went in, and says what it found. Only the
 * lost reply itself is made up here: the send rejects as Chrome's does when the worker stops.
 */

const OPTIONS = { id: EXTENSION_ID, url: `${EXTENSION_URL}options/index.html` } as Runtime.MessageSender;
const opts = { extensionId: EXTENSION_ID, extensionUrl: EXTENSION_URL, warn: () => {} };
const FILE_NAME = 'deal-radar-2026-11-27.json';
const STOPPED = 'Could not establish connection. Receiving end does not exist.';
const PORT_CLOSED = 'The message port closed before a response was received.';

type Route = (message: { type: string }) => Promise<unknown>;

let db: RadarDB;
let root: HTMLElement;
let fileText: string;
let fileCounts: Counts;
let reloads = 0;
/** How the page's messages reach the background; each test says which of them get lost. */
let route: Route;
const realSend = fake.runtime.sendMessage;
const deliver: Route = (message) => dispatch(message, OPTIONS, createHandlers(db, { now: () => NOW }), opts);

const countsText = (c: Counts) => t('optionsDataCounts', [String(c.deals), String(c.sites), String(c.warnings), String(c.events)]);

beforeEach(async () => {
  resetBrowser();
  fake.runtime.sendMessage = (message: unknown) => route(message as { type: string });
  route = deliver;
  reloads = 0;
  // The file: three deals with a warning each, exported from another profile.
  const source = openDb(`data-section-source-${Math.random()}`);
  const deals = ['a', 'b', 'c'].map((key) => deal(`/deals/${key}`));
  await source.deals.bulkPut(deals);
  await source.warnings.bulkPut(deals.map((d) => warning(d.id, 'no-activity')));
  const file = await exportAll(source, defaultSettings(), NOW);
  fileText = JSON.stringify(file);
  fileCounts = await countAll(source);
  source.close();
  await Dexie.delete(source.name);
  // What the rep has now: one deal of their own.
  db = openDb(`data-section-${Math.random()}`);
  await db.deals.put(deal('/deals/mine'));
  root = document.createElement('div');
  document.body.append(root);
  const reload = async () => {
    reloads++;
  };
  act(() => render(<DataSection db={db} settings={defaultSettings()} update={() => undefined} reload={reload} />, root));
});

afterEach(async () => {
  act(() => render(null, root));
  root.remove();
  fake.runtime.sendMessage = realSend;
  db.close();
  await Dexie.delete(db.name);
});

/** Waits (up to 5 s) until `check` holds, letting the page and the database work meanwhile. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check() && waited < 5000; waited += 20) await act(() => new Promise<void>((r) => setTimeout(r, 20)));
  if (!check()) throw new Error(`still not: ${what}`);
}

const status = () => root.querySelector('[data-testid=data-message] [role=status]')?.textContent ?? '';
const alert = () => root.querySelector('[data-testid=data-message] [role=alert]')?.textContent ?? '';
const panel = () => root.querySelector<HTMLElement>('section.confirm');
const confirmButton = () => panel()?.querySelector<HTMLButtonElement>('button.danger') ?? null;

/** Chooses the file in the page's file input, and waits for the confirmation. */
async function chooseFile(): Promise<void> {
  const input = root.querySelector<HTMLInputElement>('#import-file');
  if (!input) throw new Error('no file input');
  const file = new File([fileText], FILE_NAME, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await until(() => confirmButton() !== null, 'the import is offered');
}

async function confirm(): Promise<void> {
  const button = confirmButton();
  if (!button) throw new Error('no confirmation');
  await act(async () => button.click());
  await until(() => status() !== '' || alert() !== '', 'the page says how the import went');
}

describe('an import whose reply does not come', () => {
  test('it went in before the reply was lost: the page says it is imported, with the counts', async () => {
    route = async (message) => {
      if (message.type !== 'options:import') return deliver(message);
      await deliver(message);
      throw new Error(PORT_CLOSED);
    };
    await chooseFile();
    await confirm();
    expect(status()).toBe(t('optionsImportLanded', [FILE_NAME, countsText(fileCounts)]));
    expect(alert()).toBe('');
    expect(panel()).toBeNull();
    expect((await countAll(db)).deals).toBe(3);
    // The settings shown are read again: the file's came with it.
    expect(reloads).toBe(1);
  });

  test('nothing went in: the page says so, and offers to try again with the same file', async () => {
    // The worker stopped before it read the message.
    route = async (message) => {
      if (message.type === 'options:import') throw new Error(STOPPED);
      return deliver(message);
    };
    await chooseFile();
    await confirm();
    expect(alert()).toBe(t('optionsImportNotLanded', [FILE_NAME, STOPPED]));
    expect(status()).toBe('');
    expect((await db.deals.toArray()).map((d) => d.key)).toEqual(['/deals/mine']);
    // The same file, still chosen: the confirmation stays, now to try again.
    expect(panel()?.querySelector('h3')?.textContent).toBe(t('optionsImportConfirmTitle', [FILE_NAME]));
    expect(confirmButton()?.textContent).toBe(t('optionsImportRetry'));
    expect(reloads).toBe(0);

    route = deliver;
    await confirm();
    expect(status()).toBe(t('optionsImported', [FILE_NAME, countsText(fileCounts)]));
    expect(alert()).toBe('');
    expect(panel()).toBeNull();
    expect((await countAll(db)).deals).toBe(3);
  });

  test('the background failed while writing: checked, nothing changed, and the same file can be tried again', async () => {
    const fail = () => {
      throw new Error('disk full');
    };
    db.deals.hook('creating', fail);
    await chooseFile();
    await confirm();
    db.deals.hook('creating').unsubscribe(fail);
    expect(alert()).toMatch(/^“deal-radar-2026-11-27\.json” was not imported and nothing changed \(Deal Radar checked\): .*disk full/);
    expect(confirmButton()?.textContent).toBe(t('optionsImportRetry'));
    expect((await countAll(db)).deals).toBe(1);
  });

  test('not even the question gets an answer: the page says it cannot tell, and to compare the counts shown with the file’s', async () => {
    route = async () => {
      throw new Error(STOPPED);
    };
    await chooseFile();
    await confirm();
    expect(alert()).toBe(t('optionsImportUnknown', [FILE_NAME, STOPPED, countsText(fileCounts)]));
    expect(status()).toBe('');
    expect(panel()).toBeNull();
  });
});
