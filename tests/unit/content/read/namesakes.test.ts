// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { type DealView, readAll } from '../../../../src/content/read/index';
import { Namesakes } from '../../../../src/content/read/namesakes';
import { MAX_RAW } from '../../../../src/messages/limits';
import { isUntracked } from '../../../../src/messages/twin-key';
import hubspot from '../../../../src/sites/hubspot';
import { readPage } from './helpers';

/**
 * Rows without a record link are keyed by their name. Two rows of one list that share a name are
 * two deals: each needs a key of its own that stays with it whatever order the list is in.
 */

const head = (...labels: string[]) =>
  `<thead><tr>${labels.map((l) => `<th>${l}</th>`).join('')}</tr></thead>`;
const row = (...cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;

/** The only list of a page, its rows' container, and a read of it as key → amount. */
function list(html: string): { view: DealView; body: HTMLElement; read(): Array<[string, string]> } {
  const { views, doc } = readPage(`<table>${html}</table>`);
  const view = views[0];
  const body = doc.querySelector('tbody');
  if (!view || !body) throw new Error('no list');
  return { view, body, read: () => readAll(view).map((d) => [d.key, d.fields.amount ?? '']) };
}

/** Puts the rows of `body` in the opposite order: the same elements, moved (a sort). */
function reverse(body: HTMLElement): void {
  for (const tr of [...body.children].reverse()) body.append(tr);
}

describe('rows that share a name in one list', () => {
  test('are told apart by their account, in any order; a name no other row shows stays the key', () => {
    const page = list(
      `${head('Deal Name', 'Company', 'Stage', 'Amount')}<tbody>${row('Renewal 2027', 'Acme', 'Proposal', '$50,000')}${row('Solo deal', 'Umbrella', 'Demo', '$5,000')}${row('Renewal 2027', 'Globex', 'Discovery', '$20,000')}</tbody>`,
    );
    const keys: Array<[string, string]> = [
      ['Renewal 2027\nAcme', '$50,000'],
      ['Solo deal', '$5,000'],
      ['Renewal 2027\nGlobex', '$20,000'],
    ];
    expect(page.read()).toEqual(keys);
    // Sorted the other way: each key stays with its deal.
    reverse(page.body);
    expect(page.read()).toEqual([...keys].reverse());
    // Drawn again in place (each row element now shows the other deal): the keys follow the values.
    const [a, , b] = [...page.body.children];
    if (!a || !b) throw new Error('rows missing');
    const html = a.innerHTML;
    a.innerHTML = b.innerHTML;
    b.innerHTML = html;
    expect(page.read()).toEqual(keys);
  });

  test('rows of one account are told apart by the next column shown (contacts, then owner), only as far as needed', () => {
    const page = list(
      `${head('Deal Name', 'Owner', 'Account Name', 'Amount')}<tbody>${row('Renewal', 'Kim', 'Acme', '$1')}${row('Renewal', 'Lee', 'Acme', '$2')}${row('Renewal', 'Kim', 'Globex', '$3')}</tbody>`,
    );
    expect(page.read()).toEqual([
      ['Renewal\nAcme\nKim', '$1'],
      ['Renewal\nAcme\nLee', '$2'],
      ['Renewal\nGlobex', '$3'],
    ]);
  });

  test('rows nothing shown tells apart are numbered, untracked; a row moved keeps its number', () => {
    const page = list(
      `${head('Deal Name', 'Stage', 'Amount')}<tbody>${row('Renewal 2027', 'Proposal', '$50,000')}${row('Renewal 2027', 'Discovery', '$20,000')}${row('Other', 'Demo', '$1')}</tbody>`,
    );
    const first = page.read();
    expect(first).toEqual([
      ['Renewal 2027\t1', '$50,000'],
      ['Renewal 2027\t2', '$20,000'],
      ['Other', '$1'],
    ]);
    expect(first.map(([key]) => isUntracked(key))).toEqual([true, true, false]);
    reverse(page.body);
    expect(page.read()).toEqual([...first].reverse());
  });

  test('a row read before its namesake turned up is read again with its new key; the name stays shared after one leaves', () => {
    const page = list(
      `${head('Deal Name', 'Company', 'Amount')}<tbody>${row('Renewal 2027', 'Acme', '$50,000')}</tbody>`,
    );
    expect(page.read()).toEqual([['Renewal 2027', '$50,000']]);
    // A second row of the name is added, and read alone (as the content script reads a change).
    const acme = page.body.firstElementChild;
    const globex = acme?.cloneNode(true) as Element | undefined;
    if (!acme || !globex) throw new Error('rows missing');
    const [, company, amount] = globex.children;
    if (company) company.textContent = 'Globex';
    if (amount) amount.textContent = '$20,000';
    page.body.append(globex);
    page.view.read(globex);
    const again = page.view.settle?.() ?? [];
    // Globex's row was keyed by what tells it apart as it was read; Acme's, read before, by the name.
    expect(again.map((s) => [s.item, s.was, s.key])).toEqual([[acme, 'Renewal 2027', 'Renewal 2027\nAcme']]);
    expect(again.map((s) => page.view.read(s.item)?.key)).toEqual(['Renewal 2027\nAcme']);
    expect(page.view.read(globex)?.key).toBe('Renewal 2027\nGlobex');
    // Nothing changed since: nothing to read again.
    expect(page.view.settle?.()).toEqual([]);
    // Globex's row goes (filtered away, scrolled out): Acme's keeps its key, not the bare name.
    globex.remove();
    expect(page.read()).toEqual([['Renewal 2027\nAcme', '$50,000']]);
  });

  test("a link to the account, a contact or the owner is not the deal's key: deals of one company stay apart", () => {
    // The deal names are plain text; the only links in the rows lead to the company and the owner.
    const acme = '<a href="/companies/42">Acme</a>';
    const kim = '<a href="/users/7">Kim</a>';
    const page = list(
      `${head('Deal Name', 'Company', 'Owner', 'Amount')}<tbody>${row('Renewal 2027', acme, kim, '$50,000')}${row('Expansion', acme, kim, '$20,000')}${row('Expansion', '<a href="/companies/9">Globex</a>', kim, '$5,000')}</tbody>`,
    );
    expect(page.read()).toEqual([
      ['Renewal 2027', '$50,000'],
      ['Expansion\nAcme', '$20,000'],
      ['Expansion\nGlobex', '$5,000'],
    ]);
    // Nor a link that other rows of the list show in the same column (a campaign, a team, a pipeline).
    const campaign = '<a href="/campaigns/5">Spring push</a>';
    const shared = list(
      `${head('Deal Name', 'Company', 'Campaign', 'Amount')}<tbody>${row('Renewal 2027', acme, campaign, '$1')}${row('Expansion', acme, campaign, '$2')}${row('Pilot', '<a href="/companies/9">Globex</a>', '<a href="/campaigns/6">Fall</a>', '$3')}</tbody>`,
    );
    expect(shared.read().map(([key]) => key)).toEqual(['Renewal 2027', 'Expansion', 'Pilot']);
    // A link to the deal in another column still keys the row.
    const linked = list(
      `${head('Deal Name', 'Company', 'Open', 'Amount')}<tbody>${row('Renewal 2027', acme, '<a href="/deals/1">View</a>', '$1')}${row('Expansion', acme, '<a href="/deals/2">View</a>', '$2')}</tbody>`,
    );
    expect(linked.read().map(([key]) => key)).toEqual(['/deals/1', '/deals/2']);
  });

  test("on a site the user adds, a deal's key does not depend on the order the list is sorted in", () => {
    // 40 deals, each with a campaign link. Sorted by name, the first 30 rows all show different
    // campaigns; sorted by campaign, rows next to each other share one.
    const deals = Array.from({ length: 40 }, (_, i) => ({
      name: `Deal ${String(i).padStart(2, '0')}`,
      campaign: i < 30 ? i : i % 3,
      amount: `$${i + 1}`,
    }));
    const keysOf = (order: typeof deals) =>
      new Map(
        list(
          `${head('Deal Name', 'Campaign', 'Amount')}<tbody>${order
            .map((d) => row(d.name, `<a href="/campaigns/${d.campaign}">Campaign ${d.campaign}</a>`, d.amount))
            .join('')}</tbody>`,
        )
          .read()
          .map(([key, amount]) => [amount, key]),
      );
    const byName = keysOf(deals);
    const byCampaign = keysOf([...deals].sort((a, b) => a.campaign - b.campaign));
    // A campaign is not the deal: every row is keyed by its own name, in either order.
    const names = new Map(deals.map((d) => [d.amount, d.name]));
    expect(byName).toEqual(names);
    expect(byCampaign).toEqual(names);
  });

  test("on a site the user adds, a link besides the name's keys a row only when it says it opens that row's record", () => {
    const acme = '<a href="/companies/42">Acme</a>';
    const keys = (html: string, pageUrl?: string) => {
      const { views } = readPage(`<table>${html}</table>`, pageUrl);
      return views[0] ? readAll(views[0]).map((d) => d.key) : [];
    };
    // The name's own link keys its row, unless it leads back to the page ('#': a script opens the deal).
    expect(keys(`${head('Deal Name', 'Company', 'Amount')}<tbody>${row('<a href="/deals/3">Renewal</a>', acme, '$1')}</tbody>`)).toEqual(['/deals/3']);
    expect(
      keys(`${head('Deal Name', 'Company', 'Amount')}<tbody>${row('<a href="#">Renewal</a>', acme, '$1')}${row('<a href="#">Pilot</a>', acme, '$2')}</tbody>`),
    ).toEqual(['Renewal', 'Pilot']);
    // Also where the page's own address is a route ('#/deals'), which '#' does not repeat.
    expect(
      keys(
        `${head('Deal Name', 'Company', 'Amount')}<tbody>${row('<a href="#">Renewal</a>', acme, '$1')}${row('<a href="#">Pilot</a>', acme, '$2')}</tbody>`,
        'https://crm.example/#/deals',
      ),
    ).toEqual(['Renewal', 'Pilot']);
    // An unlabelled column: a link that says "Open deal" or "View" keys its row; a bare icon or an
    // owner's picture says nothing of where it leads, and the row is keyed by its name.
    expect(
      keys(
        `${head('Deal Name', 'Company', '', 'Amount')}<tbody>${row('Renewal', acme, '<a href="/deals/1" aria-label="Open deal">↗</a>', '$1')}${row('Pilot', acme, '<a href="/deals/2">↗</a>', '$2')}${row('Expansion', acme, '<a href="/users/7"><img src="kim.png" alt="Kim"></a>', '$3')}${row('Upsell', acme, '<a href="/deals/4">View</a>', '$4')}${row('Add-on', acme, '<a href="/users/7"><img src="kim.png" alt="Kim"></a>', '$5')}</tbody>`,
      ),
    ).toEqual(['/deals/1', 'Pilot', 'Expansion', '/deals/4', 'Add-on']);
    // A column of the record's numbers, whatever its header says.
    expect(
      keys(`${head('Deal Name', 'Company', 'Ref', 'Amount')}<tbody>${row('Renewal', acme, '<a href="/deals/1">1001</a>', '$1')}${row('Renewal', acme, '<a href="/deals/2">OPP-1002</a>', '$2')}</tbody>`),
    ).toEqual(['/deals/1', '/deals/2']);
    // Links that lead elsewhere, or say "Open" in a column of data, never key: a header with an
    // icon of its own, a company link titled "Open", a status, an anchor back to the page.
    expect(
      keys(
        `${head('Deal Name', 'Campaign <button aria-label="More">⋮</button>', 'Amount')}<tbody>${row('Renewal', '<a href="/campaigns/5">Spring push</a>', '$1')}${row('Pilot', '<a href="/campaigns/5">Spring push</a>', '$2')}</tbody>`,
      ),
    ).toEqual(['Renewal', 'Pilot']);
    expect(
      keys(
        `${head('Deal Name', 'Company', 'Amount')}<tbody>${row('Renewal', '<a href="/companies/42" title="Open">↗</a>', '$1')}${row('Pilot', '<a href="/companies/42" title="Open">↗</a>', '$2')}</tbody>`,
      ),
    ).toEqual(['Renewal', 'Pilot']);
    expect(
      keys(
        `${head('Deal Name', 'Status', 'Amount', 'Actions')}<tbody>${row('Renewal', '<a href="/deals?status=open">Open</a>', '$1', '<a href="#">more</a>')}${row('Pilot', '<a href="/deals?status=open">Open</a>', '$2', '<a href="#">more</a>')}</tbody>`,
      ),
    ).toEqual(['Renewal', 'Pilot']);
    // On a record's own page, a link back to it is not a row's.
    expect(
      keys(`${head('Deal Name', 'Amount', '')}<tbody>${row('Renewal', '$1', '<a href="#">View</a>')}${row('Pilot', '$2', '<a href="#">View</a>')}</tbody>`, 'https://crm.example/deals/77'),
    ).toEqual(['Renewal', 'Pilot']);
    // A link over the whole row, in none of its cells.
    const { views } = readPage(
      `<div role="grid"><div role="row"><div role="columnheader">Deal Name</div><div role="columnheader">Amount</div></div><div role="row"><a href="/deals/9" aria-label="Renewal"></a><div role="gridcell">Renewal</div><div role="gridcell">$1</div></div></div>`,
    );
    expect(views[0] ? readAll(views[0]).map((d) => d.key) : []).toEqual(['/deals/9']);
  });

  test('on a known CRM, a link to another deal in the row (a parent deal) does not key the row', () => {
    const { views } = readPage(
      `<table>${head('Deal Name', 'Parent deal', 'Amount')}<tbody>${row('Renewal', '<a href="/contacts/1/record/0-3/900">Master agreement</a>', '$1')}${row('Pilot', '<a href="/contacts/1/record/0-3/900">Master agreement</a>', '$2')}${row('Upsell', '<a href="/contacts/1/record/0-3/901">Open</a>', '$3')}</tbody></table>`,
      'https://app.hubspot.com/contacts/1/objects/0-3/views/all/list',
      hubspot,
    );
    expect(views[0] ? readAll(views[0]).map((d) => d.key) : []).toEqual(['Renewal', 'Pilot', 'hubspot:deal:901']);
  });

  test('keys stay within the limit and apart from the bare name, however long the name', () => {
    const name = 'R'.repeat(MAX_RAW + 50);
    const page = list(
      `${head('Deal Name', 'Company', 'Amount')}<tbody>${row(name, 'A'.repeat(MAX_RAW), '$1')}${row(name, 'B', '$2')}${row(name, 'B', '$3')}</tbody>`,
    );
    const keys = page.read().map(([key]) => key);
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) {
      expect(key.length).toBeLessThanOrEqual(MAX_RAW);
      expect(key).not.toBe(name.slice(0, MAX_RAW));
    }
  });

  test('thousands of rows of one name: one key each, numbered in one pass', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row('Same', `$${i}`)).join('');
    const page = list(`${head('Deal Name', 'Amount')}<tbody>${rows}</tbody>`);
    const keys = page.read().map(([key]) => key);
    expect(keys.length).toBe(3000);
    expect(new Set(keys).size).toBe(3000);
    expect(keys[2999]).toBe('Same\t3000');
  });
});

describe('a long virtual list (rows leave the page as it scrolls, new row elements come in)', () => {
  test('rows gone from the page are let go of; a name they shared stays shared', () => {
    const doc = new DOMParser().parseFromString('<!doctype html><table><tbody></tbody></table>', 'text/html');
    const body = doc.querySelector('tbody');
    if (!body) throw new Error('no list');
    const cells = (row: Element) => [...row.children].map((cell) => cell.textContent ?? '');
    const namesakes = new Namesakes((row) => cells(row).slice(1));
    /** Shows these rows (name, company) in new elements, reads them as a list does, and gives their keys. */
    const show = (rows: Array<[string, string]>): string[] => {
      body.replaceChildren(
        ...rows.map((values) => {
          const tr = doc.createElement('tr');
          for (const value of values)
            tr.append(Object.assign(doc.createElement('td'), { textContent: value }));
          return tr;
        }),
      );
      const shown = [...body.children];
      namesakes.listed(shown.length);
      const keys = shown.map((row) => {
        const [name = '', company = ''] = cells(row);
        namesakes.unread(row);
        return namesakes.key(row, name) ?? namesakes.twin(row, name, [company]);
      });
      for (const s of namesakes.settle()) keys[shown.indexOf(s.item)] = s.key;
      return keys;
    };

    // 80 screens of 50 rows: 4,000 rows scrolled past, each screen with a pair of its own and
    // Acme's and Globex's "Renewal" drawn anew.
    for (let screen = 0; screen < 80; screen++) {
      const rows: Array<[string, string]> = [
        ['Renewal', 'Acme'],
        [`Pair ${screen}`, 'Acme'],
        [`Pair ${screen}`, 'Globex'],
        ['Renewal', 'Globex'],
      ];
      for (let i = 0; i < 46; i++) rows.push([`Deal ${screen}-${i}`, 'Initech']);
      const keys = show(rows);
      expect(keys.slice(0, 5)).toEqual([
        'Renewal\nAcme',
        `Pair ${screen}\nAcme`,
        `Pair ${screen}\nGlobex`,
        'Renewal\nGlobex',
        `Deal ${screen}-0`,
      ]);
    }
    // What is held does not grow with the rows scrolled past.
    expect(namesakes.held()).toBeLessThan(500);
    // The first screen's pair, drawn again: still told apart, though its rows were let go of.
    expect(show([['Pair 0', 'Acme']])).toEqual(['Pair 0\nAcme']);
  });
});
