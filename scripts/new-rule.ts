/**
 * Writes a new radar rule: `npx tsx scripts/new-rule.ts <id>` (or `npm run new:rule <id>`).
 * Creates src/radar/rules/<id>.ts (a working template), tests/unit/radar/rules/<id>.test.ts
 * and adds the rule's import and entry to src/radar/registry.ts. Refuses an existing or invalid id.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function camelCase(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function titleOf(id: string): string {
  const words = id.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function ruleTemplate(id: string, today: string): string {
  return `import { z } from 'zod';
import { defineRule } from '../define-rule';
import { countDays, formatDay } from '../format';

// TODO(${today}): say what signal ${id} looks for, then replace the example check in evaluate().
export default defineRule({
  id: '${id}',
  title: '${titleOf(id)}',
  description: 'One line for the options page: what this rule flags.',
  scope: 'deal',
  perStage: false,
  thresholds: z.object({
    days: z.number().int().min(1).max(365).default(30).describe('Warn after (days)'),
  }),
  nudges: [
    'How can I find out what the buyer needs next? Ask your main contact one open question today.',
    'How did others handle a deal like this one? Ask a colleague who closed one for ten minutes of advice.',
    'How can I act before the buyer decides without me? Book the next step in the calendar now.',
  ],
  evaluate(ctx) {
    const { deal, thresholds: t } = ctx;
    // Example check: how long ago the radar first saw this deal.
    const since = ctx.dayOf(deal.firstSeen);
    const days = ctx.days(since, ctx.today);
    if (!(days > t.days)) return null;
    return {
      severity: 'warn',
      facts: [
        \`First seen \${countDays(days, ctx.businessDays)} ago, on \${formatDay(since)}\`,
        \`Threshold: \${countDays(t.days, ctx.businessDays)}\`,
      ],
      fingerprint: 'warn',
      over: (days - t.days) / t.days,
    };
  },
});
`;
}

export function testTemplate(id: string): string {
  return `import { describe, expect, it } from 'vitest';
import rule from '../../../../src/radar/rules/${id}';
import { ago, at, makeDeal, runRule, silentWhenClosed } from '../helpers';

// TODO: replace these cases with the signal ${id} looks for.
describe('${id}', () => {
  it.each([
    { firstSeen: at(ago(30)), expected: null },
    { firstSeen: at(ago(31)), expected: 'warn' },
  ])('first seen $firstSeen → $expected', ({ firstSeen, expected }) => {
    expect(runRule(rule, makeDeal({ firstSeen }))?.severity ?? null).toBe(expected);
  });

  it('states the facts and the threshold', () => {
    expect(runRule(rule, makeDeal({ firstSeen: at(ago(40)) }))?.facts).toEqual([
      'First seen 40 days ago, on 11 Oct 2026',
      'Threshold: 30 days',
    ]);
  });

  it('raises nothing for won, lost or closed deals', () => {
    expect(silentWhenClosed(rule, makeDeal({ firstSeen: at(ago(40)) }))).toEqual({ open: 1, closed: 0 });
  });
});
`;
}

/** Adds the import after the last rule import and the entry at the end of the rules array. */
export function addToRegistry(source: string, id: string): string {
  const name = camelCase(id);
  const lines = source.split('\n');
  let lastImport = -1;
  lines.forEach((line, i) => {
    if (/^import \w+ from '\.\/rules\/[a-z0-9-]+';$/.test(line)) lastImport = i;
  });
  const start = lines.findIndex((line) => line.startsWith('export const rules: Rule[] = ['));
  const end = start < 0 ? -1 : lines.findIndex((line, i) => i > start && line === '];');
  if (lastImport < 0 || end < 0)
    throw new Error('registry.ts: could not find the rule imports and the rules array');
  if (new RegExp(`^import ${name} from`, 'm').test(source))
    throw new Error(`registry.ts already imports ${name}`);
  lines.splice(end, 0, `  ${name},`);
  lines.splice(lastImport + 1, 0, `/** ${titleOf(id)}. */`, `import ${name} from './rules/${id}';`);
  return lines.join('\n');
}

/** The popup shows rule titles from messages.json (`rule_<id with underscores>`): add the new one. */
export function addRuleTitle(json: string, id: string): string {
  const messages = JSON.parse(json) as Record<string, { message: string }>;
  const key = `rule_${id.replaceAll('-', '_')}`;
  if (messages[key]) throw new Error(`messages.json already has ${key}`);
  messages[key] = { message: titleOf(id) };
  return `${JSON.stringify(messages, null, 2)}\n`;
}

/** Writes the rule, its test, its registry line and its title message under `root`; returns the files written. */
export function createRule(
  id: string,
  root: string,
  today = new Date().toISOString().slice(0, 10),
): string[] {
  if (!ID.test(id) || id.length > 60) {
    throw new Error(`Invalid rule id "${id}": use kebab-case, like "no-activity" (a-z, 0-9, single dashes)`);
  }
  const rulePath = join(root, 'src/radar/rules', `${id}.ts`);
  const testPath = join(root, 'tests/unit/radar/rules', `${id}.test.ts`);
  const registryPath = join(root, 'src/radar/registry.ts');
  const messagesPath = join(root, 'public/_locales/en/messages.json');
  for (const path of [rulePath, testPath]) if (existsSync(path)) throw new Error(`${path} already exists`);
  const registry = addToRegistry(readFileSync(registryPath, 'utf8'), id);
  const messages = addRuleTitle(readFileSync(messagesPath, 'utf8'), id);
  writeFileSync(rulePath, ruleTemplate(id, today), { flag: 'wx' });
  writeFileSync(testPath, testTemplate(id), { flag: 'wx' });
  writeFileSync(registryPath, registry);
  writeFileSync(messagesPath, messages);
  return [rulePath, testPath, registryPath, messagesPath];
}

const invoked =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invoked) {
  const id = process.argv[2] ?? '';
  try {
    const root = fileURLToPath(new URL('..', import.meta.url));
    for (const file of createRule(id, root)) console.log(`wrote ${file}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
