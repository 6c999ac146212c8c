import { describe, expect, test } from 'vitest';
import { hostPermissions, profileForUrl, siteById, sites } from '../../../src/sites/registry';

describe('profileForUrl', () => {
  test.each([
    ['https://app.hubspot.com/contacts/1234567/objects/0-3/views/all/list', 'hubspot'],
    ['https://app-eu1.hubspot.com/contacts/1234567/record/0-3/42', 'hubspot'],
    ['https://acme.lightning.force.com/lightning/o/Opportunity/list', 'salesforce'],
    [
      'https://acme--uat.sandbox.lightning.force.com/lightning/r/Opportunity/0065g00000AbCdEAAV/view',
      'salesforce',
    ],
    ['https://acme.pipedrive.com/pipeline/1/user/everyone', 'pipedrive'],
    ['https://crm.zoho.com/crm/org1/tab/Potentials', 'zoho'],
    ['https://crm.zoho.eu/crm/org1/tab/Potentials', 'zoho'],
    ['https://acme.myfreshworks.com/crm/sales/deals/1', 'freshsales'],
    ['https://acme.freshsales.io/deals/1', 'freshsales'],
    ['https://app.twenty.com/objects/opportunities', 'twenty'],
  ])('%s → %s', (href, id) => {
    expect(profileForUrl(new URL(href))?.id).toBe(id);
  });

  test.each([
    'https://example.com/deals',
    'http://localhost:5173/app',
    'https://hubspot.com/pricing',
    'https://app.hubspot.com.evil.example/contacts/1/record/0-3/1',
    'https://force.com/lightning/o/Opportunity/list',
  ])('no specific profile for %s (the generic one is chosen by the caller)', (href) => {
    expect(profileForUrl(new URL(href))).toBeNull();
  });
});

describe('registry', () => {
  test('siteById finds every profile and nothing else', () => {
    for (const site of sites) expect(siteById(site.id)).toBe(site);
    expect(siteById('nope')).toBeNull();
  });

  test('the generic profile is registered last and matches no host', () => {
    const generic = sites.at(-1);
    expect(generic?.id).toBe('generic');
    expect(generic?.matches).toEqual([]);
  });

  test('hostPermissions is the union of all match patterns, without duplicates', () => {
    const all = hostPermissions();
    expect(new Set(all).size).toBe(all.length);
    for (const site of sites) for (const pattern of site.matches) expect(all).toContain(pattern);
    expect(all).toContain('https://app.hubspot.com/*');
    expect(all).toContain('https://*.lightning.force.com/*');
    expect(all).not.toContain('<all_urls>');
  });
});
