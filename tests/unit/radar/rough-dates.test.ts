import { describe, expect, it } from 'vitest';
import aging from '../../../src/radar/rules/aging';
import closingSoonIdle from '../../../src/radar/rules/closing-soon-idle';
import noActivity from '../../../src/radar/rules/no-activity';
import stageBottleneck from '../../../src/radar/rules/stage-bottleneck';
import stalledInStage from '../../../src/radar/rules/stalled-in-stage';
import { siteById } from '../../../src/sites/registry';
import { mergeDeal, normalize } from '../../../src/store/normalize';
import { NOW, runSite, SITE, TODAY } from './helpers';

const generic = siteById('generic');
if (!generic) throw new Error('generic profile missing');

/** A deal as the store keeps it after reading `fields` off a page today. */
function fromPage(key: string, fields: Record<string, string>) {
  const read = normalize({ key, fields: { name: `Deal ${key}`, ...fields } }, { locale: 'en-US', today: TODAY });
  const ctx = { id: `${SITE}|${key}`, site: SITE, siteId: 'generic', key, url: undefined, flags: undefined, now: NOW, profile: generic as NonNullable<typeof generic> };
  return mergeDeal(undefined, read, ctx).deal;
}

describe('dates a page gives only roughly ("a month ago")', () => {
  it('count as a least age: a warning, not a critical one on a guess, and the facts say the date is rough', () => {
    // "A month ago" is said of 15 to 45 days ago; at face value (31 days) it crossed the 30-day critical line.
    const [quiet] = runSite([noActivity], [fromPage('a', { lastActivity: 'a month ago' })]);
    expect(quiet?.severity).toBe('warn');
    expect(quiet?.facts[0]).toBe('Last activity at least 16 days ago: the page gives only a rough date');
    // Rough in months and past the critical line even at its least: critical.
    expect(runSite([noActivity], [fromPage('b', { lastActivity: '2 months ago' })])[0]?.severity).toBe('critical');
    // The same day read exactly keeps its date in the facts.
    expect(runSite([noActivity], [fromPage('c', { lastActivity: 'Nov 4, 2026' })])[0]?.facts[0]).toBe(
      'Last activity 16 days ago, on 4 Nov 2026',
    );
  });

  it('say so in every rule that counts from them', () => {
    const deal = fromPage('d', {
      stage: 'Demo',
      lastActivity: '3 weeks ago',
      created: 'a year ago',
      stageEntered: '2 months ago',
      closeDate: 'Nov 25, 2026',
    });
    const facts = (rule: Parameters<typeof runSite>[0][number]) => runSite([rule], [deal])[0]?.facts[0];
    expect(facts(aging)).toBe('Open for at least 183 days: the page gives only a rough created date');
    expect(facts(stalledInStage)).toBe('At least 46 days in Demo: the page gives only a rough date for when it entered');
    expect(runSite([closingSoonIdle], [deal])[0]?.facts[1]).toBe(
      'Last activity at least 18 days ago: the page gives only a rough date',
    );
    // No activity ever logged, counted from a rough create date: no day named either.
    const never = fromPage('n', { lastActivity: '', created: 'a year ago' });
    expect(runSite([noActivity], [never])[0]?.facts[0]).toBe(
      'No activity logged since the deal was created, at least 183 days ago: the page gives only a rough created date',
    );
    // The bottleneck lists its deals' days in the stage as "at least" too.
    const stalled = ['e', 'f', 'g'].map((k) => fromPage(k, { stage: 'Demo', stageEntered: '2 months ago' }));
    const [bottleneck] = runSite([stalledInStage, stageBottleneck], stalled).filter((w) => w.ruleId === 'stage-bottleneck');
    expect(bottleneck?.facts.join(' ')).toContain('Deal e (at least 46)');
  });
});
