import { describe, expect, it } from 'vitest';
import type { PipelineContext, PipelineRule, Rule } from '../../../src/radar/define-rule';
import { evaluateSite, scoreSite } from '../../../src/radar/evaluate';
import { reconcile } from '../../../src/radar/lifecycle';
import { chooseNudge } from '../../../src/radar/nudge';
import { Warning } from '../../../src/radar/model';
import { rules } from '../../../src/radar/registry';
import aging from '../../../src/radar/rules/aging';
import noActivity from '../../../src/radar/rules/no-activity';
import { defaultRadarSettings, type RadarSettings } from '../../../src/radar/settings-schema';
import { ago, ahead, at, event, makeDeal, NOW, runSite, SITE, STAGES, variedDeals } from './helpers';

/** A deal that trips most deal rules at once. */
function troubled(overrides = {}) {
  const deal = makeDeal({
    name: 'Trouble Inc',
    stage: 'Qualified',
    amount: 40_000,
    closeDate: ago(3),
    lastActivity: ago(40),
    nextActivity: ago(10),
    created: ago(200),
    stageEntered: ago(60),
    contacts: 1,
    probability: 80,
    shown: ['contacts', 'nextActivity'],
    ...overrides,
  });
  const history = [
    event('stage', 'Proposal', 'Qualified', ago(60), deal.id),
    event('amount', '100000', '40000', ago(20), deal.id),
    event('closeDate', ago(40), ago(20), ago(30), deal.id),
    event('closeDate', ago(20), ago(3), ago(15), deal.id),
  ];
  return { deal, history };
}

const site = (deals: Array<ReturnType<typeof troubled>>) => ({ site: SITE, stageOrder: STAGES, deals });

describe('evaluateSite', () => {
  it('raises warnings for a troubled open deal', () => {
    const warnings = evaluateSite(site([troubled()]), defaultRadarSettings(), NOW, { timeZone: 'UTC' });
    expect(warnings.map((w) => w.ruleId).sort()).toEqual(
      [
        'aging',
        'amount-dropped',
        'close-date-passed',
        'close-date-slipped',
        'next-step-overdue',
        'no-activity',
        'single-threaded',
        'stage-regressed',
        'stalled-in-stage',
        'too-good-to-be-true',
      ].sort(),
    );
  });

  it.each([
    { outcome: 'won' as const, stage: 'Qualified' },
    { outcome: 'lost' as const, stage: 'Qualified' },
    { outcome: 'open' as const, stage: 'Closed Won' },
    { outcome: 'open' as const, stage: 'Closed Lost' },
  ])('raises nothing for a deal with outcome $outcome in stage $stage', ({ outcome, stage }) => {
    const warnings = evaluateSite(site([troubled({ outcome, stage })]), defaultRadarSettings(), NOW, {
      timeZone: 'UTC',
    });
    expect(warnings).toEqual([]);
  });

  it('returns fresh, valid, active warnings', () => {
    const [w] = runSite([noActivity], [makeDeal({ lastActivity: ago(20) })]);
    expect(() => Warning.parse(w)).not.toThrow();
    expect(w).toMatchObject({
      status: 'active',
      raisedAt: NOW,
      updatedAt: NOW,
      site: SITE,
      ruleId: 'no-activity',
    });
    expect(w?.id).toBe(`${w?.dealId}|no-activity`);
    expect(w?.dealIds).toEqual([w?.dealId]);
    expect(noActivity.nudges).toContain(w?.nudge);
  });

  it('chooses the same nudge on every run', () => {
    const deal = makeDeal({ lastActivity: ago(20) });
    const a = runSite([noActivity], [deal])[0]?.nudge;
    const b = runSite([noActivity], [{ ...deal, lastActivity: ago(25) }])[0]?.nudge;
    expect(a).toBe(b);
  });

  it("chooses each deal warning's nudge by its deal id and rule, as chooseNudge() does", () => {
    const warnings = runSite(rules, variedDeals(200));
    expect(warnings.filter((w) => w.dealId !== null).length).toBeGreaterThan(100);
    for (const w of warnings) {
      if (w.dealId === null) continue;
      const rule = rules.find((r) => r.id === w.ruleId);
      expect(w.nudge).toBe(chooseNudge(rule?.nudges ?? [], w.dealId, w.ruleId));
    }
  });

  it('finds for each deal of a big site what it finds for that deal alone (deals are scored in blocks)', () => {
    const items = variedDeals(300);
    const what = (w: Warning) => [w.id, w.severity, w.fingerprint, w.facts, w.nudge];
    const together = runSite(rules, items).filter((w) => w.dealId !== null).map(what);
    const alone = items.flatMap((item) => runSite(rules, [item])).filter((w) => w.dealId !== null).map(what);
    expect(together.length).toBeGreaterThan(300);
    expect(together.sort()).toEqual(alone.sort());
    // A batch among them likewise: every block boundary falls elsewhere.
    const only = new Set(items.filter((_, i) => i % 3 === 0).map((item) => item.deal.id));
    const batch = runSite(rules, items, { only }).filter((w) => w.dealId !== null).map(what);
    expect(batch.sort()).toEqual(together.filter((w) => only.has((w[0] as string).replace(/\|[^|]+$/, ''))).sort());
  });

  it('runs deal rules only on the given deals', () => {
    const a = makeDeal({ lastActivity: ago(20) });
    const b = makeDeal({ lastActivity: ago(20) });
    expect(runSite([noActivity], [a, b], { only: new Set([b.id]) }).map((w) => w.dealId)).toEqual([b.id]);
  });

  it('skips disabled rules', () => {
    const deal = makeDeal({ lastActivity: ago(20), created: ago(100) });
    const settings = { rules: { 'no-activity': { enabled: false } } };
    expect(runSite([noActivity, aging], [deal], { settings }).map((w) => w.ruleId)).toEqual(['aging']);
  });

  it('ranks critical first, then bigger deals, then by name', () => {
    const small = makeDeal({ name: 'Small', amount: 1_000, lastActivity: ago(20) });
    const big = makeDeal({ name: 'Big', amount: 90_000, lastActivity: ago(20) });
    const bravo = makeDeal({ name: 'bravo', lastActivity: ago(20) });
    const alpha = makeDeal({ name: 'Alpha', lastActivity: ago(20) });
    const critical = makeDeal({ name: 'Zulu', amount: 1, lastActivity: ago(35) });
    const names = runSite([noActivity], [small, bravo, big, critical, alpha]).map((w) => w.dealId);
    expect(names).toEqual([critical.id, big.id, alpha.id, bravo.id, small.id]);
  });

  it('weights the score by how far past the threshold', () => {
    const [far, near] = runSite(
      [noActivity],
      [makeDeal({ lastActivity: ago(16) }), makeDeal({ lastActivity: ago(28) })],
    );
    expect(far?.score).toBeGreaterThan(near?.score ?? 100);
    expect(far?.facts[0]).toContain('28 days ago');
  });

  it("uses the time zone for today and for change events' days", () => {
    // 23:30 UTC on 20 Nov is 21 Nov in Auckland: 14 days (quiet) vs 15 days (fires).
    const late = Date.UTC(2026, 10, 20, 23, 30);
    const input = {
      site: SITE,
      stageOrder: STAGES,
      deals: [{ deal: makeDeal({ lastActivity: ago(14) }), history: [] }],
    };
    const opts = (timeZone: string) => ({ timeZone, rules: [noActivity] });
    expect(evaluateSite(input, defaultRadarSettings(), late, opts('UTC'))).toHaveLength(0);
    expect(evaluateSite(input, defaultRadarSettings(), late, opts('Pacific/Auckland'))).toHaveLength(1);
  });

  it('counts business days when the settings say so', () => {
    // Mon 2 Nov → Fri 20 Nov: 18 calendar days, 14 business days, 16 with only Sundays off.
    const deal = makeDeal({ lastActivity: ago(18) });
    expect(runSite([noActivity], [deal])).toHaveLength(1);
    expect(runSite([noActivity], [deal], { settings: { days: { business: true } } })).toHaveLength(0);
    expect(
      runSite([noActivity], [deal], { settings: { days: { business: true, weekend: [0] } } }),
    ).toHaveLength(1);
  });

  it('compares stage names case-insensitively with the stage order', () => {
    const deal = makeDeal({ stage: 'LEAD', closeDate: ahead(5) });
    const order = STAGES.map((s) => s.toUpperCase());
    const all = evaluateSite(
      { site: SITE, stageOrder: order, deals: [{ deal, history: [] }] },
      defaultRadarSettings(),
      NOW,
      {
        timeZone: 'UTC',
      },
    );
    expect(all.map((w) => w.ruleId)).toContain('closing-soon-early-stage');
  });

  it('copes with settings that do not know a rule yet', () => {
    const settings: RadarSettings = { ...defaultRadarSettings(), rules: {} };
    const input = {
      site: SITE,
      stageOrder: STAGES,
      deals: [{ deal: makeDeal({ lastActivity: ago(20) }), history: [] }],
    };
    expect(evaluateSite(input, settings, NOW, { timeZone: 'UTC' }).map((w) => w.ruleId)).toContain(
      'no-activity',
    );
  });

  it('runs every registered rule over an empty site', () => {
    expect(evaluateSite({ site: SITE, stageOrder: [], deals: [] }, defaultRadarSettings(), NOW)).toEqual([]);
    expect(rules.length).toBeGreaterThanOrEqual(16);
  });

  it('gives pipeline warnings the score of their biggest deal', () => {
    const deals = ['A', 'B', 'C'].map((name, i) =>
      makeDeal({
        name,
        stage: 'Proposal',
        stageEntered: ago(30),
        amount: (i + 1) * 1000,
        stageSeenSince: at(ago(30)),
      }),
    );
    const w = evaluateSite(
      { site: SITE, stageOrder: STAGES, deals: deals.map((deal) => ({ deal, history: [] })) },
      defaultRadarSettings(),
      NOW,
      { timeZone: 'UTC' },
    ).find((x) => x.ruleId === 'stage-bottleneck');
    expect(w?.severity).toBe('critical');
    expect(w?.score).toBeGreaterThan(50);
  });

  it('ranks a pipeline warning the same by the indexes of its deals as by their ids', () => {
    const deals = variedDeals(400);
    // Deals the bottleneck names, unknown amounts among them, and deals quiet since last week.
    deals.forEach(({ deal }, i) => {
      if (i % 3 === 0) {
        deal.stage = 'Proposal';
        deal.stageEntered = ago(40 + (i % 17));
        if (i % 9 === 0) delete deal.amount;
      }
      if (i % 4 === 1) deal.lastActivity = ago(8 + (i % 6));
    });
    const input = { site: SITE, stageOrder: STAGES, deals };
    const pipeline = rules.filter((rule) => rule.scope === 'pipeline');
    const withoutIndexes = pipeline.map(
      (rule): Rule => ({
        ...rule,
        scope: 'pipeline',
        evaluate: (ctx: PipelineContext<never>) =>
          (rule as PipelineRule).evaluate(ctx).map(({ dealIndexes: _indexes, ...finding }) => finding),
      }),
    );
    const scores = (list: readonly Rule[]) =>
      evaluateSite(input, defaultRadarSettings(), NOW, { timeZone: 'UTC', rules: list }).map((w) => [
        w.id,
        w.score,
      ]);
    const byIndex = scores(pipeline);
    // Both pipeline rules fire, and the bottleneck in more than one stage.
    expect(byIndex.map(([id]) => id)).toEqual([
      'crm.test|pipeline|pipeline-going-quiet|all',
      'crm.test|pipeline|stage-bottleneck|proposal',
      'crm.test|pipeline|stage-bottleneck|lead',
    ]);
    expect(scores(withoutIndexes)).toEqual(byIndex);
  });
});

describe('scoreSite', () => {
  const settings = defaultRadarSettings();
  // Varied deals, and a stage where most deals sit too long, so pipeline warnings are among them.
  const stuck = ['P1', 'P2', 'P3', 'P4'].map((key) =>
    makeDeal({ key, name: key, stage: 'Proposal', stageEntered: ago(60), stageSeenSince: at(ago(60)) }),
  );
  const input = {
    site: SITE,
    stageOrder: STAGES,
    deals: [...variedDeals(300), ...stuck.map((deal) => ({ deal, history: [] }))],
  };
  const byId = (a: Warning, b: Warning) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  it('finds what evaluateSite finds, and says of each warning what its record says', () => {
    const scored = scoreSite(input, settings, NOW, { timeZone: 'UTC' });
    const ranked = evaluateSite(input, settings, NOW, { timeZone: 'UTC' });
    const made = Array.from({ length: scored.length }, (_, i) => scored.warning(i));
    expect(made.slice().sort(byId)).toEqual(ranked.slice().sort(byId));
    expect(new Set(made.map((w) => w.ruleId)).size).toBeGreaterThanOrEqual(12);
    expect(made.some((w) => w.dealId === null)).toBe(true);
    made.forEach((w, i) => {
      const f = scored.finding(i);
      expect([scored.id(i), scored.dealId(i), scored.ruleId(i), scored.score(i), scored.nudge(i)]).toEqual([
        w.id,
        w.dealId,
        w.ruleId,
        w.score,
        w.nudge,
      ]);
      expect([f.severity, f.facts, f.fingerprint, scored.dealIds(i)]).toEqual([
        w.severity,
        w.facts,
        w.fingerprint,
        w.dealIds,
      ]);
      expect(() => Warning.parse(w)).not.toThrow();
    });
  });

  it('a rescan that finds the same puts nothing; a day later, only what changed', () => {
    const stored = reconcile([], scoreSite(input, settings, NOW, { timeZone: 'UTC' }), NOW, {
      dealIds: new Set(input.deals.map((d) => d.deal.id)),
    });
    const scope = { dealIds: new Set(input.deals.map((d) => d.deal.id)) };
    const later = NOW + 60_000;
    expect(reconcile(stored, scoreSite(input, settings, later, { timeZone: 'UTC' }), later, scope)).toEqual([]);

    const nextDay = NOW + 86_400_000;
    const put = reconcile(stored, scoreSite(input, settings, nextDay, { timeZone: 'UTC' }), nextDay, scope);
    const fresh = new Map(evaluateSite(input, settings, nextDay, { timeZone: 'UTC' }).map((w) => [w.id, w]));
    const old = new Map(stored.map((w) => [w.id, w]));
    expect(put.length).toBeGreaterThan(0);
    expect(put.length).toBeLessThan(stored.length);
    for (const w of put) {
      const before = old.get(w.id);
      const now = fresh.get(w.id);
      if (now === undefined) expect(w.status).toBe('resolved');
      else if (before !== undefined)
        expect([before.facts, before.score, before.severity, before.fingerprint]).not.toEqual([
          now.facts,
          now.score,
          now.severity,
          now.fingerprint,
        ]);
    }
    // Every warning that says something new is among those put.
    for (const [id, now] of fresh) {
      const before = old.get(id);
      if (before === undefined || before.facts.join('\n') !== now.facts.join('\n') || before.score !== now.score)
        expect(put.some((w) => w.id === id)).toBe(true);
    }
  });
});
