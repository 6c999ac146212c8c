import { describe, expect, test } from 'vitest';
import { netChanges, weeklyReview, type WeeklyInput } from '../../../src/ui/weekly';
import { byId, change, DAY, deal, NOW, SITE, TODAY, warning } from './fixtures';

const STAGES = ['Discovery', 'Demo', 'Proposal', 'Negotiation'];

function input(overrides: Partial<WeeklyInput>): WeeklyInput {
  return {
    now: NOW,
    today: TODAY,
    events: [],
    deals: new Map(),
    warnings: [],
    stageOrders: new Map([[SITE, STAGES]]),
    ...overrides,
  };
}

describe('the weekly review', () => {
  const datum = deal('datum', { name: 'Datum', closeDate: '2026-12-30' });
  const relecloud = deal('relecloud', { name: 'Relecloud', stage: 'Discovery' });
  const margie = deal('margie', { name: "Margie's Travel", amount: 39_000, currency: 'USD' });
  const coho = deal('coho', { name: 'Coho', stage: 'Demo' });
  const deals = byId([datum, relecloud, margie, coho]);

  test('slipped close dates, netted over the week: two pushes show as one, with the whole slip', () => {
    const review = weeklyReview(
      input({
        deals,
        events: [
          change(datum, 'closeDate', '2026-11-24', '2026-12-10', 5),
          change(datum, 'closeDate', '2026-12-10', '2026-12-30', 1),
          // Pulled in: not a slip.
          change(coho, 'closeDate', '2026-12-20', '2026-12-15', 2),
          // Older than a week: not this week's news.
          change(margie, 'closeDate', '2026-11-01', '2026-12-01', 8),
        ],
      }),
    );
    expect(review.slipped).toEqual([{ deal: datum, from: '2026-11-24', to: '2026-12-30', days: 36 }]);
  });

  test('stage moves say back or forward by the site’s stage order, steps back first', () => {
    const review = weeklyReview(
      input({
        deals,
        events: [
          change(coho, 'stage', 'Discovery', 'Demo', 3),
          change(relecloud, 'stage', 'Proposal', 'Discovery', 2),
        ],
      }),
    );
    expect(review.stageMoves.map((m) => [m.deal.name, m.from, m.to, m.direction])).toEqual([
      ['Relecloud', 'Proposal', 'Discovery', 'back'],
      ['Coho', 'Discovery', 'Demo', 'forward'],
    ]);
  });

  test('a stage the order does not know is a plain change; a move there and back is no move', () => {
    const review = weeklyReview(
      input({
        deals,
        events: [
          change(coho, 'stage', 'Demo', 'On hold', 3),
          change(relecloud, 'stage', 'Demo', 'Proposal', 4),
          change(relecloud, 'stage', 'Proposal', 'Demo', 2),
        ],
      }),
    );
    expect(review.stageMoves.map((m) => [m.deal.name, m.direction])).toEqual([['Coho', 'changed']]);
  });

  test('amount changes, biggest drop first, as a share of the old amount', () => {
    const review = weeklyReview(
      input({
        deals,
        events: [change(coho, 'amount', '27000', '44000', 1), change(margie, 'amount', '58000', '39000', 2)],
      }),
    );
    expect(review.amountChanges.map((a) => [a.deal.name, a.from, a.to, Math.round(a.change * 100)])).toEqual([
      ["Margie's Travel", 58_000, 39_000, -33],
      ['Coho', 27_000, 44_000, 63],
    ]);
  });

  test('new warnings (raised this week, still open) and resolved ones (resolved this week)', () => {
    const review = weeklyReview(
      input({
        deals,
        warnings: [
          warning(datum.id, 'close-date-slipped', { raisedAt: NOW - 2 * DAY, score: 70 }),
          warning(coho.id, 'aging', {
            raisedAt: NOW - 3 * DAY,
            status: 'snoozed',
            snoozeUntil: NOW + DAY,
            score: 90,
          }),
          warning(margie.id, 'no-activity', { raisedAt: NOW - 30 * DAY }),
          warning(relecloud.id, 'no-next-step', {
            raisedAt: NOW - 3 * DAY,
            status: 'resolved',
            resolvedAt: NOW - DAY,
          }),
          warning(relecloud.id, 'aging', { status: 'resolved', resolvedAt: NOW - 10 * DAY }),
        ],
      }),
    );
    expect(review.raised.map((w) => w.ruleId)).toEqual(['aging', 'close-date-slipped']);
    expect(review.resolved.map((w) => w.ruleId)).toEqual(['no-next-step']);
  });

  test('deals gone quiet: last activity crossed two weeks during the last week (open deals only)', () => {
    const quiet = (key: string, daysAgo: number, outcome: 'open' | 'won' = 'open') =>
      deal(key, { lastActivity: new Date(NOW - daysAgo * DAY).toISOString().slice(0, 10), outcome });
    const list = [
      quiet('q13', 13),
      quiet('q14', 14),
      quiet('q20', 20),
      quiet('q21', 21),
      quiet('won', 16, 'won'),
      deal('unknown'),
    ];
    const review = weeklyReview(input({ deals: byId(list) }));
    expect(review.quiet.map((q) => [q.deal.key, q.days])).toEqual([
      ['q20', 20],
      ['q14', 14],
    ]);
  });

  test('the three deals most worth acting on first: the best-ranked showing groups', () => {
    const review = weeklyReview(
      input({
        deals,
        warnings: [
          warning(datum.id, 'close-date-slipped', { score: 95 }),
          warning(coho.id, 'aging', { score: 60 }),
          warning(margie.id, 'amount-dropped', { score: 80 }),
          warning(margie.id, 'no-activity', { score: 20 }),
          warning(relecloud.id, 'stage-regressed', { score: 99, status: 'dismissed' }),
          warning(relecloud.id, 'aging', { score: 10 }),
        ],
      }),
    );
    expect(review.top.map((g) => [g.deal.name, g.warnings[0]?.ruleId])).toEqual([
      ['Datum', 'close-date-slipped'],
      ["Margie's Travel", 'amount-dropped'],
      ['Coho', 'aging'],
    ]);
  });

  test('net changes drop unknown-to-unknown noise and keep each field apart', () => {
    const net = netChanges([
      change(coho, 'stage', 'Demo', 'Proposal', 1),
      change(coho, 'amount', '1', '2', 1),
      change(coho, 'nextActivity', null, null, 1),
    ]);
    expect(net.map((n) => n.field).sort()).toEqual(['amount', 'stage']);
  });
});
