// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import hubspot from '../../../../src/sites/hubspot';
import salesforce from '../../../../src/sites/salesforce';
import { readPage } from './helpers';

const LIST = 'https://app.hubspot.com/contacts/1/objects/0-3/views/all/list';
const RECORD = 'https://app.hubspot.com/contacts/1/record/0-3/42';

describe('records', () => {
  test('a record dialog over a list is a record view of its own, keyed by its record link', () => {
    const { views, deals } = readPage(
      `<table><tr><th>Deal name</th><th>Amount</th></tr><tr><td><a href="/contacts/1/record/0-3/7">Seven</a></td><td>$7</td></tr></table>
       <div role="dialog" aria-labelledby="t"><h2 id="t">Seven</h2><a href="/contacts/1/record/0-3/7">Open</a>
         <div><span>Amount</span><span>$7</span></div><div><span>Close date</span><span>Dec 1</span></div></div>`,
      LIST,
      hubspot,
    );
    expect(views.map((v) => v.kind)).toEqual(['list', 'record']);
    expect(deals[1]).toEqual([
      {
        key: 'hubspot:deal:7',
        url: 'https://app.hubspot.com/contacts/1/record/0-3/7',
        fields: { name: 'Seven', amount: '$7', closeDate: 'Dec 1' },
      },
    ]);
  });

  test('a dialog without a record identity is a form, not a deal', () => {
    const { views } = readPage(
      `<div role="dialog"><h2>Filter deals</h2><label for="s">Deal stage</label><select id="s"><option selected>Any</option></select>
       <label for="o">Deal owner</label><select id="o"><option selected>Me</option></select></div>`,
      LIST,
      hubspot,
    );
    expect(views).toEqual([]);
  });

  test('hidden and closed dialogs are not read', () => {
    const body = '<h2>X</h2><div><span>Amount</span><span>$7</span></div>';
    expect(
      readPage(`<div role="dialog" aria-hidden="true">${body}</div><dialog>${body}</dialog>`, LIST, hubspot)
        .views,
    ).toEqual([]);
  });

  test('dialogs inside a dialog are read with it, once: 300 nested ones make one record, not 300', () => {
    const pair = '<div><span>Amount</span><span>$7</span></div>';
    const inner = `<h2 id="t">Seven</h2><a href="/contacts/1/record/0-3/7">Open</a>${pair}`;
    let html = inner;
    for (let i = 0; i < 300; i++) html = `<div role="dialog">${pair}${html}</div>`;
    const { views, deals } = readPage(html, LIST, hubspot);
    expect(views.map((v) => v.kind)).toEqual(['record']);
    expect(deals[0]?.map((d) => d.key)).toEqual(['hubspot:deal:7']);
  });

  test('at most ten dialogs side by side are read', () => {
    const dialog = (i: number) =>
      `<div role="dialog"><h2>Deal ${i}</h2><a href="/contacts/1/record/0-3/${i}">Open</a><div><span>Amount</span><span>$${i}</span></div></div>`;
    const { views } = readPage(Array.from({ length: 40 }, (_, i) => dialog(i + 1)).join(''), LIST, hubspot);
    expect(views).toHaveLength(10);
  });

  test('the page is a record only on a record URL', () => {
    const html = '<h1>Forty-two</h1><dl><dt>Amount</dt><dd>$42</dd></dl>';
    expect(readPage(html, LIST, hubspot).views).toEqual([]);
    expect(readPage(html, RECORD, hubspot).deals).toEqual([
      [{ key: 'hubspot:deal:42', url: RECORD, fields: { name: 'Forty-two', amount: '$42' } }],
    ]);
  });

  test('the page is not a record when it shows a list (generic profile: every URL has a key)', () => {
    const { views } = readPage(
      '<h1>Deals</h1><label for="s">Stage</label><select id="s"><option>Any</option></select><table><tr><th>Deal</th><th>Amount</th></tr><tr><td>A</td><td>$1</td></tr></table>',
    );
    expect(views.map((v) => v.kind)).toEqual(['list']);
  });

  test('a name and nothing else is not a deal', () => {
    expect(readPage('<h1>Forty-two</h1><p>Nothing here</p>', RECORD, hubspot).views).toEqual([]);
  });

  test('plain tabs are not a stage path; a list naming known stages is', () => {
    const tabs =
      '<div role="tablist"><span role="tab" aria-selected="true">Overview</span><span role="tab">Activity</span></div>';
    const path =
      '<ul role="listbox"><li role="option">Prospecting</li><li role="option" aria-selected="true">Qualification</li><li role="option">Closed Won</li></ul>';
    const url = 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AbCdEAAV/view';
    const amount = '<div><span>Amount</span><span>$5</span></div>';
    expect(
      readPage(`<h1>Deal</h1>${tabs}${amount}`, url, salesforce).deals[0]?.[0]?.fields.stage,
    ).toBeUndefined();
    expect(readPage(`<h1>Deal</h1>${path}${amount}`, url, salesforce).deals[0]?.[0]?.fields.stage).toBe(
      'Qualification',
    );
  });

  test('"Current Stage" text wins over the selected step; the record type before the name is dropped', () => {
    const { deals } = readPage(
      `<h1><div>Opportunity</div><span>Big Deal</span></h1>
       <ul role="listbox"><li><a role="option" aria-selected="false"><span>Current Stage:</span><span>Proposal</span></a></li>
       <li><a role="option" aria-selected="true"><span>Closed</span></a></li></ul>`,
      'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AbCdEAAV/view',
      salesforce,
    );
    expect(deals[0]?.[0]?.fields).toEqual({ name: 'Big Deal', stage: 'Proposal' });
  });

  test('labels in prose, table headers and links are not fields', () => {
    const { deals } = readPage(
      `<h1>Forty-two</h1>
       <p><b>Stage</b> changed from A to B</p>
       <table><tr><th>Amount</th><th>Owner</th></tr></table>
       <a href="/x">Close date</a><span>tomorrow</span>
       <div><span>Owner</span><span>Kim</span></div>`,
      RECORD,
      hubspot,
    );
    expect(deals[0]?.[0]?.fields).toEqual({ name: 'Forty-two', owner: 'Kim' });
  });
});
