import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dismiss, freshList, isNews, isShowing, reconcile, restore, sinceShown, snooze, wake } from '../../../src/radar/lifecycle';
import { Warning } from '../../../src/radar/model';

const T0 = 1_000_000;
const NOW = 2_000_000;

function warning(overrides: Partial<Warning> = {}): Warning {
  return {
    id: 's|d1|no-activity',
    site: 's',
    dealId: 's|d1',
    dealIds: ['s|d1'],
    ruleId: 'no-activity',
    severity: 'warn',
    score: 30,
    facts: ['old fact'],
    nudge: 'How?',
    fingerprint: 'warn',
    status: 'active',
    raisedAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

const fresh = (overrides: Partial<Warning> = {}) =>
  warning({ facts: ['new fact'], score: 40, raisedAt: NOW, updatedAt: NOW, ...overrides });

const scope = { dealIds: new Set(['s|d1']) };

describe('reconcile', () => {
  it.each<{
    name: string;
    existing: Partial<Warning> | null;
    fresh: Partial<Warning> | null;
    status: Warning['status'] | 'unchanged';
    raisedAt?: number;
  }>([
    { name: 'new finding → active', existing: null, fresh: {}, status: 'active', raisedAt: NOW },
    {
      name: 'active, still firing → active, raised time kept',
      existing: {},
      fresh: {},
      status: 'active',
      raisedAt: T0,
    },
    { name: 'active, no longer firing → resolved', existing: {}, fresh: null, status: 'resolved' },
    {
      name: 'snoozed, still firing, time not up → snoozed',
      existing: { status: 'snoozed', snoozeUntil: NOW + 1 },
      fresh: {},
      status: 'snoozed',
    },
    {
      name: 'snoozed, still firing, time up → active',
      existing: { status: 'snoozed', snoozeUntil: NOW },
      fresh: {},
      status: 'active',
    },
    {
      name: 'snoozed, no longer firing → resolved',
      existing: { status: 'snoozed', snoozeUntil: NOW + 1 },
      fresh: null,
      status: 'resolved',
    },
    {
      name: 'dismissed, same fingerprint → dismissed',
      existing: { status: 'dismissed', dismissedFingerprint: 'warn' },
      fresh: { fingerprint: 'warn' },
      status: 'dismissed',
    },
    {
      name: 'dismissed, new fingerprint → active',
      existing: { status: 'dismissed', dismissedFingerprint: 'warn' },
      fresh: { fingerprint: 'critical', severity: 'critical' },
      status: 'active',
    },
    {
      name: 'dismissed critical, the same situation now only a warning → dismissed',
      existing: { status: 'dismissed', fingerprint: 'cut|17|critical', dismissedFingerprint: 'cut|17|critical' },
      fresh: { fingerprint: 'cut|17|warn' },
      status: 'dismissed',
    },
    {
      name: 'dismissed critical, a new situation at a milder severity → active',
      existing: { status: 'dismissed', dismissedFingerprint: 'cut|17|critical' },
      fresh: { fingerprint: 'cut|18|warn' },
      status: 'active',
    },
    {
      name: 'dismissed, no longer firing → resolved',
      existing: { status: 'dismissed', dismissedFingerprint: 'warn' },
      fresh: null,
      status: 'resolved',
    },
    {
      name: 'resolved, firing again → active, raised anew',
      existing: { status: 'resolved', resolvedAt: T0 },
      fresh: {},
      status: 'active',
      raisedAt: NOW,
    },
    {
      name: 'resolved with a running snooze, firing again → snoozed',
      existing: { status: 'resolved', resolvedAt: T0, snoozeUntil: NOW + 10 },
      fresh: {},
      status: 'snoozed',
      raisedAt: NOW,
    },
    {
      name: 'resolved, still not firing → not put',
      existing: { status: 'resolved', resolvedAt: T0 },
      fresh: null,
      status: 'unchanged',
    },
  ])('$name', ({ existing, fresh: f, status, raisedAt }) => {
    const out = reconcile(existing ? [warning(existing)] : [], f ? [fresh(f)] : [], NOW, scope);
    if (status === 'unchanged') {
      expect(out).toEqual([]);
      return;
    }
    expect(out).toHaveLength(1);
    const [w] = out;
    expect(w?.status).toBe(status);
    expect(() => Warning.parse(w)).not.toThrow();
    expect(w?.updatedAt).toBe(NOW);
    if (raisedAt !== undefined) expect(w?.raisedAt).toBe(raisedAt);
    if (status === 'resolved') expect(w?.resolvedAt).toBe(NOW);
    else {
      expect(w?.resolvedAt).toBeUndefined();
      expect(w?.facts).toEqual(['new fact']);
    }
    if (status === 'active') {
      expect(w?.snoozeUntil).toBeUndefined();
      expect(w?.dismissedFingerprint).toBeUndefined();
    }
  });

  it('a dismissal ends with a condition the deal ended, and outlasts one the settings ended', () => {
    const dismissed = warning({ status: 'dismissed', dismissedFingerprint: 'warn' });
    // The deal changed (new activity): resolved, the dismissal gone; firing again, it shows.
    const [byDeal] = reconcile([dismissed], [], NOW, scope);
    expect(byDeal).toMatchObject({ status: 'resolved' });
    expect(byDeal?.dismissedFingerprint).toBeUndefined();
    expect(reconcile([byDeal as Warning], [fresh()], NOW + 1, scope)[0]?.status).toBe('active');

    // The rule switched off: resolved, the dismissal kept; switched on again, still dismissed.
    const [bySettings] = reconcile([dismissed], [], NOW, { ...scope, keepDismissals: true });
    expect(bySettings).toMatchObject({ status: 'resolved', dismissedFingerprint: 'warn' });
    expect(() => Warning.parse(bySettings)).not.toThrow();
    const [back] = reconcile([bySettings as Warning], [fresh()], NOW + 1, scope);
    expect(back).toMatchObject({ status: 'dismissed', dismissedFingerprint: 'warn', raisedAt: T0 });
    expect(back?.resolvedAt).toBeUndefined();
    expect(isShowing(back as Warning, NOW + 1)).toBe(false);
    // ...unless it comes back worse: a new fingerprint shows it, raised anew.
    const [worse] = reconcile([bySettings as Warning], [fresh({ fingerprint: 'critical', severity: 'critical' })], NOW + 1, scope);
    expect(worse).toMatchObject({ status: 'active', raisedAt: NOW + 1 });
    expect(worse?.dismissedFingerprint).toBeUndefined();
    // An active warning the settings end has no dismissal to keep.
    expect(reconcile([warning()], [], NOW, { ...scope, keepDismissals: true })[0]?.dismissedFingerprint).toBeUndefined();
  });

  it('resolves only warnings of deals in scope', () => {
    const other = warning({ id: 's|d2|no-activity', dealId: 's|d2', dealIds: ['s|d2'] });
    const mine = warning();
    const out = reconcile([mine, other], [], NOW, scope);
    expect(out.map((w) => [w.id, w.status])).toEqual([[mine.id, 'resolved']]);
  });

  it('resolves pipeline warnings only when pipeline rules ran', () => {
    const pipeline = warning({ id: 's|pipeline|stage-bottleneck|proposal', dealId: null, dealIds: [] });
    expect(reconcile([pipeline], [], NOW, { dealIds: new Set(), pipeline: false })).toEqual([]);
    expect(reconcile([pipeline], [], NOW, { dealIds: new Set() })[0]?.status).toBe('resolved');
  });

  it('leaves other sites alone when a site is given', () => {
    const elsewhere = warning({ site: 'other' });
    expect(reconcile([elsewhere], [], NOW, { ...scope, site: 's' })).toEqual([]);
  });

  it.each<{ name: string; existing: Partial<Warning> }>([
    { name: 'active', existing: {} },
    { name: 'snoozed, time not up', existing: { status: 'snoozed', snoozeUntil: NOW + 1 } },
    { name: 'dismissed, same fingerprint', existing: { status: 'dismissed', dismissedFingerprint: 'warn' } },
  ])('$name, saying the same again → not put', ({ existing }) => {
    const old = warning(existing);
    expect(reconcile([old], [warning({ raisedAt: NOW, updatedAt: NOW })], NOW, scope)).toEqual([]);
  });

  it.each<{ name: string; change: Partial<Warning> }>([
    { name: 'score', change: { score: 31 } },
    { name: 'severity', change: { severity: 'critical' } },
    { name: 'a fact', change: { facts: ['old fact', 'one more'] } },
    { name: 'the nudge', change: { nudge: 'How else?' } },
    { name: 'the fingerprint', change: { fingerprint: 'warn|2' } },
    { name: 'the deals named', change: { dealIds: ['s|d1', 's|d2'] } },
  ])('active, saying something new ($name) → put, updated now, raised time kept', ({ change }) => {
    const out = reconcile([warning()], [warning({ ...change, raisedAt: NOW, updatedAt: NOW })], NOW, scope);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ ...change, status: 'active', raisedAt: T0, updatedAt: NOW });
  });

  it('snoozed with its time up, saying the same → put, active again', () => {
    const out = reconcile([warning({ status: 'snoozed', snoozeUntil: NOW })], [warning()], NOW, scope);
    expect(out.map((w) => [w.status, w.updatedAt])).toEqual([['active', NOW]]);
  });

  it('keeps the snooze reason while snoozed', () => {
    const [w] = reconcile(
      [warning({ status: 'snoozed', snoozeUntil: NOW + 5, snoozeReason: 'Waiting on legal' })],
      [fresh()],
      NOW,
      scope,
    );
    expect(w?.snoozeReason).toBe('Waiting on legal');
  });
});

describe('isNews: when a dismissed warning comes back', () => {
  it.each([
    ['warn', 'warn', false],
    ['warn', 'critical', true],
    ['critical', 'warn', false],
    ['slip|5|warn', 'slip|5|critical', true],
    ['slip|5|critical', 'slip|5|warn', false],
    ['slip|5|warn', 'slip|6|warn', true],
    ['warn|demo', 'critical|demo', true],
    ['critical|demo', 'warn|demo', false],
    ['critical|demo', 'warn|proposal', true],
    ['2026-11-15', '2026-11-20', true],
    ['quiet', 'quiet+amount', true],
    ['quiet', 'warn', true],
  ])('%s → %s: news %s', (dismissed, fresh, news) => {
    expect(isNews(dismissed, fresh)).toBe(news);
  });

  it('a critical fallen back to a warning stays dismissed, and is not written again on every rescan', () => {
    const dismissed = warning({ status: 'dismissed', severity: 'critical', fingerprint: 'critical', dismissedFingerprint: 'critical' });
    const milder = fresh({ severity: 'warn', fingerprint: 'warn' });
    const [put] = reconcile([dismissed], [milder], NOW, scope);
    expect(put).toMatchObject({ status: 'dismissed', fingerprint: 'warn', dismissedFingerprint: 'critical', severity: 'warn' });
    expect(reconcile([put as Warning], [milder], NOW + 1, scope)).toEqual([]);
    // Critical again: the severity dismissed, so still no news.
    expect(reconcile([put as Warning], [fresh({ severity: 'critical', fingerprint: 'critical' })], NOW + 2, scope)[0]?.status).toBe('dismissed');
  });
});

describe('reconcile finds each record by its id', () => {
  it('a record whose deal id does not begin its id is still its warning\'s record', () => {
    const odd = warning({ dealId: 's|elsewhere' });
    const out = reconcile([odd], [warning()], NOW, { dealIds: new Set(['s|d1', 's|elsewhere']) });
    expect(out.map((w) => [w.id, w.status, w.dealId])).toEqual([[odd.id, 'active', 's|d1']]);
  });

  it('two records with one id: the last is the record, and neither resolves', () => {
    const a = warning({ facts: ['first'] });
    const b = warning({ facts: ['old fact'] });
    expect(reconcile([a, b], [warning({ raisedAt: NOW, updatedAt: NOW })], NOW, scope)).toEqual([]);
  });

  it('matches records to fresh warnings by id, whatever the mix of deals, rules and pipeline keys', () => {
    const deal = fc.constantFrom('s|d1', 's|d2', 's|d1|x', 's|pipeline|a');
    const rule = fc.constantFrom('a', 'b', 'x|a', 'stage-bottleneck');
    const item = fc.record({
      pipeline: fc.boolean(),
      deal,
      rule,
      // A stored record's deal id now and then differs from the one its id begins with.
      otherDeal: fc.option(deal, { nil: undefined }),
      status: fc.constantFrom('active', 'snoozed', 'dismissed', 'resolved') as fc.Arbitrary<Warning['status']>,
      score: fc.constantFrom(30, 40),
    });
    type Item = typeof item extends fc.Arbitrary<infer T> ? T : never;
    const make = (x: Item, stored: boolean) =>
      x.pipeline
        ? warning({ id: `s|pipeline|${x.rule}|${x.deal}`, dealId: null, dealIds: [], ruleId: x.rule, score: x.score, status: stored ? x.status : 'active' })
        : warning({
            id: `${x.deal}|${x.rule}`,
            dealId: stored ? (x.otherDeal ?? x.deal) : x.deal,
            dealIds: [x.deal],
            ruleId: x.rule,
            score: x.score,
            status: stored ? x.status : 'active',
          });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), fc.array(item, { maxLength: 12 }), (stored, found) => {
        const existing = stored.map((x) => make(x, true));
        // The evaluator finds each warning once: fresh ids do not repeat.
        const fresh = [...new Map(found.map((x) => make(x, false)).map((w) => [w.id, w])).values()];
        const ids = new Set(fresh.map((w) => w.id));
        const all = { dealIds: new Set(['s|d1', 's|d2', 's|d1|x', 's|pipeline|a']) };
        const out = reconcile(existing, fresh, NOW, all);
        // These ids are made of deal and rule as the evaluator makes them: the quick way agrees.
        expect(reconcile(existing, { ...freshList(fresh), idsOfDealAndRule: true }, NOW, all)).toEqual(out);
        // What the last record of each id says: a put of each record in turn leaves that one.
        const record = new Map(existing.map((w) => [w.id, w]));
        for (const w of out) {
          if (w.status === 'resolved') {
            expect(ids.has(w.id)).toBe(false);
            expect(record.has(w.id)).toBe(true);
          } else expect(ids.has(w.id)).toBe(true);
        }
        for (const f of fresh) {
          const put = out.filter((w) => w.id === f.id);
          const old = record.get(f.id);
          if (old === undefined) expect(put.map((w) => w.raisedAt)).toEqual([NOW]);
          else if (put.length === 0) expect([old.score, old.status]).toEqual([f.score, old.status === 'snoozed' ? 'snoozed' : old.status]);
          else for (const w of put) expect(w.raisedAt).toBe(old.status === 'resolved' ? NOW : old.raisedAt);
        }
        // A record with no fresh warning of its id resolves, unless resolved already.
        for (const [id, w] of record)
          if (!ids.has(id) && w.status !== 'resolved')
            expect(out.some((o) => o.id === id && o.status === 'resolved')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('snooze, dismiss, restore', () => {
  it('snoozes until a time with a trimmed reason', () => {
    const w = snooze(
      warning({ status: 'dismissed', dismissedFingerprint: 'warn' }),
      NOW + 100,
      '  back from holiday  ',
      NOW,
    );
    expect(w).toMatchObject({
      status: 'snoozed',
      snoozeUntil: NOW + 100,
      snoozeReason: 'back from holiday',
      updatedAt: NOW,
    });
    expect(w.dismissedFingerprint).toBeUndefined();
    expect(snooze(warning(), NOW, '   ').snoozeReason).toBeUndefined();
    expect(snooze(warning(), NOW, 'x'.repeat(600)).snoozeReason).toHaveLength(500);
  });

  it('dismisses until the fingerprint changes', () => {
    const w = dismiss(warning({ status: 'snoozed', snoozeUntil: NOW, fingerprint: 'slips:2' }), NOW);
    expect(w).toMatchObject({ status: 'dismissed', dismissedFingerprint: 'slips:2', updatedAt: NOW });
    expect(w.snoozeUntil).toBeUndefined();
  });

  it('a warning a scan resolved after the user saw it stays resolved when snoozed or dismissed', () => {
    const resolved = warning({ status: 'resolved', resolvedAt: T0 });
    expect(snooze(resolved, NOW + 100, 'later', NOW)).toBe(resolved);
    expect(dismiss(resolved, NOW)).toBe(resolved);
  });

  it('restores a snoozed or dismissed warning', () => {
    const w = restore(dismiss(warning()), NOW);
    expect(w.status).toBe('active');
    expect(w.dismissedFingerprint).toBeUndefined();
    expect(restore(warning({ status: 'resolved' }), NOW).status).toBe('resolved');
  });

  it('wakes snoozes whose time is up', () => {
    const due = warning({ id: 'a', status: 'snoozed', snoozeUntil: NOW - 1, snoozeReason: 'r' });
    const later = warning({ id: 'b', status: 'snoozed', snoozeUntil: NOW + 1 });
    const woken = wake([due, later, warning({ id: 'c' })], NOW);
    expect(woken.map((w) => [w.id, w.status, w.snoozeUntil])).toEqual([['a', 'active', undefined]]);
  });

  it('says what shows in the active list', () => {
    expect(isShowing(warning(), NOW)).toBe(true);
    expect(isShowing(warning({ status: 'snoozed', snoozeUntil: NOW + 1 }), NOW)).toBe(false);
    expect(isShowing(warning({ status: 'snoozed', snoozeUntil: NOW }), NOW)).toBe(true);
    expect(isShowing(warning({ status: 'dismissed' }), NOW)).toBe(false);
    expect(isShowing(warning({ status: 'resolved' }), NOW)).toBe(false);
  });

  it('says whether a warning is still as a view showed it, and if not, why', () => {
    const shown = { fingerprint: 'warn', severity: 'warn' } as const;
    expect(sinceShown(warning(), shown, NOW)).toBeNull();
    // A snooze whose time is up shows again: it may be snoozed again.
    expect(sinceShown(warning({ status: 'snoozed', snoozeUntil: NOW }), shown, NOW)).toBeNull();
    expect(sinceShown(warning({ fingerprint: 'critical', severity: 'critical' }), shown, NOW)).toBe('changed');
    expect(sinceShown(warning({ fingerprint: 'slip|2' }), shown, NOW)).toBe('changed');
    expect(sinceShown(warning({ severity: 'critical' }), shown, NOW)).toBe('changed');
    expect(sinceShown(warning({ status: 'snoozed', snoozeUntil: NOW + 1 }), shown, NOW)).toBe('hidden');
    expect(sinceShown(warning({ status: 'dismissed', dismissedFingerprint: 'warn' }), shown, NOW)).toBe('hidden');
    expect(sinceShown(warning({ status: 'resolved', resolvedAt: NOW }), shown, NOW)).toBe('gone');
    expect(sinceShown(undefined, shown, NOW)).toBe('gone');
  });
});
