import { describe, expect, test } from 'vitest';
import freshsales from '../../../src/sites/freshsales';
import generic from '../../../src/sites/generic';
import hubspot from '../../../src/sites/hubspot';
import pipedrive from '../../../src/sites/pipedrive';
import salesforce from '../../../src/sites/salesforce';
import twenty from '../../../src/sites/twenty';
import type { SiteProfile } from '../../../src/sites/types';
import { hasRecordId } from '../../../src/sites/url-key';
import zoho from '../../../src/sites/zoho';

type Case = [profile: SiteProfile, href: string, dealPage: boolean, key: string | null];

const u = (s: string) => new URL(s);

const cases: Case[] = [
  [hubspot, 'https://app.hubspot.com/contacts/1234567/objects/0-3/views/all/list', true, null],
  [hubspot, 'https://app.hubspot.com/contacts/1234567/objects/0-3/views/all/board', true, null],
  [
    hubspot,
    'https://app.hubspot.com/contacts/1234567/record/0-3/8814553210',
    true,
    'hubspot:deal:8814553210',
  ],
  [
    hubspot,
    'https://app.hubspot.com/contacts/1234567/record/0-3/8814553210/view/1',
    true,
    'hubspot:deal:8814553210',
  ],
  [hubspot, 'https://app.hubspot.com/contacts/1234567/deal/555', true, 'hubspot:deal:555'],
  [hubspot, 'https://app.hubspot.com/contacts/1234567/record/0-1/501', false, null],
  [hubspot, 'https://app.hubspot.com/reports-dashboard/1234567', false, null],
  [salesforce, 'https://acme.lightning.force.com/lightning/o/Opportunity/list?filterName=Recent', true, null],
  [salesforce, 'https://acme.lightning.force.com/lightning/o/Opportunity/pipelineInspection', true, null],
  [
    salesforce,
    'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AbCdEAAV/view',
    true,
    'salesforce:opportunity:0065g00000AbCdE',
  ],
  [
    salesforce,
    'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AbCdE/view',
    true,
    'salesforce:opportunity:0065g00000AbCdE',
  ],
  [
    salesforce,
    'https://acme.lightning.force.com/lightning/r/0065g00000AbCdEAAV/view',
    true,
    'salesforce:opportunity:0065g00000AbCdE',
  ],
  [salesforce, 'https://acme.lightning.force.com/lightning/r/001000000000001AAA/view', false, null],
  [salesforce, 'https://acme.lightning.force.com/lightning/o/Account/list', false, null],
  [pipedrive, 'https://acme.pipedrive.com/pipeline/1/user/everyone', true, null],
  [pipedrive, 'https://acme.pipedrive.com/deals/list/user/everyone', true, null],
  [pipedrive, 'https://acme.pipedrive.com/deal/1042', true, 'pipedrive:deal:1042'],
  [pipedrive, 'https://acme.pipedrive.com/person/77', false, null],
  [zoho, 'https://crm.zoho.eu/crm/org20087654/tab/Potentials/custom-view/5523000000087501/list', true, null],
  [
    zoho,
    'https://crm.zoho.eu/crm/org20087654/tab/Potentials/5523000000123001',
    true,
    'zoho:deal:5523000000123001',
  ],
  [zoho, 'https://crm.zoho.com/crm/tab/Potentials/42', true, 'zoho:deal:42'],
  [zoho, 'https://crm.zoho.eu/crm/org20087654/tab/Contacts/1', false, null],
  [freshsales, 'https://acme.myfreshworks.com/crm/sales/deals/view/16000123456', true, null],
  [
    freshsales,
    'https://acme.myfreshworks.com/crm/sales/deals/16001234567',
    true,
    'freshsales:deal:16001234567',
  ],
  [freshsales, 'https://acme.freshsales.io/deals/42', true, 'freshsales:deal:42'],
  [freshsales, 'https://acme.myfreshworks.com/crm/sales/contacts/1', false, null],
  [twenty, 'https://app.twenty.com/objects/opportunities', true, null],
  [
    twenty,
    'https://acme.twenty.com/object/opportunity/0D1AD7B0-4A4C-4C7E-9D53-0C0A2E6B1F01',
    true,
    'twenty:opportunity:0d1ad7b0-4a4c-4c7e-9d53-0c0a2e6b1f01',
  ],
  [twenty, 'https://app.twenty.com/object/company/6f2a3c1e-1111-4b7e-8a4d-77cb0a1e2f02', false, null],
  // Generic: an id in the path makes the path the key; query parameters only change the view.
  [generic, 'http://localhost:5173/app/deals/7?tab=notes#top', true, '/app/deals/7'],
  [generic, 'http://127.0.0.1:4321/deals/1005?snapshot=2', true, '/deals/1005'],
  [generic, 'http://127.0.0.1:4321/deals/1005', true, '/deals/1005'],
  [generic, 'http://localhost:5173/app/#/deals/7', true, '/app/#/deals/7'],
  [generic, 'http://localhost:5173/app/#/deals/7?tab=notes', true, '/app/#/deals/7'],
  [generic, 'http://localhost:5173/app/#!/deals/7', true, '/app/#!/deals/7'],
  [
    generic,
    'https://crm.example/o/6f2a3c1e-1111-4b7e-8a4d-77cb0a1e2f02?view=kanban',
    true,
    '/o/6f2a3c1e-1111-4b7e-8a4d-77cb0a1e2f02',
  ],
  [
    generic,
    'https://crm.example/deals/64b7f0c2a91e4d0012ab34cd?from=list',
    true,
    '/deals/64b7f0c2a91e4d0012ab34cd',
  ],
  [generic, 'https://crm.example/r/0065g00000AbCdEAAV/view?ws=1', true, '/r/0065g00000AbCdEAAV/view'],
  [
    generic,
    'https://crm.example/d/deal_01HZX4Q8RS5T6V7W8X9Y0Z1A2B?x=1',
    true,
    '/d/deal_01HZX4Q8RS5T6V7W8X9Y0Z1A2B',
  ],
  // No id in the path: the query may name the record; only its id parameters are kept.
  [generic, 'https://crm.example/deal.php?id=123&view=compact', true, '/deal.php?id=123'],
  [generic, 'https://crm.example/deal?view=full&dealId=9&tab=notes', true, '/deal?dealId=9'],
  [generic, 'https://crm.example/deal?deal_id=9&sort=asc', true, '/deal?deal_id=9'],
  [generic, 'https://crm.example/deal?r=0065g00000AbCdE&tab=x', true, '/deal?r=0065g00000AbCdE'],
  [generic, 'https://crm.example/app/#/deal?id=4&tab=x', true, '/app/#/deal?id=4'],
  // …and all of it when none looks like an id; words, slugs and short codes are not ids.
  [generic, 'http://127.0.0.1:4321/deals?snapshot=2', true, '/deals?snapshot=2'],
  [generic, 'https://crm.example/api/v2/deals?page=2', true, '/api/v2/deals?page=2'],
  [generic, 'https://crm.example/spa/deal/Alpha%20Corp', true, '/spa/deal/Alpha%20Corp'],
  [generic, 'https://crm.example/reports/q3-pipeline', true, '/reports/q3-pipeline'],
];

describe('isDealPage and recordKey', () => {
  test.each(
    cases.map(([profile, href, dealPage, key]) => ({ id: profile.id, profile, href, dealPage, key })),
  )('$id $href', ({ profile, href, dealPage, key }) => {
    expect(profile.isDealPage(u(href))).toBe(dealPage);
    expect(profile.recordKey(u(href))).toBe(key);
  });
});

describe('hasRecordId', () => {
  test.each([
    ['http://127.0.0.1:4321/deals/1005?snapshot=2', true],
    ['http://localhost:5173/app/#/deals/7', true],
    ['https://crm.example/deal.php?id=123', true],
    ['https://crm.example/deal?r=0065g00000AbCdE', true],
    ['https://crm.example/o/6f2a3c1e-1111-4b7e-8a4d-77cb0a1e2f02', true],
    ['http://127.0.0.1:4321/blog?run=1', false],
    ['http://127.0.0.1:4321/deals?snapshot=2', false],
    ['https://crm.example/spa/deal/Alpha%20Corp', false],
    ['https://crm.example/api/v2/deals?page=2#top', false],
  ])('%s → %s', (href, named) => {
    expect(hasRecordId(u(href))).toBe(named);
  });
});

describe('profile data', () => {
  test('stage orders are lower-case, as the radar compares them', () => {
    for (const p of [hubspot, salesforce, pipedrive, zoho, freshsales, twenty, generic]) {
      for (const stage of p.stageOrder) expect(stage).toBe(stage.toLowerCase());
    }
  });

  test('closed words never say both won and lost', () => {
    for (const p of [hubspot, salesforce, pipedrive, zoho, freshsales, twenty, generic]) {
      for (const word of p.closedWords.won) expect(p.closedWords.lost).not.toContain(word);
    }
  });

  test('Twenty counts its last default stage as won', () => {
    expect(twenty.closedWords.won).toContain('customer');
    expect(twenty.stageOrder.at(-1)).toBe('customer');
  });
});
