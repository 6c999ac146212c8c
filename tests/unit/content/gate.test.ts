// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { gateFor, mayShowDeals } from '../../../src/content/gate';
import { findDealViews } from '../../../src/content/read';
import { siteById } from '../../../src/sites/registry';

/** happy-dom resolves links against its window's address, so the pages are on that origin. */
const SITE = location.origin;

/** A detached document with this body, as a page at `url` would have it. */
function page(body: string): Document {
  // Parsed, not attached: happy-dom would try (and fail) to load an attached iframe.
  return new DOMParser().parseFromString(`<!doctype html><body>${body}`, 'text/html');
}

const BLOG = '<article><h1>Ten ways to water a garden</h1><p>Water early. <a href="https://elsewhere.example/tips">Tips</a></p></article>';

describe('the loader gate: might a page show deals?', () => {
  test('a supported CRM is judged by its URL alone: deal pages yes, its other pages no', () => {
    const doc = page('<table><tr><th>Deal Name</th></tr></table>');
    expect(gateFor(new URL('https://app.hubspot.com/contacts/123/objects/0-3/views/all/list'))).toBe('crm');
    expect(mayShowDeals(doc, new URL('https://app.hubspot.com/contacts/123/objects/0-3/views/all/list'))).toBe(true);
    expect(mayShowDeals(doc, new URL('https://app.hubspot.com/contacts/123/objects/0-1/views/all/list'))).toBe(false);
    expect(mayShowDeals(page(''), new URL('https://acme.pipedrive.com/pipeline/1'))).toBe(true);
    expect(mayShowDeals(page(''), new URL('https://acme.pipedrive.com/settings'))).toBe(false);
    expect(mayShowDeals(page(''), new URL('https://acme.lightning.force.com/lightning/o/Opportunity/list'))).toBe(true);
    expect(mayShowDeals(page(''), new URL('https://acme.lightning.force.com/lightning/page/home'))).toBe(false);
  });

  test('any other site is judged by its markup: a page of text and outside links is not worth loading the readers', () => {
    expect(gateFor(new URL(`${SITE}/blog`))).toBe('markup');
    expect(mayShowDeals(page(BLOG), new URL(`${SITE}/blog`))).toBe(false);
    expect(mayShowDeals(page(''), new URL(`${SITE}/`))).toBe(false);
    // One link of its own is no board (a board needs two cards).
    expect(mayShowDeals(page(`${BLOG}<a href="/home">Home</a>`), new URL(`${SITE}/blog`))).toBe(false);
  });

  test('links of its own are looked for among the first 2,000 links only: a page of outside links costs a bounded look', () => {
    const outside = (n: number) => Array.from({ length: n }, (_, i) => `<a href="https://elsewhere.example/${i}">x</a>`).join('');
    const own = '<a href="/deal/1">A</a><a href="/deal/2">B</a>';
    expect(mayShowDeals(page(`${outside(1990)}${own}`), new URL(`${SITE}/blog`))).toBe(true);
    expect(mayShowDeals(page(`${outside(2000)}${own}`), new URL(`${SITE}/blog`))).toBe(false);
  });

  test.each([
    ['a table', '<table><tr><td>x</td></tr></table>'],
    ['an ARIA grid', '<div role="grid"></div>'],
    ['rows without a grid', '<div role="row"></div>'],
    ['a dialog', '<div role="dialog"></div>'],
    // happy-dom logs that it does not load frames; the gate only needs the element.
    ['a frame', '<iframe></iframe>'],
    ['label/value pairs', '<dl><dt>Stage</dt><dd>Demo</dd></dl>'],
    ['a labelled field', '<span id="l">Stage</span><span aria-labelledby="l">Demo</span>'],
    ['a stage path', '<ol><li aria-current="step">Demo</li></ol>'],
    ['two links of its own (a board)', '<div><a href="/deal/1">A</a></div><div><a href="/deal/2">B</a></div>'],
    ['a custom element (its shadow root may hold a list)', '<crm-app></crm-app>'],
  ])('any other site: %s is worth a look', (_name, body) => {
    expect(mayShowDeals(page(`${BLOG}${body}`), new URL(`${SITE}/blog`))).toBe(true);
  });

  test('any other site: a URL that names a record is worth a look, whatever the page shows yet', () => {
    expect(mayShowDeals(page(''), new URL(`${SITE}/deals/12345`))).toBe(true);
    expect(mayShowDeals(page(''), new URL(`${SITE}/view?id=abc123def456ghi`))).toBe(true);
  });

  /*
   * The gate must never turn away a page the readers would read: every fixture page the generic
   * profile reads (all of them, whatever CRM it was modeled on) passes it.
   */
  test('every page the readers find deals on passes the gate', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const root = resolve(import.meta.dirname, '../../fixtures');
    const generic = siteById('generic');
    if (!generic) throw new Error('no generic profile');
    let read = 0;
    for (const dir of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const file of readdirSync(resolve(root, dir.name)).filter((f) => f.endsWith('.html'))) {
        const doc = new DOMParser().parseFromString(readFileSync(resolve(root, dir.name, file), 'utf8'), 'text/html');
        // A path without an id: only the markup can let the page through.
        const url = new URL(`${SITE}/${dir.name}/${file.replace(/\.html$/, '')}`);
        const views = findDealViews(doc, { profile: generic, pageUrl: url.href });
        if (views.length === 0) continue;
        read++;
        expect(mayShowDeals(doc, url), `${dir.name}/${file}`).toBe(true);
      }
    }
    expect(read).toBeGreaterThan(10);
  });
});
