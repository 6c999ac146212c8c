import { describe, expect, test } from 'vitest';
import { isValidPattern, matchPattern } from '../../../src/sites/match-pattern';

const url = (s: string) => new URL(s);

describe('matchPattern', () => {
  test.each([
    ['https://app.hubspot.com/*', 'https://app.hubspot.com/contacts/1/objects/0-3/views/all/list', true],
    ['https://app.hubspot.com/*', 'http://app.hubspot.com/contacts', false],
    ['https://app.hubspot.com/*', 'https://app.hubspot.com.evil.example/contacts', false],
    ['https://app.hubspot.com/*', 'https://evil.example/?https://app.hubspot.com/', false],
    ['https://*.pipedrive.com/*', 'https://acme.pipedrive.com/pipeline', true],
    ['https://*.pipedrive.com/*', 'https://pipedrive.com/pipeline', true],
    ['https://*.pipedrive.com/*', 'https://a.b.pipedrive.com/deal/1', true],
    ['https://*.pipedrive.com/*', 'https://evilpipedrive.com/deal/1', false],
    ['https://*.pipedrive.com/*', 'https://pipedrive.com.evil.example/deal/1', false],
    ['*://crm.zoho.eu/*', 'http://crm.zoho.eu/crm/', true],
    ['*://crm.zoho.eu/*', 'ftp://crm.zoho.eu/crm/', false],
    ['https://crm.zoho.eu/crm/*', 'https://crm.zoho.eu/crm/org1/tab/Potentials', true],
    ['https://crm.zoho.eu/crm/*', 'https://crm.zoho.eu/other', false],
    ['https://x.example/a*b', 'https://x.example/a?q=b', true],
    ['https://x.example/a.b', 'https://x.example/aXb', false],
    ['http://localhost/*', 'http://localhost:5173/app', true],
    ['http://localhost:5173/*', 'http://localhost:5173/app', true],
    ['http://localhost:5173/*', 'http://localhost:8080/app', false],
    ['https://*/*', 'https://anything.example/x', true],
    ['<all_urls>', 'https://app.hubspot.com/', false],
    ['not a pattern', 'https://app.hubspot.com/', false],
  ])('%s ~ %s → %s', (pattern, href, expected) => {
    expect(matchPattern(pattern, url(href))).toBe(expected);
  });

  test('host comparison ignores case', () => {
    expect(matchPattern('https://App.HubSpot.com/*', url('https://APP.hubspot.COM/x'))).toBe(true);
  });
});

describe('isValidPattern', () => {
  test.each([
    ['https://app.hubspot.com/*', true],
    ['https://*.lightning.force.com/*', true],
    ['*://*/*', true],
    ['http://127.0.0.1:8080/*', true],
    ['<all_urls>', false],
    ['https://app.hubspot.com', false],
    ['https://*hubspot.com/*', false],
    ['https://app.*.com/*', false],
    ['file:///*', false],
    ['chrome://extensions/*', false],
    ['', false],
  ])('%s → %s', (pattern, valid) => {
    expect(isValidPattern(pattern)).toBe(valid);
  });
});
