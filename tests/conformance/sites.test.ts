import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIELD_NAMES } from '../../src/sites/fields';
import { isValidPattern } from '../../src/sites/match-pattern';
import { pagesForUrl, sitePages } from '../../src/sites/pages';
import { profileForUrl, sites } from '../../src/sites/registry';
import type { SiteProfile } from '../../src/sites/types';

// Every file in src/sites/ is either one of these helpers or a site profile (default export).
const HELPERS = new Set(['fields', 'types', 'registry', 'pages', 'match-pattern', 'url-key', 'host-access', 'deal-url']);
const SITES_DIR = path.resolve(import.meta.dirname, '../../src/sites');
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const PROFILE_TESTS = readFileSync(
  path.resolve(import.meta.dirname, '../unit/sites/profiles.test.ts'),
  'utf8',
);

const files = readdirSync(SITES_DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));
const profileFiles = files.filter((f) => !HELPERS.has(f));

const norm = (label: string) => label.trim().toLowerCase().replace(/\s+/g, ' ');

async function load(name: string): Promise<SiteProfile> {
  const mod = (await import(`../../src/sites/${name}.ts`)) as { default?: SiteProfile };
  if (!mod.default) throw new Error(`src/sites/${name}.ts has no default export and is not a known helper`);
  return mod.default;
}

describe.each(profileFiles)('src/sites/%s.ts', (name) => {
  test('id equals the file name and the profile is registered', async () => {
    const profile = await load(name);
    expect(profile.id).toBe(name);
    expect(sites).toContain(profile);
    expect(profile.title.trim()).not.toBe('');
  });

  test('aliases use FieldName keys, non-empty strings, no label for two fields', async () => {
    const profile = await load(name);
    const seen = new Map<string, string>();
    for (const [field, labels] of Object.entries(profile.aliases)) {
      expect(FIELD_NAMES).toContain(field);
      expect(Array.isArray(labels) && labels.length > 0).toBe(true);
      for (const label of labels ?? []) {
        expect(typeof label).toBe('string');
        expect(label.trim()).toBe(label);
        expect(label).not.toBe('');
        const other = seen.get(norm(label));
        expect(other === undefined || other === field, `"${label}" names both ${other} and ${field}`).toBe(
          true,
        );
        seen.set(norm(label), field);
      }
    }
    expect(profile.aliases.name?.length).toBeGreaterThan(0);
  });

  test('matches are valid patterns, never <all_urls>; only the generic profile has none', async () => {
    const profile = await load(name);
    for (const pattern of profile.matches) {
      expect(pattern).not.toBe('<all_urls>');
      expect(isValidPattern(pattern), pattern).toBe(true);
      expect(pattern.startsWith('https://'), `${pattern} should be https only`).toBe(true);
    }
    if (name !== 'generic') expect(profile.matches.length).toBeGreaterThan(0);
  });

  test('stage order is lower-case and closed words are set', async () => {
    const profile = await load(name);
    for (const stage of profile.stageOrder) expect(stage).toBe(stage.toLowerCase());
    expect(profile.closedWords.won.length).toBeGreaterThan(0);
    expect(profile.closedWords.lost.length).toBeGreaterThan(0);
  });

  test('has fixtures (at least a list page and a record page, each with its expected JSON) and tests', () => {
    const dir = path.join(FIXTURES, name);
    expect(existsSync(dir), `tests/fixtures/${name}/`).toBe(true);
    for (const page of ['list', 'record']) {
      expect(existsSync(path.join(dir, `${page}.html`)), `${name}/${page}.html`).toBe(true);
      expect(existsSync(path.join(dir, `${page}.expected.json`)), `${name}/${page}.expected.json`).toBe(true);
    }
    for (const html of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
      expect(existsSync(path.join(dir, html.replace(/\.html$/, '.expected.json'))), html).toBe(true);
    }
    expect(PROFILE_TESTS).toContain(`src/sites/${name}'`);
  });
});

describe('registry', () => {
  test('every registered profile has its own file', () => {
    for (const site of sites) expect(profileFiles).toContain(site.id);
    expect(new Set(sites.map((s) => s.id)).size).toBe(sites.length);
  });

  test("the loader's table lists every specific profile's hosts and deal pages, in the registry's order", () => {
    const specific = sites.filter((s) => s.id !== 'generic');
    expect(sitePages.map((p) => p.id)).toEqual(specific.map((s) => s.id));
    for (const [i, pages] of sitePages.entries()) {
      const profile = specific[i] as SiteProfile;
      // The profile spreads its pages in: the same patterns and the same test, not a copy that could drift.
      expect(profile.matches).toBe(pages.matches);
      expect(profile.isDealPage).toBe(pages.isDealPage);
    }
  });

  test("the loader's host check agrees with the registry's match patterns", () => {
    for (const site of sites.filter((s) => s.id !== 'generic')) {
      // What coversHost() relies on: whole hosts, https only.
      for (const pattern of site.matches) expect(pattern).toMatch(/^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+\/\*$/);
    }
    const urls = [
      ...sites.flatMap((s) => s.matches).flatMap((p) => {
        const host = p.slice('https://'.length, -2).replace('*.', 'acme.');
        return [`https://${host}/deals/1`, `http://${host}/x`, `https://${host}:8443/x`, `https://${host}.evil.example/x`, `https://evil${host}/x`];
      }),
      'https://pipedrive.com/pipeline',
      'https://APP.HUBSPOT.COM/contacts/1/objects/0-3/views/all/list',
      'https://crm.example.com/deals',
      'http://127.0.0.1:5173/deals',
    ];
    for (const url of urls) expect(pagesForUrl(new URL(url))?.id ?? null, url).toBe(profileForUrl(new URL(url))?.id ?? null);
  });

  test('the generic profile carries every label of every specific profile', () => {
    const generic = sites.find((s) => s.id === 'generic');
    const known = new Set(
      Object.values(generic?.aliases ?? {}).flatMap((labels) => (labels ?? []).map(norm)),
    );
    for (const site of sites) {
      for (const label of Object.values(site.aliases).flat())
        expect(known, `${site.id}: ${label}`).toContain(norm(label ?? ''));
    }
  });
});
