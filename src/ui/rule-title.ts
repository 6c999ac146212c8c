import { browser } from '../platform/browser';

/**
 * A rule's title from public/_locales (translatable), e.g. `no-activity` → "No recent activity".
 * The popup does not import the rule registry for this: the registry brings every rule and Zod,
 * half the popup's script, onto its startup path. tests/unit/ui/rule-titles.test.ts keeps the
 * messages equal to the registry's titles. A rule without a message shows its id.
 */
export function ruleTitle(ruleId: string): string {
  let title = titles.get(ruleId);
  if (title === undefined) {
    title = browser.i18n.getMessage(`rule_${ruleId.replaceAll('-', '_')}`) || ruleId;
    titles.set(ruleId, title);
  }
  return title;
}

/** Looked up once per rule: every warning card shows one. */
const titles = new Map<string, string>();
