import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/radar/define-rule';
import { rules } from '../../src/radar/registry';
import { defaultRadarSettings, RadarSettings } from '../../src/radar/settings-schema';
import { runRuleOn, variedDeals } from '../unit/radar/helpers';

/*
 * Every file in src/radar/rules/ is a rule: its id is its file name, it is registered, its
 * defaults pass its own schema, it has a test file and at least three How-nudges. A deal rule
 * checks many deals at once: what it finds for a deal must not depend on the other deals.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const rulesDir = join(root, 'src/radar/rules');
const files = readdirSync(rulesDir).filter((f) => f.endsWith('.ts'));
const registrySource = readFileSync(join(root, 'src/radar/registry.ts'), 'utf8');

async function load(file: string): Promise<Rule> {
  const mod: { default: Rule } = await import(pathToFileURL(join(rulesDir, file)).href);
  return mod.default;
}

describe('rule folder', () => {
  it('has a file for every registered rule, and ids are unique', () => {
    expect(rules.map((r) => `${r.id}.ts`).sort()).toEqual([...files].sort());
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('is registered with one import line per rule', () => {
    const imports = registrySource.match(/^import \w+ from '\.\/rules\/[a-z0-9-]+';$/gm) ?? [];
    expect(imports).toHaveLength(files.length);
  });
});

describe.each(files)('%s', (file) => {
  const id = file.replace(/\.ts$/, '');

  it('default-exports a registered rule whose id is its file name', async () => {
    const rule = await load(file);
    expect(rule.id).toBe(id);
    expect(rules.filter((r) => r === rule)).toHaveLength(1);
    expect(rule.title.trim()).not.toBe('');
    expect(rule.description.trim()).not.toBe('');
    expect(['deal', 'pipeline']).toContain(rule.scope);
    if (rule.scope === 'pipeline') expect(rule.perStage).toBe(false);
  });

  it('has defaults that pass its own schema and round-trip', async () => {
    const rule = await load(file);
    const defaults = rule.thresholds.parse({});
    expect(rule.thresholds.parse(defaults)).toEqual(defaults);
    expect(rule.thresholds.parse(JSON.parse(JSON.stringify(defaults)))).toEqual(defaults);
    expect(defaultRadarSettings().rules[id]?.thresholds).toEqual(defaults);
    expect(RadarSettings.parse(defaultRadarSettings()).rules[id]?.thresholds).toEqual(defaults);
  });

  it("labels every threshold 'label (unit)' and bounds every number", async () => {
    const rule = await load(file);
    for (const [key, field] of Object.entries(rule.thresholds.shape as Record<string, z.ZodType>)) {
      expect(field.description, key).toMatch(/^\S.* \(.+\)$/);
      expect(field, key).toBeInstanceOf(z.ZodDefault);
      const inner = field instanceof z.ZodDefault ? field.unwrap() : field;
      if (inner instanceof z.ZodNumber) {
        expect(Number.isFinite(inner.minValue), `${key} min`).toBe(true);
        expect(Number.isFinite(inner.maxValue), `${key} max`).toBe(true);
      } else expect(inner, key).toBeInstanceOf(z.ZodBoolean);
    }
  });

  it('finds the same for a deal whether it checks it alone or among others', async () => {
    const rule = await load(file);
    if (rule.scope !== 'deal') return;
    const items = variedDeals(300);
    const together = runRuleOn(rule, items);
    const alone = items.map((item) => runRuleOn(rule, [item])[0] ?? null);
    expect(together).toEqual(alone);
    // Some deals fire and some do not: the deals cover the rule's both answers.
    expect(together.filter((f) => f !== null).length).toBeGreaterThan(0);
    expect(together.filter((f) => f === null).length).toBeGreaterThan(0);
  });

  it('has a test file', () => {
    expect(existsSync(join(root, 'tests/unit/radar/rules', `${id}.test.ts`))).toBe(true);
  });

  it('has at least three nudges: a How question and a next step, no blame', async () => {
    const rule = await load(file);
    expect(rule.nudges.length).toBeGreaterThanOrEqual(3);
    expect(new Set(rule.nudges).size).toBe(rule.nudges.length);
    for (const nudge of rule.nudges) {
      expect(nudge.startsWith('How ')).toBe(true);
      const [question, step] = nudge.split(/\?\s+/, 2);
      expect(question, nudge).toBeTruthy();
      expect(step?.trim().length ?? 0, nudge).toBeGreaterThan(10);
      expect(nudge, nudge).not.toMatch(/\bwhy\b|\bfault\b|\bblame\b|\bfailed\b|\bshould have\b/i);
    }
  });
});
