// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createHandlers } from '../../../src/background/handlers';
import { dispatch } from '../../../src/messages/handle';
import type { Observation } from '../../../src/messages/schemas';
import { App } from '../../../src/popup/app';
import type { Warning } from '../../../src/radar/model';
import { defaultSettings } from '../../../src/settings/schema';
import { siteById } from '../../../src/sites/registry';
import { radarDb } from '../../../src/store/db';
import { ingest } from '../../../src/store/ingest';
import fake, { EXTENSION_ID, EXTENSION_URL, resetFakeBrowser } from '../../support/fake-browser';
import { deal, NOW, SITE, TODAY, tab, warning } from '../ui/fixtures';

/*
 * The popup open, some warnings selected, and the store changing underneath (as the background
 * writes after a rescan in the CRM tab): the popup says so at once, in the row, in the bulk bar
 * and in a live region. The whole popup runs on the real database (fake-indexeddb) and the real
 * background handlers, reached through the extension's messaging.
 */

const TAB = 7;
const litware = deal('/deals/1007', { name: 'Litware', stage: 'Proposal' });
const city = deal('/deals/1014', { name: 'City Power', stage: 'Negotiation' });
const stalled = warning(litware.id, 'stalled-in-stage', { fingerprint: 'warn|proposal', score: 60 });
const passed = warning(city.id, 'close-date-passed', {
  severity: 'critical',
  fingerprint: '2026-11-21',
  score: 80,
});

let root: HTMLElement;
/** Every message the popup sent the background. */
let sent: Array<{ type: string; payload: unknown }>;

beforeEach(async () => {
  resetFakeBrowser();
  const db = radarDb();
  await db.open();
  await Promise.all(db.tables.map((table) => table.clear()));
  await db.deals.bulkPut([litware, city]);
  await db.warnings.bulkPut([stalled, passed]);
  await db.tabs.put(tab(TAB, [litware.id, city.id]));
  const handlers = createHandlers(db, { now: () => Date.now() });
  const opts = { extensionId: EXTENSION_ID, extensionUrl: EXTENSION_URL, warn: () => {} };
  sent = [];
  fake.runtime.onMessage.addListener((message, sender) => {
    sent.push(message as { type: string; payload: unknown });
    return dispatch(message, sender as never, handlers, opts);
  });
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<App mode="popup" tabId={TAB} />, root));
  await until(() => root.querySelectorAll('.warning').length === 2);
});

afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

/** Lets the popup run until `holds` (its reads are asynchronous), for at most 4 s. */
async function until(holds: () => boolean): Promise<void> {
  for (let waited = 0; !holds() && waited < 4000; waited += 20) {
    await act(() => new Promise<void>((r) => setTimeout(r, 20)));
  }
  expect(holds()).toBe(true);
}

/** A while for the popup to catch up with a write, when what is checked is that nothing shows. */
const settle = () => act(() => new Promise<void>((r) => setTimeout(r, 200)));

const row = (w: Warning) => root.querySelector<HTMLElement>(`.warning[data-rule="${w.ruleId}"]`);
const checkbox = (w: Warning) => row(w)?.querySelector<HTMLInputElement>('input.select') ?? null;
const sign = (w: Warning) => row(w)?.querySelector<HTMLElement>('.changed-note') ?? null;
const bar = () => root.querySelector<HTMLElement>('[data-testid=bulk]');
const toast = () => root.querySelector<HTMLElement>('.toast[role=status]');
const button = (within: HTMLElement | null, name: string) =>
  [...(within?.querySelectorAll('button') ?? [])].find((b) => b.textContent === name);

function pick(w: Warning): void {
  act(() => checkbox(w)?.click());
  expect(checkbox(w)?.checked).toBe(true);
}

/** The background's write after a rescan (it is the only writer: the popup learns of it by Dexie's event). */
async function rescanned(w: Warning, change: Partial<Warning>): Promise<void> {
  await act(async () => {
    await radarDb().warnings.update(w.id, change);
  });
}

describe('a selected warning that changes while the popup is open', { timeout: 20_000 }, () => {
  test('a higher severity: the row says what changed, the bar counts it, a live region announces it', async () => {
    pick(stalled);
    pick(passed);
    expect(bar()?.textContent).toContain('2 selected');
    expect(sign(stalled)).toBeNull();

    await rescanned(stalled, { severity: 'critical', fingerprint: 'critical|proposal' });
    await until(() => sign(stalled) !== null);
    expect(row(stalled)?.querySelector('.severity')?.textContent).toBe('Critical');
    expect(sign(stalled)?.textContent).toContain('Changed since you chose it: Warning then, Critical now.');
    // The checkbox carries it too: a screen reader that lands on it hears it.
    const described = checkbox(stalled)?.getAttribute('aria-describedby');
    expect(described && root.querySelector(`[id="${described}"]`)).toBe(sign(stalled));
    // Still selected as chosen; the bar says what its actions will do with it.
    expect(checkbox(stalled)?.checked).toBe(true);
    expect(bar()?.textContent).toContain('2 selected');
    expect(bar()?.querySelector('.bulk-note')?.textContent).toBe(
      '1 of them changed since you chose it and will be left as it is. Select it again to include it.',
    );
    expect(toast()?.textContent).toBe('1 selected warning changed since you chose it. Look at it again.');
    // Nothing else is marked.
    expect(sign(passed)).toBeNull();
    // Said once: the next read of the same state says nothing new.
    await rescanned(passed, { facts: ['Close date Nov 21, 2026 passed 6 days ago'] });
    await until(() => row(passed)?.textContent?.includes('passed 6 days ago') === true);
    expect(toast()?.textContent).toBe('1 selected warning changed since you chose it. Look at it again.');
  });

  test('a new fingerprint (a new slip) with the same severity: the same sign, and announced', async () => {
    pick(passed);
    await rescanned(passed, { fingerprint: '2026-11-24', facts: ['Close date Nov 24, 2026 passed 3 days ago'] });
    await until(() => sign(passed) !== null);
    expect(sign(passed)?.textContent).toContain('Changed since you chose it: look at its facts again.');
    expect(bar()?.querySelector('.bulk-note')?.textContent).toContain('1 of them changed since you chose it');
    expect(toast()?.textContent).toBe('1 selected warning changed since you chose it. Look at it again.');
  });

  test('of two warnings that change, only the selected one is marked, counted and announced', async () => {
    pick(stalled);
    await rescanned(passed, { fingerprint: '2026-11-24' });
    await rescanned(stalled, { severity: 'critical', fingerprint: 'critical|proposal' });
    await until(() => sign(stalled) !== null);
    await settle();
    expect(root.querySelectorAll('.changed-note')).toHaveLength(1);
    expect(sign(passed)).toBeNull();
    expect(bar()?.querySelector('.bulk-note')?.textContent).toContain('1 of them changed since you chose it');
    expect(toast()?.textContent).toBe('1 selected warning changed since you chose it. Look at it again.');
  });

  test('resolved while selected: it leaves the list and the selection, with a note', async () => {
    pick(stalled);
    pick(passed);
    await rescanned(stalled, { status: 'resolved', resolvedAt: Date.now() });
    await until(() => row(stalled) === null);
    await until(() => toast()?.textContent !== '');
    expect(toast()?.textContent).toBe('1 selected warning left the list and is no longer selected.');
    expect(bar()?.textContent).toContain('1 selected');
    expect(bar()?.querySelector('.bulk-note')).toBeNull();

    // The last one going takes the bar with it; the note stays to say why, counting both.
    await rescanned(passed, { status: 'resolved', resolvedAt: Date.now() });
    await until(() => row(passed) === null);
    await until(() => bar() === null);
    expect(toast()?.textContent).toBe('2 selected warnings left the list and are no longer selected.');
    // Nothing is sent for a warning that left on its own.
    expect(sent.filter((m) => m.type === 'ui:dismiss' || m.type === 'ui:snooze')).toEqual([]);
  });

  test('the last selected warning leaves while the focus is in the bulk bar: the focus goes to the view', async () => {
    pick(stalled);
    const dismiss = button(bar(), 'Dismiss selected');
    act(() => dismiss?.focus());
    expect(document.activeElement).toBe(dismiss);
    await rescanned(stalled, { status: 'resolved', resolvedAt: Date.now() });
    await until(() => bar() === null);
    expect(document.activeElement).toBe(root.querySelector('[role=tabpanel]'));
  });

  test('the last selected warning leaves while the focus is elsewhere: the focus stays there', async () => {
    pick(stalled);
    act(() => checkbox(passed)?.focus());
    await rescanned(stalled, { status: 'resolved', resolvedAt: Date.now() });
    await until(() => bar() === null);
    expect(document.activeElement).toBe(checkbox(passed));
  });

  test('a selected warning that changes again: the note does not say the same twice', async () => {
    pick(stalled);
    await rescanned(stalled, { severity: 'critical', fingerprint: 'critical|proposal' });
    await until(() => sign(stalled) !== null);
    expect(toast()?.textContent).toBe('1 selected warning changed since you chose it. Look at it again.');
    await rescanned(stalled, { fingerprint: 'critical|proposal|64', facts: ['In Proposal for 64 days'] });
    await until(() => row(stalled)?.textContent?.includes('for 64 days') === true);
    await settle();
    expect(toast()?.textContent).toBe('1 selected warning changed since you chose it. Look at it again.');
  });

  test('a dismissal while the note is up keeps the note in the offer', async () => {
    pick(stalled);
    pick(passed);
    await rescanned(stalled, { severity: 'critical', fingerprint: 'critical|proposal' });
    await until(() => sign(stalled) !== null);
    expect(toast()?.textContent).toBe('1 selected warning changed since you chose it. Look at it again.');
    // City Power dismissed from its own row: the offer says so, and still says what changed.
    act(() => button(row(passed), 'Dismiss')?.click());
    await until(() => toast()?.textContent?.startsWith('Dismissed') === true);
    expect(toast()?.textContent).toBe(
      'Dismissed until the deal changes. 1 selected warning changed since you chose it. Look at it again.Undo',
    );
  });

  test('left as it is by a bulk dismissal, it stays marked, and is left again until it is selected again', async () => {
    pick(stalled);
    pick(passed);
    await rescanned(stalled, { severity: 'critical', fingerprint: 'critical|proposal' });
    await until(() => sign(stalled) !== null);
    const dismissals = () => sent.filter((m) => m.type === 'ui:dismiss').map((m) => m.payload);

    act(() => button(bar(), 'Dismiss selected')?.click());
    await until(() => row(passed) === null);
    await until(() => toast()?.textContent?.startsWith('Dismissed until the deal changes.') === true);
    // What the bar said holds: it is still selected as it was chosen, marked, and counted.
    expect(checkbox(stalled)?.checked).toBe(true);
    expect(sign(stalled)?.textContent).toContain('Changed since you chose it: Warning then, Critical now.');
    expect(bar()?.querySelector('.bulk-note')?.textContent).toBe(
      '1 of them changed since you chose it and will be left as it is. Select it again to include it.',
    );

    // Dismiss selected once more: it is sent as it was chosen, and left as it is again.
    act(() => button(bar(), 'Dismiss selected')?.click());
    await until(() => dismissals().length === 2);
    await settle();
    expect(dismissals()[1]).toEqual({ warnings: [{ id: stalled.id, fingerprint: 'warn|proposal', severity: 'warn' }] });
    expect((await radarDb().warnings.get(stalled.id))?.status).toBe('active');
    expect(sign(stalled)).not.toBeNull();

    // Selected again as it is now, it is dismissed.
    act(() => button(sign(stalled), 'Select as it is now')?.click());
    act(() => button(bar(), 'Dismiss selected')?.click());
    await until(() => row(stalled) === null);
    expect(await radarDb().warnings.get(stalled.id)).toMatchObject({
      status: 'dismissed',
      dismissedFingerprint: 'critical|proposal',
    });
  });

  test('selected again, it is acted on as it is now: the new fingerprint and severity go to the background', async () => {
    pick(stalled);
    pick(passed);
    await rescanned(stalled, { severity: 'critical', fingerprint: 'critical|proposal' });
    await rescanned(passed, { fingerprint: '2026-11-24' });
    await until(() => sign(stalled) !== null && sign(passed) !== null);
    expect(bar()?.querySelector('.bulk-note')?.textContent).toContain('2 of them changed since you chose them');

    // One by its own button, which hands the focus to the checkbox it stands for.
    const again = button(sign(stalled), 'Select as it is now');
    // Its name begins with the words it shows (label in name, WCAG 2.5.3), then says which warning.
    expect(again?.getAttribute('aria-label')).toBe('Select as it is now: “Stalled in stage” on Litware');
    expect(again?.getAttribute('aria-label')?.startsWith(`${again?.textContent}:`)).toBe(true);
    act(() => again?.click());
    expect(sign(stalled)).toBeNull();
    expect(document.activeElement).toBe(checkbox(stalled));
    // The other by clearing its checkbox and checking it again.
    act(() => checkbox(passed)?.click());
    act(() => checkbox(passed)?.click());
    expect(sign(passed)).toBeNull();
    expect(bar()?.querySelector('.bulk-note')).toBeNull();

    act(() => button(bar(), 'Dismiss selected')?.click());
    await until(() => row(stalled) === null && row(passed) === null);
    const dismissal = sent.find((m) => m.type === 'ui:dismiss');
    expect(dismissal?.payload).toEqual({
      warnings: [
        { id: stalled.id, fingerprint: 'critical|proposal', severity: 'critical' },
        { id: passed.id, fingerprint: '2026-11-24', severity: 'critical' },
      ],
    });
    const stored = await radarDb().warnings.bulkGet([stalled.id, passed.id]);
    expect(stored.map((w) => [w?.status, w?.dismissedFingerprint])).toEqual([
      ['dismissed', 'critical|proposal'],
      ['dismissed', '2026-11-24'],
    ]);
    await until(() => toast()?.textContent?.startsWith('Dismissed 2 warnings') === true);
    expect(toast()?.textContent).toBe('Dismissed 2 warnings until their deals change.Undo');
  });
});

/** `count` more deals on the page, each with one warning scored `score` (ranked above a lower score). */
async function crowd(count: number, score: number): Promise<Warning[]> {
  const deals = Array.from({ length: count }, (_, i) => deal(`/deals/30${i}`, { name: `Crowd ${i}` }));
  const added = deals.map((d) => warning(d.id, 'no-next-step', { score }));
  await act(async () => {
    const db = radarDb();
    await db.transaction('rw', [db.deals, db.warnings, db.tabs], async () => {
      await db.deals.bulkPut(deals);
      await db.warnings.bulkPut(added);
      const page = await db.tabs.get(TAB);
      await db.tabs.put(tab(TAB, [...(page?.dealIds ?? []), ...deals.map((d) => d.id)]));
    });
  });
  return added;
}

/** A batch of the CRM page as the content script sends it, stored by the background's own ingest. */
async function observed(scan: string, done: boolean, deals: Observation['deals']): Promise<void> {
  const profile = siteById('generic');
  if (!profile) throw new Error('generic profile missing');
  const obs: Observation = {
    siteId: 'generic',
    pageUrl: `https://${SITE}/deals`,
    locale: 'en-US',
    view: 'list',
    deals,
    scan: { id: scan, batch: done ? 1 : 0, done, seen: deals.length },
  };
  await act(async () => {
    const settings = defaultSettings();
    await ingest(radarDb(), obs, { tabId: TAB, profile, settings, now: NOW, today: TODAY });
  });
}

describe('a selected warning the list does not show now', { timeout: 20_000 }, () => {
  test('a rescan under way has read only its first batch: the warning of a deal not read yet stays selected', async () => {
    pick(passed);
    // A new scan of the page: its first batch holds Litware only.
    await observed('s2', false, [{ key: litware.key, fields: { name: 'Litware', stage: 'Proposal' } }]);
    expect((await radarDb().tabs.get(TAB))?.dealIds).toEqual([litware.id]);
    await until(() => row(passed) === null);
    await settle();
    expect(bar()?.textContent).toContain('1 selected');
    expect(toast()?.textContent ?? '').not.toContain('left the list');

    // The scan reads City Power: its warning is back, as it was, and still selected.
    const fields = { name: 'City Power', stage: 'Negotiation', closeDate: 'Nov 21, 2026' };
    await observed('s2', true, [{ key: city.key, fields }]);
    await until(() => row(passed) !== null);
    expect(checkbox(passed)?.checked).toBe(true);
    expect(sign(passed)).toBeNull();
    expect(bar()?.textContent).toContain('1 selected');
    expect(toast()?.textContent ?? '').not.toContain('left the list');
  });

  test('deals ranked higher push it past "Show more": it stays selected, and shows selected there', async () => {
    pick(passed);
    await crowd(20, 90);
    await until(() => row(passed) === null);
    await settle();
    expect(bar()?.textContent).toContain('1 selected');
    expect(toast()?.textContent ?? '').toBe('');

    act(() => button(root, 'Show 2 more (2 left)')?.click());
    await until(() => row(passed) !== null);
    expect(checkbox(passed)?.checked).toBe(true);
    expect(sign(passed)).toBeNull();
  });

  test('it drops from critical to a warning ranked past "Show more": still selected, marked and announced as changed', async () => {
    await crowd(20, 70);
    await until(() => row(passed) !== null && root.querySelectorAll('.deal').length === 20);
    pick(passed);
    await rescanned(passed, { severity: 'warn', score: 40 });
    await until(() => row(passed) === null);
    await until(() => bar()?.querySelector('.bulk-note') != null);
    expect(bar()?.textContent).toContain('1 selected');
    expect(bar()?.querySelector('.bulk-note')?.textContent).toContain('1 of them changed since you chose it');
    expect(toast()?.textContent).toBe('1 selected warning changed since you chose it. Look at it again.');

    act(() => button(root, 'Show 2 more (2 left)')?.click());
    await until(() => row(passed) !== null);
    expect(checkbox(passed)?.checked).toBe(true);
    expect(sign(passed)?.textContent).toContain('Changed since you chose it: Critical then, Warning now.');
  });

  test('an action whose reply is lost after it was written: its warning, gone from the list, leaves the selection', async () => {
    pick(stalled);
    pick(passed);
    // The background dismisses, then stops before it replies (the reply comes late, as an error).
    const db = radarDb();
    const handlers = createHandlers(db, { now: () => Date.now() });
    const opts = { extensionId: EXTENSION_ID, extensionUrl: EXTENSION_URL, warn: () => {} };
    fake.runtime.onMessage.clear();
    fake.runtime.onMessage.addListener(async (message, sender) => {
      await dispatch(message, sender as never, handlers, opts);
      await new Promise((r) => setTimeout(r, 300));
      throw new Error('The message port closed before a response was received.');
    });
    act(() => button(row(passed), 'Dismiss')?.click());
    await until(() => root.querySelector('[role=alert]') !== null);
    expect((await db.warnings.get(passed.id))?.status).toBe('dismissed');
    expect(row(passed)).toBeNull();
    await until(() => bar()?.textContent?.includes('1 selected') === true);
    expect(checkbox(stalled)?.checked).toBe(true);
    expect(toast()?.textContent).toBe('1 selected warning left the list and is no longer selected.');
  });
});
