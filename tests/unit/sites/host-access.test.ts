import { describe, expect, test } from 'vitest';
import {
  hostAccess,
  mayReadPage,
  type PermissionsLike,
  tabsWithoutAccess,
} from '../../../src/sites/host-access';

/**
 * permissions.contains as the two browsers answer it for host patterns. Chrome: a pattern
 * without a port means any port, so a grant for one port does not hold for the site as a whole,
 * and a grant for the site holds for each of its ports. Firefox: patterns have no port; asking
 * with one is an error.
 */
function browserLike(kind: 'chrome' | 'firefox', granted: string[]): PermissionsLike & { asked: string[] } {
  const split = (pattern: string) => {
    const m = /^(https?):\/\/([^/:]+)(?::(\d+))?\/\*$/.exec(pattern);
    if (!m) throw new Error(`Invalid url pattern '${pattern}'`);
    return { scheme: m[1], host: m[2], port: m[3] };
  };
  const asked: string[] = [];
  return {
    asked,
    async contains({ origins }) {
      asked.push(...origins);
      return origins.every((origin) => {
        const want = split(origin);
        if (kind === 'firefox' && want.port !== undefined) throw new Error(`Invalid url pattern '${origin}'`);
        return granted.some((g) => {
          const have = split(g);
          return (
            have.scheme === want.scheme &&
            have.host === want.host &&
            (have.port === undefined || have.port === want.port)
          );
        });
      });
    },
  };
}

describe('mayReadPage', () => {
  test.each([
    ['chrome', ['https://crm.example.com/*'], 'https://crm.example.com/deals', true],
    ['chrome', ['https://crm.example.com/*'], 'https://crm.example.com:8443/deals', true],
    // A self-hosted CRM the user added on its own port: granted for that port only.
    ['chrome', ['http://crm.example.com:3000/*'], 'http://crm.example.com:3000/objects/opportunities', true],
    ['chrome', ['http://crm.example.com:3000/*'], 'http://crm.example.com:4000/objects/opportunities', false],
    ['chrome', ['http://crm.example.com:3000/*'], 'http://crm.example.com/objects/opportunities', false],
    ['chrome', ['https://crm.example.com/*'], 'http://crm.example.com/deals', false],
    ['chrome', [], 'https://crm.example.com/deals', false],
    ['firefox', ['http://127.0.0.1/*'], 'http://127.0.0.1:5173/deals', true],
    ['firefox', [], 'http://127.0.0.1:5173/deals', false],
  ] as const)('%s granted %j: %s → %s', async (kind, granted, url, expected) => {
    expect(await mayReadPage(url, browserLike(kind, [...granted]))).toBe(expected);
  });

  test.each([
    undefined,
    '',
    'not a url',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'chrome-extension://abc/popup.html',
  ])('not a web page (%j): no', async (url) => {
    const permissions = browserLike('chrome', ['https://crm.example.com/*']);
    expect(await mayReadPage(url, permissions)).toBe(false);
    expect(permissions.asked).toEqual([]);
  });

  test('a browser that throws is a no, never a throw', async () => {
    const broken: PermissionsLike = {
      contains: () => Promise.reject(new Error('gone')),
    };
    expect(await mayReadPage('https://crm.example.com/deals', broken)).toBe(false);
  });
});

test('tabsWithoutAccess: a custom CRM on its own port stays while granted, goes once withdrawn', async () => {
  const tabs = [
    { tabId: 1, pageUrl: 'http://crm.example.com:3000/objects/opportunities' },
    { tabId: 2, pageUrl: 'https://app.hubspot.com/contacts/1/deals' },
    { tabId: 3, pageUrl: 'not a url' },
  ];
  const both = ['http://crm.example.com:3000/*', 'https://app.hubspot.com/*'];
  expect(await tabsWithoutAccess(tabs, browserLike('chrome', both))).toEqual([]);
  expect(await tabsWithoutAccess(tabs, browserLike('chrome', ['https://app.hubspot.com/*']))).toEqual([1]);
});

test('hostAccess: the page of a custom CRM granted for its port is granted; not granted, it asks for the site', async () => {
  const crmPatterns = ['https://app.hubspot.com/*', 'http://crm.example.com:3000/*'];
  const pageUrl = 'http://crm.example.com:3000/objects/opportunities';
  expect(
    await hostAccess({ pageUrl, crmPatterns }, browserLike('chrome', ['http://crm.example.com:3000/*'])),
  ).toEqual({ state: 'granted' });
  expect(await hostAccess({ pageUrl, crmPatterns }, browserLike('chrome', []))).toEqual({
    state: 'needs-grant',
    request: ['http://crm.example.com/*'],
  });
});
