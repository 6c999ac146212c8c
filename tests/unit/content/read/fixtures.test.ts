// @vitest-environment happy-dom
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { findDealViews, readAll } from '../../../../src/content/read/index';
import { RawDeal } from '../../../../src/messages/schemas';
import { siteById } from '../../../../src/sites/registry';
import { FIXTURES, loadFixture } from './fixture';

// Every tests/fixtures/<site>/<page>.html is read with the <site> profile and must give exactly
// <page>.expected.json. Salesforce pages hold declarative shadow roots, attached by loadFixture.
const cases = readdirSync(FIXTURES).flatMap((site) =>
  readdirSync(path.join(FIXTURES, site))
    .filter((file) => file.endsWith('.html'))
    .map((file) => [site, file.replace(/\.html$/, '')] as const),
);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('fixtures', () => {
  test.each(cases)('%s/%s', (site, page) => {
    // Reading must not force layout in the page it runs in.
    const layout = [
      vi.spyOn(Element.prototype, 'getBoundingClientRect'),
      vi.spyOn(HTMLElement.prototype, 'innerText', 'get'),
      vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get'),
      vi.spyOn(window, 'getComputedStyle'),
    ];
    const profile = siteById(site);
    if (!profile) throw new Error(`no profile ${site}`);
    const { doc, expected } = loadFixture(site, page);
    const views = findDealViews(doc, { profile, pageUrl: expected.pageUrl });
    const got = views.map((view) => ({
      kind: view.kind,
      ...(view.stageOrder ? { stageOrder: view.stageOrder } : {}),
      deals: readAll(view),
    }));
    expect(got).toEqual(expected.views);
    for (const deal of got.flatMap((v) => v.deals)) expect(RawDeal.safeParse(deal).success).toBe(true);
    for (const view of views) {
      for (const item of view.items()) {
        if (view.read(item)) expect(view.anchor(item)).not.toBeNull();
      }
    }
    for (const spy of layout) expect(spy).not.toHaveBeenCalled();
  });
});
