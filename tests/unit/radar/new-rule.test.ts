import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addToRegistry, camelCase, createRule } from '../../../scripts/new-rule';
import type { Rule } from '../../../src/radar/define-rule';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
let root = '';

// A copy of the radar (and what it imports) in a temp folder, with the repo's node_modules linked in.
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'new-rule-'));
  for (const dir of ['src/radar', 'src/parse', 'src/messages', 'src/sites', 'tests/unit/radar', 'public/_locales']) {
    cpSync(join(repo, dir), join(root, dir), { recursive: true });
  }
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('new-rule', () => {
  it('writes a working rule, its test and its registry line', async () => {
    const written = createRule('quiet-champion', root, '2026-11-27');
    expect(written).toHaveLength(4);
    const messages = JSON.parse(readFileSync(join(root, 'public/_locales/en/messages.json'), 'utf8'));
    expect(messages.rule_quiet_champion?.message).toBeTruthy();
    const registry = readFileSync(join(root, 'src/radar/registry.ts'), 'utf8');
    expect(registry).toContain("import quietChampion from './rules/quiet-champion';");
    expect(registry).toMatch(/ {2}quietChampion,\n\];/);
    expect(readFileSync(join(root, 'src/radar/rules/quiet-champion.ts'), 'utf8')).toContain(
      'TODO(2026-11-27)',
    );

    const mod: { rules: Rule[] } = await import(pathToFileURL(join(root, 'src/radar/registry.ts')).href);
    const rule = mod.rules.find((r) => r.id === 'quiet-champion');
    expect(rule?.nudges.every((n) => n.startsWith('How '))).toBe(true);
    expect(rule?.thresholds.parse({})).toEqual({ days: 30 });
  });

  it.each(['', 'NoActivity', 'no_activity', '-x', 'x-', 'a--b', '../evil', 'no activity'])(
    'refuses the id %j',
    (id) => {
      expect(() => createRule(id, root)).toThrow(/Invalid rule id/);
    },
  );

  it('refuses an existing rule', () => {
    expect(() => createRule('no-activity', root)).toThrow(/already exists/);
  });

  it('names the import in camel case', () => {
    expect(camelCase('too-good-to-be-true')).toBe('tooGoodToBeTrue');
    expect(() => addToRegistry('nothing here', 'x')).toThrow(/could not find/);
  });
});
