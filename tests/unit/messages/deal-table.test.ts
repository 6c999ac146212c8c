import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromDealTable, type TableDeal, toDealTable } from '../../../src/messages/deal-table';
import { MAX_BATCH, ObservationMessage, RawDeal } from '../../../src/messages/schemas';
import { ActivityFlag, FIELD_NAMES } from '../../../src/sites/fields';

const where = {
  siteId: 'generic',
  pageUrl: 'http://crm.test/deals',
  locale: 'en-US',
  view: 'list' as const,
  scan: { id: 's1', batch: 0, done: true, seen: 2 },
};

/** Deals as the readers make them: a key, maybe a URL, some fields (empty text included), maybe icons. */
const deal: fc.Arbitrary<TableDeal> = fc.record(
  {
    key: fc.string({ minLength: 1, maxLength: 20 }),
    url: fc.webUrl(),
    fields: fc.dictionary(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 30 }), { maxKeys: 8 }),
    flags: fc.uniqueArray(fc.constantFrom(...ActivityFlag.options), { maxLength: 4 }),
  },
  { requiredKeys: ['key', 'fields'] },
);

describe('deal table', () => {
  test('names each field once and sends a row per deal: keys, URLs and values survive the trip', () => {
    fc.assert(
      fc.property(fc.array(deal, { maxLength: 40 }), (deals) => {
        const table = toDealTable(deals);
        expect(new Set(table.fields).size).toBe(table.fields.length);
        const parsed = ObservationMessage.parse(JSON.parse(JSON.stringify({ ...where, table })));
        expect(parsed.deals).toEqual(deals.map((d) => RawDeal.parse(d)));
      }),
    );
  });

  test('an empty cell stays an empty value, a missing one stays missing', () => {
    const deals = [
      { key: 'a', fields: { name: 'A', stage: '' } },
      { key: 'b', fields: { name: 'B', amount: '$1' } },
    ];
    const table = toDealTable(deals);
    expect(table).toEqual({
      fields: ['name', 'stage', 'amount'],
      rows: [
        ['a', null, 'A', '', null],
        ['b', null, 'B', null, '$1'],
      ],
    });
    expect(fromDealTable(table)).toEqual(deals);
  });

  test('no icons and nothing said of icons stay apart (a board card that lost its icons clears them)', () => {
    const deals: TableDeal[] = [
      { key: 'card', fields: { name: 'A' }, flags: [] },
      { key: 'row', fields: { name: 'B' } },
      { key: 'late', fields: { name: 'C' }, flags: ['activity-overdue'] },
    ];
    const table = toDealTable(deals);
    expect(table.flags).toEqual([[], null, ['activity-overdue']]);
    expect(ObservationMessage.parse({ ...where, table }).deals).toEqual(deals);
  });

  test('is about half the bytes of one object per deal', () => {
    const deals = Array.from({ length: 500 }, (_, i) => ({
      key: String(i),
      url: `https://acme.example/deal/${i}`,
      fields: { name: `Deal ${i}`, stage: 'Proposal', amount: '$12,000.00', closeDate: 'Nov 3, 2026', owner: 'Ann' },
    }));
    const objects = JSON.stringify(deals).length;
    const table = JSON.stringify(toDealTable(deals)).length;
    expect(table).toBeLessThan(0.6 * objects);
  });

  test.each([
    ['a row without a key', { fields: ['name'], rows: [['', null, 'A']] }],
    ['a key that is not text', { fields: ['name'], rows: [[null, null, 'A']] }],
    ['a row longer than the fields', { fields: ['name'], rows: [['k', null, 'A', 'extra']] }],
    ['a row shorter than the fields', { fields: ['name', 'stage'], rows: [['k', null, 'A']] }],
    ['a field named twice', { fields: ['name', 'name'], rows: [['k', null, 'A', 'B']] }],
    ['an unknown field', { fields: ['name', 'password'], rows: [['k', null, 'A', 'B']] }],
    ['a value that is not text', { fields: ['name'], rows: [['k', null, 42]] }],
    ['icons for fewer rows', { fields: ['name'], rows: [['k', null, 'A']], flags: [] }],
    ['an unknown icon', { fields: ['name'], rows: [['k', null, 'A']], flags: [['activity-evil']] }],
    ['too many rows', { fields: [], rows: Array.from({ length: MAX_BATCH + 1 }, (_, i) => [`k${i}`, null]) }],
    ['too long a value', { fields: ['name'], rows: [['k', null, 'x'.repeat(2001)]] }],
  ])('refuses %s', (_label, table) => {
    expect(ObservationMessage.safeParse({ ...where, table }).success).toBe(false);
  });
});
