// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Scanner as ScannerClass } from '../../../src/content/scanner';
import { findDealViews } from '../../../src/content/read';
import { type DealTable, fromDealTable, type TableDeal } from '../../../src/messages/deal-table';
import generic from '../../../src/sites/generic';
import fake, { resetFakeBrowser } from '../../support/fake-browser';

/**
 * The scanner on a page, talking to a background that only takes note: what reached it, batch by
 * batch. A batch can be held back (a background busy with a large batch) while the page changes.
 */

let Scanner: typeof ScannerClass;

beforeAll(async () => {
  // The content script finds the extension's namespace when it loads.
  (globalThis as { chrome?: unknown }).chrome = fake;
  ({ Scanner } = await import('../../../src/content/scanner'));
});

let scanner: ScannerClass | null = null;
afterEach(() => {
  (globalThis as { scheduler?: unknown }).scheduler = undefined;
  scanner?.stop();
  scanner = null;
  resetFakeBrowser();
  document.body.innerHTML = '';
});

interface Batch {
  deals: TableDeal[];
  full: boolean;
  done: boolean;
}

/**
 * Starts a scanner on the page as it is; `received` is every batch that reached the background,
 * which answers each after `delay` ms.
 */
function scan(delay = 0): {
  received: Batch[];
  keys(): Set<string>;
  /** Holds the reply to the next batch until `release` is called. */
  holdNext(): { held: Promise<void>; release(): void };
} {
  const received: Batch[] = [];
  let hold: { reached(): void; gate: Promise<void> } | null = null;
  fake.runtime.onMessage.addListener((message: unknown) => {
    const m = message as { type?: string; payload?: { table: DealTable; scan: Batch } };
    if (m.type !== 'content:observed' || !m.payload) return undefined;
    received.push({
      deals: fromDealTable(m.payload.table),
      full: m.payload.scan.full,
      done: m.payload.scan.done,
    });
    const reply = { ok: true, reply: { marks: [] } };
    const h = hold;
    hold = null;
    if (!h) return delay > 0 ? new Promise((r) => setTimeout(() => r(reply), delay)) : reply;
    h.reached();
    return h.gate.then(() => reply);
  });
  scanner = new Scanner(
    generic,
    (root, pageUrl, aliases) => findDealViews(root, { profile: generic, pageUrl, extraAliases: aliases }),
    async () => ({ off: false, aliases: {} }),
  );
  scanner.start();
  return {
    received,
    keys: () => new Set(received.flatMap((b) => b.deals.map((d) => d.key))),
    holdNext() {
      let release: () => void = () => undefined;
      let reached: () => void = () => undefined;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const held = new Promise<void>((r) => {
        reached = r;
      });
      hold = { reached, gate };
      return { held, release: () => release() };
    },
  };
}

const row = (name: string, company: string, amount: string) =>
  `<tr><td>${name}</td><td>${company}</td><td>${amount}</td></tr>`;

function list(rows: string): HTMLElement {
  document.body.innerHTML = `<table><thead><tr><th>Deal Name</th><th>Company</th><th>Amount</th></tr></thead><tbody>${rows}</tbody></table>`;
  const body = document.querySelector('tbody');
  if (!body) throw new Error('no list');
  return body;
}

/** Row elements of this markup, made apart from the page (to be added to it). */
function rows(html: string): Element[] {
  const made = document.createElement('div');
  made.innerHTML = `<table><tbody>${html}</tbody></table>`;
  return [...(made.querySelector('tbody')?.children ?? [])];
}

/**
 * The page's turns between the scanner's slices (scheduler.yield), given when the test says: each
 * slice that ends waits until `give()`, until `free()` lets every turn pass at once.
 */
function turns(): { waiting(): number; give(): void; free(): void } {
  const waiting: Array<() => void> = [];
  let free = false;
  (globalThis as { scheduler?: unknown }).scheduler = {
    yield: () => new Promise<void>((r) => (free ? setTimeout(r, 0) : waiting.push(r))),
  };
  return {
    waiting: () => waiting.length,
    give: () => waiting.shift()?.(),
    free() {
      free = true;
      for (const r of waiting.splice(0)) r();
    },
  };
}

/** The machine may be busy: a scan of a few thousand rows can take seconds there. */
const WAIT = { timeout: 15_000, interval: 20 };
const LONG = 30_000;

/** A list of Acme's "Renewal 2027" alone, read once in full: keyed by its name. */
async function acmeRead(): Promise<{ body: HTMLElement; page: ReturnType<typeof scan> }> {
  const body = list(row('Renewal 2027', 'Acme', '$50,000'));
  const page = scan();
  await vi.waitFor(() => expect(page.received.some((b) => b.full && b.done)).toBe(true), WAIT);
  expect(page.keys()).toEqual(new Set(['Renewal 2027']));
  return { body, page };
}

/** Every row reached the background, Acme's and Globex's "Renewal 2027" each under its own key. */
function expectAllSent(page: ReturnType<typeof scan>, rowCount: number): void {
  const keys = page.keys();
  expect(keys.has('Renewal 2027\nAcme')).toBe(true);
  expect(keys.has('Renewal 2027\nGlobex')).toBe(true);
  for (let i = 0; i < rowCount; i++) expect(keys.has(`Deal ${i}`)).toBe(true);
}

describe('changes while a scan of the page reads', () => {
  test(
    'a change while a batch is on its way waits for the scan under way: the key settle() gave, every row and the change reach the background',
    async () => {
      const { body, page } = await acmeRead();

      // Rows come in, more than one batch of them, one of them Globex's "Renewal 2027": Acme's row,
      // read before under the bare name, takes its own key. The background is slow with the first batch.
      const held = page.holdNext();
      const added = Array.from({ length: 600 }, (_, i) => row(`Deal ${i}`, 'Initech', `$${i}`));
      added.splice(300, 0, row('Renewal 2027', 'Globex', '$20,000'));
      body.append(...rows(added.join('')));
      await held.held;
      // Meanwhile another row changes: its read waits for the scan under way, which is not cancelled.
      const cell = body.querySelector('tr:nth-child(5) td:nth-child(3)');
      if (!cell) throw new Error('no cell');
      cell.textContent = '$999';
      const before = page.received.length;
      await new Promise((r) => setTimeout(r, 400));
      expect(page.received.length).toBe(before);
      held.release();

      await vi.waitFor(() => {
        expectAllSent(page, 600);
        const last = page.received.flatMap((b) => b.deals).filter((d) => d.key === 'Deal 3');
        expect(last.at(-1)?.fields.amount).toBe('$999');
      }, WAIT);
    },
    LONG,
  );

  test(
    'while it read: rows that come in wait for it; the rows it read and the key they changed reach the background',
    async () => {
      const { body, page } = await acmeRead();
      const turn = turns();

      // Globex's "Renewal 2027" comes in with many rows: its read makes the name shared, and the
      // scan gives the page its turn before the last of them is read.
      const first = Array.from({ length: 2000 }, (_, i) => row(`Deal ${i}`, 'Initech', `$${i}`));
      body.append(...rows(row('Renewal 2027', 'Globex', '$20,000') + first.join('')));
      await vi.waitFor(() => expect(turn.waiting()).toBe(1), WAIT);
      // More rows come in before it reads on: no second scan starts meanwhile.
      const second = Array.from({ length: 100 }, (_, i) => row(`Deal ${2000 + i}`, 'Initech', `$${i}`));
      body.append(...rows(second.join('')));
      await new Promise((r) => setTimeout(r, 400));
      expect(turn.waiting()).toBe(1);
      turn.free();

      await vi.waitFor(() => expectAllSent(page, 2100), WAIT);
    },
    LONG,
  );

  test(
    'a page that keeps changing (a clock) while a full scan is sent: the scan ends with its done batch, each row sent once',
    async () => {
      const many = Array.from({ length: 1500 }, (_, i) => row(`Deal ${i}`, 'Initech', `$${i}`)).join('');
      list(many);
      document.body.insertAdjacentHTML('beforeend', '<p id="clock">0</p>');
      const clock = document.getElementById('clock');
      let ticks = 0;
      // Each batch the background takes a while over, and the page's clock ticks meanwhile (after
      // the background's own listener, whose reply is the one the page gets).
      const page = scan(400);
      fake.runtime.onMessage.addListener((message: unknown) => {
        if ((message as { type?: string }).type !== 'content:observed') return undefined;
        if (clock) clock.textContent = String(++ticks);
        return undefined;
      });
      await vi.waitFor(() => expect(page.received.some((b) => b.full && b.done)).toBe(true), WAIT);
      const sent = page.received.flatMap((b) => b.deals.map((d) => d.key));
      expect(new Set(sent).size).toBe(1500);
      expect(sent.length).toBe(1500);
    },
    LONG,
  );
});
