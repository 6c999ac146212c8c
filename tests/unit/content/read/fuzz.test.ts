// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { findDealViews, readAll } from '../../../../src/content/read/index';
import { MAX_RAW, RawDeal } from '../../../../src/messages/schemas';
import hubspot from '../../../../src/sites/hubspot';
import { sites } from '../../../../src/sites/registry';

/**
 * Random pages from a small grammar (tables, ARIA grids, rows, cells, spans, links, dialogs, lists,
 * tabs), filled with labels the readers know, hostile text (HTML-looking, bidi controls, 1 MB) and
 * hostile attributes. The readers must never throw, must bound their work, must keep every field
 * within MAX_RAW, and must never turn text into elements.
 */

interface Node {
  tag: string;
  attrs: [string, string][];
  kids: (Node | string)[];
}

const TEXTS = [
  'Deal Name',
  'Deal',
  'Name',
  'Title',
  'Stage',
  'Deal Stage',
  'Amount',
  'Value',
  'Close Date',
  'Owner',
  'Next Step',
  'Last Activity',
  'Opportunity Name',
  'Probability (%)',
  'Date entered "Won (Sales Pipeline)"',
  'Won',
  'Qualified (3)',
  '€12.000,00',
  '$1.2M',
  '--',
  '—',
  '',
  ' ',
  'Sort by:',
  'Current Stage:',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '\u202eevil\u202c',
  '\u2067x\u2069',
  'Amount: $5',
  'Overdue activity',
  'No activity scheduled',
  'HUGE',
  'HUGE_SPACES',
];
const HREFS = [
  '/deal/1',
  '/deal/2',
  '/contacts/1/record/0-3/9',
  '/lightning/r/Opportunity/0065g00000AbCdEAAV/view',
  'javascript:alert(1)',
  'https://other.example/deal/1',
  '#/deals/3',
  '',
  '//evil.example/x',
  'data:text/html,<script>',
  '/object/opportunity/0d1ad7b0-4a4c-4c7e-9d53-0c0a2e6b1f01',
  '/crm/org1/tab/Potentials/42',
  '/deals/5',
  '%%%',
];
const TAGS = [
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'div',
  'span',
  'a',
  'ul',
  'li',
  'h1',
  'h2',
  'dl',
  'dt',
  'dd',
  'label',
  'button',
  'section',
  'dialog',
  'img',
  'input',
  'select',
];
const ATTRS: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(
    fc.constant('role'),
    fc.constantFrom(
      'grid',
      'row',
      'gridcell',
      'columnheader',
      'rowheader',
      'table',
      'cell',
      'dialog',
      'list',
      'listitem',
      'listbox',
      'option',
      'tablist',
      'tab',
      'heading',
      'presentation',
      'img',
    ),
  ),
  fc.tuple(
    fc.constantFrom('aria-colindex', 'colspan', 'aria-colspan', 'aria-level'),
    fc.constantFrom('1', '2', '3', '0', '-1', '999999', 'x', '1e9'),
  ),
  fc.tuple(fc.constantFrom('aria-label', 'title', 'alt'), fc.constantFrom(...TEXTS)),
  fc.tuple(fc.constant('href'), fc.constantFrom(...HREFS)),
  fc.tuple(
    fc.constantFrom('aria-current', 'aria-selected', 'aria-hidden', 'open', 'draggable'),
    fc.constantFrom('true', 'step', 'false'),
  ),
  fc.tuple(fc.constantFrom('id', 'for', 'aria-labelledby'), fc.constantFrom('a', 'b', 'a b')),
);

const { node } = fc.letrec<{ node: Node; kid: Node | string }>((tie) => ({
  node: fc.record({
    tag: fc.constantFrom(...TAGS),
    attrs: fc.array(ATTRS, { maxLength: 3 }),
    kids: fc.array(tie('kid'), { maxLength: 5 }),
  }),
  kid: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constantFrom(...TEXTS), tie('node')),
}));

/** A table with a header row and rows of cells: the shape most likely to reach the readers' deep paths. */
const table = fc
  .record({
    grid: fc.boolean(),
    header: fc.array(fc.constantFrom(...TEXTS), { minLength: 1, maxLength: 8 }),
    rows: fc.array(fc.array(fc.oneof(fc.constantFrom(...TEXTS), node), { maxLength: 8 }), { maxLength: 12 }),
  })
  .map(({ grid, header, rows }): Node => {
    const cell = (tag: string, kid: Node | string): Node => ({
      tag,
      attrs: grid ? [['role', tag === 'th' ? 'columnheader' : 'gridcell']] : [],
      kids: [kid],
    });
    const row = (cells: Node[]): Node => ({
      tag: grid ? 'div' : 'tr',
      attrs: grid ? [['role', 'row']] : [],
      kids: cells,
    });
    const link = (kid: Node | string, i: number): Node | string =>
      i === 0 && typeof kid === 'string'
        ? { tag: 'a', attrs: [['href', HREFS[i % HREFS.length] ?? '']], kids: [kid] }
        : kid;
    return {
      tag: grid ? 'div' : 'table',
      attrs: grid ? [['role', 'grid']] : [],
      kids: [
        row(header.map((h) => cell('th', h))),
        ...rows.map((r) => row(r.map((k, i) => cell('td', link(k, i))))),
      ],
    };
  });

function text(t: string): string {
  if (t === 'HUGE') return 'x'.repeat(1_000_000);
  if (t === 'HUGE_SPACES') return `${' '.repeat(500_000)}Deal${'\u202e'.repeat(1000)}`;
  return t;
}

/** Build with createElement and text nodes only: the test itself never parses random strings. */
function build(n: Node, parent: Element, depth = 0): void {
  const el = document.createElement(n.tag);
  for (const [name, value] of n.attrs) el.setAttribute(name, value);
  for (const kid of n.kids) {
    if (typeof kid === 'string') el.append(document.createTextNode(text(kid)));
    else if (depth < 40) build(kid, el, depth + 1);
  }
  parent.append(el);
}

const pageUrls = [
  'https://app.hubspot.com/contacts/1/record/0-3/9',
  'https://acme.pipedrive.com/pipeline',
  'http://localhost:5173/app/#/deals/3',
  'not a url',
];

describe('fuzz', () => {
  test('random pages: no throw, bounded, fields within MAX_RAW, no elements made from text', () => {
    let read = 0;
    fc.assert(
      fc.property(
        fc.array(fc.oneof(table, node), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...sites),
        fc.constantFrom(...pageUrls),
        (parts, profile, pageUrl) => {
          document.body.replaceChildren();
          for (const part of parts) build(part, document.body);
          const made = document.querySelectorAll('img,script,iframe,object').length;
          const started = performance.now();
          const views = findDealViews(document, { profile, pageUrl });
          for (const view of views) {
            for (const deal of readAll(view)) {
              read++;
              expect(RawDeal.safeParse(deal).success).toBe(true);
              for (const value of Object.values(deal.fields))
                expect(value.length).toBeLessThanOrEqual(MAX_RAW);
              expect(deal.key.length).toBeLessThanOrEqual(MAX_RAW);
            }
            view.anchor(view.items()[0] ?? document.body);
          }
          expect(performance.now() - started).toBeLessThan(3000);
          expect(document.querySelectorAll('img,script,iframe,object').length).toBe(made);
        },
      ),
      { numRuns: 100 },
    );
    // The grammar must reach the readers, or this test proves nothing.
    expect(read).toBeGreaterThan(20);
  }, 120_000);

  test('a 1 MB cell and a name of HTML: read as cut text', () => {
    document.body.replaceChildren();
    build(
      {
        tag: 'table',
        attrs: [],
        kids: [
          {
            tag: 'tr',
            attrs: [],
            kids: [
              { tag: 'th', attrs: [], kids: ['Deal Name'] },
              { tag: 'th', attrs: [], kids: ['Next Step'] },
            ],
          },
          {
            tag: 'tr',
            attrs: [],
            kids: [
              { tag: 'td', attrs: [], kids: ['<img src=x onerror=alert(1)>'] },
              { tag: 'td', attrs: [], kids: ['HUGE'] },
            ],
          },
        ],
      },
      document.body,
    );
    const [view] = findDealViews(document, {
      profile: hubspot,
      pageUrl: 'https://app.hubspot.com/contacts/1/objects/0-3',
    });
    const deals = view ? readAll(view) : [];
    expect(deals[0]?.fields.name).toBe('<img src=x onerror=alert(1)>');
    expect(deals[0]?.fields.nextStep).toHaveLength(MAX_RAW);
    expect(document.querySelector('img')).toBeNull();
  });
});
