import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { rules } from '../../../src/radar/registry';
import { ruleTitle } from '../../../src/ui/rule-title';

const messages = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../public/_locales/en/messages.json'), 'utf8'),
) as Record<string, { message: string }>;

// The popup reads rule titles from the locale messages (so it need not load the registry): they must match.
test.each(rules.map((r) => [r.id, r.title]))('rule %s has its title in messages.json', (id, title) => {
  expect(
    messages[`rule_${id.replaceAll('-', '_')}`]?.message,
    `add "rule_${id.replaceAll('-', '_')}": { "message": "${title}" }`,
  ).toBe(title);
  expect(ruleTitle(id)).toBe(title);
});

test('a rule the messages do not know shows its id', () => {
  expect(ruleTitle('retired-rule')).toBe('retired-rule');
});
