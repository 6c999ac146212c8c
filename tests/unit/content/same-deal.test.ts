import { describe, expect, test } from 'vitest';
import type { RawDeal } from '../../../src/messages/schemas';
import { sameDeal } from '../../../src/content/scanner';

const base: RawDeal = {
  key: '/deal/1',
  url: 'https://crm.example.com/deal/1',
  fields: { name: 'Acme', stage: 'Demo', amount: '$1,000' },
  flags: ['activity-overdue'],
};

describe('sameDeal: a row is sent again only when what it shows changed', () => {
  test.each<[string, RawDeal, boolean]>([
    ['an equal copy', { ...base, fields: { ...base.fields }, flags: [...(base.flags ?? [])] }, true],
    ['fields in another order', { ...base, fields: { amount: '$1,000', name: 'Acme', stage: 'Demo' } }, true],
    ['a changed field', { ...base, fields: { ...base.fields, stage: 'Proposal' } }, false],
    ['a field gone', { ...base, fields: { name: 'Acme', stage: 'Demo' } }, false],
    ['a field added', { ...base, fields: { ...base.fields, owner: 'Kim' } }, false],
    ['a field emptied', { ...base, fields: { ...base.fields, amount: '' } }, false],
    ['another url', { ...base, url: 'https://crm.example.com/deal/2' }, false],
    ['no url', { key: base.key, fields: base.fields, flags: base.flags }, false],
    ['no flags', { ...base, flags: undefined }, false],
    ['another flag', { ...base, flags: ['activity-none'] }, false],
    ['one more flag', { ...base, flags: ['activity-overdue', 'activity-none'] }, false],
  ])('%s', (_, other, same) => {
    expect(sameDeal(base, other)).toBe(same);
    expect(sameDeal(other, base)).toBe(same);
  });

  test('no flags and an empty flag list show the same', () => {
    expect(sameDeal({ ...base, flags: undefined }, { ...base, flags: [] })).toBe(true);
  });
});
