import { describe, expect, it } from 'vitest';
import type { Deal } from '../../../../src/radar/model';
import rule from '../../../../src/radar/rules/no-next-step';
import { ago, ahead, makeDeal, runRule, silentWhenClosed } from '../helpers';

describe('no-next-step', () => {
  it.each<{ name: string; deal: Partial<Deal>; fact: string | null }>([
    { name: 'field not on the page', deal: {}, fact: null },
    {
      name: 'empty next activity shown',
      deal: { shown: ['nextActivity'] },
      fact: 'The page shows no next activity for this deal',
    },
    {
      name: 'both fields shown, both empty',
      deal: { shown: ['nextActivity', 'nextStep'] },
      fact: 'The page shows no next activity or next step for this deal',
    },
    {
      name: 'blank next step',
      deal: { shown: ['nextStep'], nextStep: '   ' },
      fact: 'The page shows no next step for this deal',
    },
    { name: 'a next step', deal: { shown: ['nextStep'], nextStep: 'Send proposal' }, fact: null },
    { name: 'a future next activity', deal: { shown: ['nextActivity'], nextActivity: ahead(2) }, fact: null },
    {
      name: 'an overdue next activity (another rule)',
      deal: { shown: ['nextActivity'], nextActivity: ago(2) },
      fact: null,
    },
    {
      name: 'board says none scheduled',
      deal: { flags: ['activity-none'] },
      fact: 'The board shows no activity scheduled for this deal',
    },
    {
      name: 'board says planned',
      deal: { shown: ['nextActivity'], flags: ['activity-planned'] },
      fact: null,
    },
    {
      name: 'board says overdue',
      deal: { shown: ['nextActivity'], flags: ['activity-overdue'] },
      fact: null,
    },
  ])('$name', ({ deal, fact }) => {
    const finding = runRule(rule, makeDeal(deal));
    expect(finding?.facts[0] ?? null).toBe(fact);
    if (finding) expect(finding.severity).toBe('warn');
    // The threshold beside every fact, the board's too.
    if (finding) expect(finding.facts.at(-1)).toBe('Threshold: any open deal without a next step');
  });

  it('parses empty thresholds', () => {
    expect(rule.thresholds.parse({})).toEqual({});
  });

  it('raises nothing for won, lost or closed deals', () => {
    expect(silentWhenClosed(rule, makeDeal({ shown: ['nextStep'] }))).toEqual({ open: 1, closed: 0 });
  });
});
