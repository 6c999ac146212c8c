import { describe, expect, test } from 'vitest';
import { pageLabel, pageStatus, unreadableNote } from '../../../src/popup/page-status';
import type { TabRecord } from '../../../src/store/records';

function tab(overrides: Partial<TabRecord> = {}): TabRecord {
  return {
    tabId: 1,
    site: 'crm.test',
    pageUrl: 'https://crm.test/deals?view=mine',
    view: 'list',
    dealIds: Array.from({ length: 12 }, (_, i) => `crm.test|d${i}`),
    scanId: 's',
    done: true,
    seen: 12,
    unreadable: 0,
    updatedAt: 0,
    ...overrides,
  };
}

describe('what the popup says about a page', () => {
  test('what was watched', () => {
    expect(pageStatus(tab(), 0)).toBe('12 deals on this page, none needs attention.');
    expect(pageStatus(tab({ dealIds: ['x'] }), 0)).toBe(
      '1 deal on this page, and it does not need attention.',
    );
    expect(pageStatus(tab(), 3)).toBe('3 of 12 deals on this page need attention.');
  });

  test('nothing read on this page', () => {
    expect(pageStatus(undefined, 0)).toMatch(/^No deals read on this page\./);
  });

  test('a page still being read shows progress, never a partial count as the answer', () => {
    expect(pageStatus(tab({ done: false, seen: 1200 }), 3)).toBe(
      'Still reading this page: 1,200 rows so far…',
    );
  });

  test('rows that could not be read', () => {
    expect(unreadableNote(tab())).toBeNull();
    expect(unreadableNote(undefined)).toBeNull();
    expect(unreadableNote(tab({ unreadable: 1 }))).toBe('1 row on this page could not be read as a deal.');
    expect(unreadableNote(tab({ unreadable: 4 }))).toBe('4 rows on this page could not be read as deals.');
  });

  test('the page a dashboard shows, as text', () => {
    expect(pageLabel('https://crm.test/deals?view=mine')).toBe('crm.test/deals?view=mine');
    expect(pageLabel('not a url')).toBe('not a url');
  });
});
