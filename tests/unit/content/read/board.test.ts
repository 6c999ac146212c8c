// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { cleanStage } from '../../../../src/content/read/board';
import { findDealViews, readAll } from '../../../../src/content/read/index';
import generic from '../../../../src/sites/generic';
import pipedrive from '../../../../src/sites/pipedrive';
import { loadFixture } from './fixture';
import { readPage } from './helpers';

describe('boards', () => {
  test.each([
    ['Qualified (3)', 'Qualified'],
    ['Qualified · €12,000 · 3 deals', 'Qualified'],
    ['Proposal $12,000', 'Proposal'],
    ['New · $9,500 · 1 deal', 'New'],
    ['Negotiation/Review (12 opportunities)', 'Negotiation/Review'],
    ['Stage 2', 'Stage 2'],
    ['Closed Won', 'Closed Won'],
    ['Demo - 4', 'Demo'],
  ])('cleanStage(%s) → %s', (header, stage) => {
    expect(cleanStage(header)).toBe(stage);
  });

  test('a long stage name keeps its count and sum stripped; hostile long headers come back as they are', () => {
    const long = `Negotiation ${'and review '.repeat(12)}`.trim();
    expect(cleanStage(`${long} · $1,234,567.00 · 12 deals`)).toBe(long);
    expect(cleanStage(`${long} (1,204 opportunities)`)).toBe(long);
    // Headers a page could use to stall a reader (these took seconds each before the patterns
    // were kept to the header's end): digits with no count word or amount at the end.
    for (const unit of ['1', '1,', '1.', '$1', '1-', '1/', '1e', 'a1']) {
      for (const tail of [' x', ' ago', ' €']) {
        const header = unit.repeat(Math.ceil(1990 / unit.length)).slice(0, 1990) + tail;
        expect(cleanStage(header)).toBe(header);
      }
    }
  });

  test('the generic profile reads the Pipedrive board too, keyed by path', () => {
    const { doc, expected } = loadFixture('pipedrive', 'board');
    const views = findDealViews(doc, { profile: generic, pageUrl: expected.pageUrl });
    const want = expected.views.map((v) => ({
      ...v,
      deals: v.deals.map((d) => ({ ...d, key: new URL(d.url ?? '').pathname })),
    }));
    expect(views.map((v) => ({ kind: v.kind, stageOrder: v.stageOrder, deals: readAll(v) }))).toEqual(want);
  });

  test('one card per column: cards found from list items', () => {
    const col = (stage: string, id: number) =>
      `<div><h3>${stage}</h3><ul><li><a href="/deal/${id}">D${id}</a><span>€${id}00</span></li></ul></div>`;
    const { deals, views } = readPage(
      `<div>${col('Qualified', 1)}${col('Demo scheduled', 2)}</div>`,
      'https://acme.pipedrive.com/pipeline',
      pipedrive,
    );
    expect(views[0]?.stageOrder).toEqual(['Qualified', 'Demo scheduled']);
    expect(deals[0]?.map((d) => [d.fields.name, d.fields.stage, d.fields.amount])).toEqual([
      ['D1', 'Qualified', '€100'],
      ['D2', 'Demo scheduled', '€200'],
    ]);
  });

  test('items() follows the page: a card moved into an empty column reads that column as its stage', () => {
    const { views, doc } = readPage(
      `<div id="b">
        <section><h2>Qualified</h2><div id="q"><div><a href="/deal/1">One</a><span>€1</span></div><div><a href="/deal/2">Two</a><span>€2</span></div></div></section>
        <section><h2>Won</h2><div id="w"></div></section>
      </div>`,
      'https://acme.pipedrive.com/pipeline',
      pipedrive,
    );
    const view = views[0];
    if (!view) throw new Error('no board');
    const two = doc.querySelector('a[href="/deal/2"]')?.parentElement;
    if (two) doc.getElementById('w')?.append(two);
    expect(readAll(view).map((d) => [d.fields.name, d.fields.stage])).toEqual([
      ['One', 'Qualified'],
      ['Two', 'Won'],
    ]);
  });

  test('columns of links without deal data are not a board', () => {
    const { views } = readPage(
      `<div><section><h2>Docs</h2><ul><li><a href="/doc/1">One</a></li><li><a href="/doc/2">Two</a></li></ul></section>
       <section><h2>Guides</h2><ul><li><a href="/doc/3">Three</a></li></ul></section></div>`,
    );
    expect(views).toEqual([]);
  });
});
