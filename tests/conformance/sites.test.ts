import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIELD_NAMES } from '../../src/sites/fields';
import { isValidPattern } from '../../src/sites/match-pattern';
import { sites } from '../../src/sites/registry';
import type { SiteProfile } from '../../src/sites/types';

// Every file in src/sites/ is either one of these helpers or a site profile (default export).
const HELPERS = new Set(['fields', 'types', 'registry', 'match-pattern', 'url-key', 'host-access']);
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
