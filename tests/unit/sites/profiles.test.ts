import { describe, expect, test } from 'vitest';
import freshsales from '../../../src/sites/freshsales';
import generic from '../../../src/sites/generic';
import hubspot from '../../../src/sites/hubspot';
import pipedrive from '../../../src/sites/pipedrive';
import salesforce from '../../../src/sites/salesforce';
import twenty from '../../../src/sites/twenty';
import type { SiteProfile } from '../../../src/sites/types';
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
  [generic, 'http://localhost:5173/app/deals/7?tab=notes#top', true, '/app/deals/7?tab=notes'],
  [generic, 'http://localhost:5173/app/#/deals/7', true, '/app/#/deals/7'],
  [generic, 'http://localhost:5173/app/#!/deals/7', true, '/app/#!/deals/7'],
];

describe('isDealPage and recordKey', () => {
  test.each(
    cases.map(([profile, href, dealPage, key]) => ({ id: profile.id, profile, href, dealPage, key })),
  )('$id $href', ({ profile, href, dealPage, key }) => {
    expect(profile.isDealPage(u(href))).toBe(dealPage);
    expect(profile.recordKey(u(href))).toBe(key);
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
