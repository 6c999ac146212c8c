// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { findDealViews, readAll } from '../../../../src/content/read/index';
import { makeContext } from '../../../../src/content/read/context';
import { tableView } from '../../../../src/content/read/table';
import { MAX_ITEMS } from '../../../../src/content/read/view';
import generic from '../../../../src/sites/generic';
import hubspot from '../../../../src/sites/hubspot';
import pipedrive from '../../../../src/sites/pipedrive';
import { readPage } from './helpers';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const head = (...labels: string[]) =>
  `<thead><tr>${labels.map((l) => `<th>${l}</th>`).join('')}</tr></thead>`;
const row = (...cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;

describe('tables', () => {
  test('a deal table nested in a deal table: each reads only its own rows', () => {
    const inner = `<table>${head('Deal Name', 'Amount')}<tbody>${row('<a href="/d/9">Inner A</a>', '$1')}${row('<a href="/d/10">Inner B</a>', '$2')}</tbody></table>`;
    const { views, deals } = readPage(
      `<table>${head('Deal Name', 'Stage', 'Notes')}<tbody>${row('<a href="/d/1">Outer</a>', 'Won', inner)}${row('<a href="/d/2">Outer 2</a>', 'Lost', '')}</tbody></table>`,
    );
    expect(views.map((v) => v.kind)).toEqual(['list', 'list']);
    expect(deals[0]?.map((d) => d.fields.name)).toEqual(['Outer', 'Outer 2']);
    expect(deals[1]?.map((d) => d.fields.name)).toEqual(['Inner A', 'Inner B']);
    expect(deals[0]?.[0]?.fields.stage).toBe('Won');
  });

  test('columns in any order, missing columns left out, the best-ranked of two matching columns wins', () => {
    const { deals } = readPage(
      `<table>${head('Value', 'Owner', 'Name', 'Deal Name')}<tbody>${row('$5', 'Kim', 'Contact person', '<a href="/d/1">Real deal</a>')}</tbody></table>`,
    );
    expect(deals[0]).toEqual([
      {
        key: '/d/1',
        url: 'https://crm.example/d/1',
        fields: { name: 'Real deal', amount: '$5', owner: 'Kim' },
      },
    ]);
  });

  test('needs the name column and one more known field', () => {
    expect(
      readPage(`<table>${head('Deal Name', 'Colour')}<tbody>${row('A', 'red')}</tbody></table>`).views,
    ).toEqual([]);
    expect(
      readPage(`<table>${head('Stage', 'Amount')}<tbody>${row('Won', '$1')}</tbody></table>`).views,
    ).toEqual([]);
  });

  test('header labels from aria-label or title when the cell shows only an icon', () => {
    const { deals } = readPage(
      `<table><tr><th aria-label="Deal name"><svg></svg></th><th><span title="Close date"></span></th></tr>${row('A', 'Dec 1')}</table>`,
    );
    expect(deals[0]?.[0]?.fields).toEqual({ name: 'A', closeDate: 'Dec 1' });
  });

  test('sort arrows and screen-reader sort hints around a header label are ignored', () => {
    const { deals } = readPage(
      '<table><tr><th><button>Deal name <span>▲</span></button><span>Sorted ascending</span></th><th><span>Sort by:</span>Amount ↓</th></tr><tr><td>A</td><td>$1</td></tr></table>',
    );
    expect(deals[0]?.[0]?.fields).toEqual({ name: 'A', amount: '$1' });
  });

  test("the user's own aliases come first", () => {
    const html = `<table>${head('Opportunity', 'Sales Phase', 'Stage')}<tbody>${row('A', 'Late', 'Zone 3')}</tbody></table>`;
    expect(readPage(html, undefined, undefined, { stage: ['Sales Phase'] }).deals[0]?.[0]?.fields.stage).toBe(
      'Late',
    );
    expect(readPage(html).deals[0]?.[0]?.fields.stage).toBe('Zone 3');
  });

  test('ARIA grid rendering only some columns (aria-colindex) and cells out of order', () => {
    const { deals } = readPage(
      `<div role="grid">
        <div role="row"><span role="columnheader" aria-colindex="1">Title</span><span role="columnheader" aria-colindex="5">Value</span><span role="columnheader" aria-colindex="9">Owner</span></div>
        <div role="row"><span role="gridcell" aria-colindex="9">Kim</span><span role="gridcell" aria-colindex="1"><a href="/deal/4">Four</a></span></div>
        <div role="row"><span role="gridcell" aria-colindex="5">€5</span><span role="gridcell" aria-colindex="1"><a href="/deal/5">Five</a></span></div>
      </div>`,
      'https://acme.pipedrive.com/deals',
      pipedrive,
    );
    expect(deals[0]).toEqual([
      {
        key: 'pipedrive:deal:4',
        url: 'https://acme.pipedrive.com/deal/4',
        fields: { name: 'Four', owner: 'Kim' },
      },
      {
        key: 'pipedrive:deal:5',
        url: 'https://acme.pipedrive.com/deal/5',
        fields: { name: 'Five', amount: '€5' },
      },
    ]);
  });

  test('a first row of header-like td cells counts as the header; group rows and empty names are skipped', () => {
    const { deals } = readPage(
      `<table><tr><td>Deal</td><td>Amount</td></tr><tr><td colspan="2">Closed won (1)</td></tr>${row('A', '$1')}${row('', '$2')}${row('—', '$3')}</table>`,
    );
    expect(deals[0]?.map((d) => d.fields)).toEqual([{ name: 'A', amount: '$1' }]);
  });

  test('a table without spans when listed: a row that later gets one is still laid out by its spans', () => {
    document.body.innerHTML = `<table>${head('Deal Name', 'Stage', 'Amount')}<tbody>${row('<a href="/d/1">A</a>', 'Demo', '$1')}${row('<a href="/d/2">B</a>', 'Lead', '$2')}</tbody></table>`;
    const table = document.querySelector('table');
    const view = table ? tableView(table, makeContext({ profile: generic, pageUrl: 'https://crm.example/' })) : null;
    const items = view?.items() ?? [];
    expect(items.map((item) => view?.read(item)?.fields)).toEqual([
      { name: 'A', stage: 'Demo', amount: '$1' },
      { name: 'B', stage: 'Lead', amount: '$2' },
    ]);
    // The page changes the second row: its stage now spans two columns.
    const second = items[1];
    if (second) second.innerHTML = '<td><a href="/d/2">B</a></td><td colspan="2">Lead</td>';
    expect(second ? view?.read(second)?.fields : undefined).toEqual({ name: 'B', stage: 'Lead' });
    // And one that names its columns, with as many cells as the header.
    if (second)
      second.innerHTML =
        '<td aria-colindex="1"><a href="/d/2">B</a></td><td aria-colindex="3">$4</td><td aria-colindex="4">x</td>';
    expect(second ? view?.read(second)?.fields : undefined).toEqual({ name: 'B', amount: '$4' });
  });

  test('where deal rows link to their records, rows without a link (totals, "add deal") are not deals', () => {
    const { deals } = readPage(
      `<table>${head('Deal Name', 'Amount')}<tbody>${row('<a href="/d/1">A</a>', '$1')}${row('+ Add deal', '')}${row('Total', '$1')}</tbody></table>`,
    );
    expect(deals[0]?.map((d) => d.fields.name)).toEqual(['A']);
  });

  test('only http(s) links of the page origin become urls; others fall back to the name', () => {
    const { deals } = readPage(
      `<table>${head('Deal Name', 'Amount')}<tbody>
        ${row('<a href="javascript:alert(1)">J</a>', '1')}
        ${row('<a href="https://other.example/d/1">X</a>', '2')}
        ${row('<a href="mailto:a@b.c">M</a>', '3')}
        ${row('<a href="/contacts/1/record/0-3/77?x=1">H</a>', '4')}
        ${row('<a href="/elsewhere/page">P</a>', '5')}
      </tbody></table>`,
      'https://app.hubspot.com/contacts/1/objects/0-3/views/all/list',
      hubspot,
    );
    expect(deals[0]?.map(({ key, url }) => ({ key, url }))).toEqual([
      { key: 'J', url: undefined },
      { key: 'X', url: undefined },
      { key: 'M', url: undefined },
      { key: 'hubspot:deal:77', url: 'https://app.hubspot.com/contacts/1/record/0-3/77?x=1' },
      { key: '/elsewhere/page', url: 'https://app.hubspot.com/elsewhere/page' },
    ]);
  });

  test('a record link elsewhere in the row keys a row whose name cell has none', () => {
    const { deals } = readPage(
      `<table>${head('Deal Name', 'Amount', '')}<tbody>${row('Plain', '$1', '<a href="/contacts/1/record/0-3/5">Open</a>')}</tbody></table>`,
      'https://app.hubspot.com/contacts/1/objects/0-3/views/all/list',
      hubspot,
    );
    expect(deals[0]?.[0]?.key).toBe('hubspot:deal:5');
  });

  test('items() is capped (MAX_ITEMS in use; a small cap here keeps the test fast)', () => {
    expect(MAX_ITEMS).toBe(20_000);
    const body = Array.from({ length: 40 }, (_, i) => `<tr><td>D${i}</td><td>${i}</td></tr>`).join('');
    const { doc } = readPage(`<table>${head('Deal', 'Amount')}<tbody>${body}</tbody></table>`);
    const table = doc.querySelector('table');
    const view = table
      ? tableView(table, makeContext({ profile: generic, pageUrl: 'https://crm.example/' }), 25)
      : null;
    expect(view?.items()).toHaveLength(25);
    expect(view?.items()[0]?.textContent).toBe('D00');
  });

  test('reads tables inside nested open shadow roots and same-origin iframes; skips frames that refuse access', () => {
    // A detached page: happy-dom would try (and fail) to load attached iframes.
    const page = document.createElement('div');
    const host = document.createElement('div');
    page.append(host);
    const outer = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('section');
    outer.append(inner);
    inner.attachShadow({
      mode: 'open',
    }).innerHTML = `<table>${head('Deal Name', 'Deal Stage')}<tbody>${row('Shadowed', 'Qualified to buy')}</tbody></table>`;

    const framed = new DOMParser().parseFromString(
      `<html><body><table>${head('Deal Name', 'Amount')}<tbody>${row('Framed', '$9')}</tbody></table></body></html>`,
      'text/html',
    );
    const frame = document.createElement('iframe');
    Object.defineProperty(frame, 'contentDocument', { get: () => framed });
    const hostile = document.createElement('iframe');
    Object.defineProperty(hostile, 'contentDocument', {
      get() {
        throw new DOMException('Blocked a frame with origin', 'SecurityError');
      },
    });
    page.append(frame, hostile);

    const views = findDealViews(page, {
      profile: hubspot,
      pageUrl: 'https://app.hubspot.com/contacts/1/objects/0-3',
    });
    expect(views.flatMap(readAll).map((d) => d.fields)).toEqual([
      { name: 'Shadowed', stage: 'Qualified to buy' },
      { name: 'Framed', amount: '$9' },
    ]);
  });

  test('cheap on a page without deals: a few selector queries and nothing found', () => {
    const paragraphs = Array.from(
      { length: 500 },
      (_, i) => `<p>Post ${i} <a href="/blog/${i}">read more</a></p>`,
    ).join('');
    const doc = new DOMParser().parseFromString(
      `<html><body><h1>Blog</h1>${paragraphs}</body></html>`,
      'text/html',
    );
    const calls = [
      vi.spyOn(doc, 'querySelectorAll'),
      vi.spyOn(Element.prototype, 'querySelectorAll'),
      vi.spyOn(DocumentFragment.prototype, 'querySelectorAll'),
    ];
    const started = performance.now();
    const views = findDealViews(doc, { profile: hubspot, pageUrl: 'https://app.hubspot.com/blog' });
    const took = performance.now() - started;
    expect(views).toEqual([]);
    expect(calls.reduce((n, spy) => n + spy.mock.calls.length, 0)).toBeLessThanOrEqual(5);
    expect(took).toBeLessThan(500);
  });
});
