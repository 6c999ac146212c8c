/**
 * Radar benchmark: `npx tsx tests/bench/radar.bench.ts` (npm run bench).
 * Scores 100,000 generated deals with history against every rule and compares the time with a
 * baseline loop, in the same run, that reads the same fields (turning each date into a day
 * number, the least any date check needs). Warm-up, then the median of several runs. The last
 * line is `BENCH_JSON [...]` for a runner to gather.
 */
import { addDays, dayNumber } from '../../src/radar/days';
import { evaluateSite, type SiteInput } from '../../src/radar/evaluate';
import type { ChangeEvent, Deal } from '../../src/radar/model';
import { defaultRadarSettings } from '../../src/radar/settings-schema';

const DEALS = 100_000;
const WARMUP = 3;
const RUNS = 9;
const TARGET_MS = 200;
const TARGET_RATIO = 5;
const NOW = Date.UTC(2026, 10, 20, 12);
const TODAY = '2026-11-20';
const SITE = 'bench.example.com';
const STAGES = ['Lead', 'Qualified', 'Demo', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'];

/** mulberry32: a small seeded PRNG, so every run scores the same deals. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(n: number): SiteInput {
  const rand = prng(42);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)] as T;
  const maybe = <T>(p: number, value: () => T): T | undefined => (rand() < p ? value() : undefined);
  const at = (daysAgo: number) => NOW - daysAgo * 86_400_000 - int(0, 36_000_000);
  const deals: SiteInput['deals'] = [];
  for (let i = 0; i < n; i++) {
    const id = `${SITE}|deal-${i}`;
    const roll = rand();
    const stage = roll < 0.05 ? 'Closed Won' : roll < 0.1 ? 'Closed Lost' : pick(STAGES.slice(0, 5));
    const amount = Math.round(1000 + rand() * rand() * 250_000);
    const history: ChangeEvent[] = [];
    const events = int(0, 6);
    let close = addDays(TODAY, int(-30, 90));
    for (let e = 0; e < events; e++) {
      const field = pick(['stage', 'closeDate', 'amount', 'nextActivity'] as const);
      const when = at(int(1, 120));
      if (field === 'stage') history.push({ dealId: id, site: SITE, field, from: pick(STAGES), to: stage, at: when });
      else if (field === 'closeDate') {
        const moved = addDays(close, int(-10, 30));
        history.push({ dealId: id, site: SITE, field, from: close, to: moved, at: when });
        close = moved;
      } else if (field === 'amount') {
        history.push({ dealId: id, site: SITE, field, from: String(Math.round(amount * (0.5 + rand()))), to: String(amount), at: when });
      } else history.push({ dealId: id, site: SITE, field, from: null, to: addDays(TODAY, int(-20, 20)), at: when });
    }
    history.sort((a, b) => a.at - b.at);
    const deal: Deal = {
      id,
      site: SITE,
      siteId: 'generic',
      key: `deal-${i}`,
      name: `Deal ${int(1, 50_000)} ${pick(['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli'])}`,
      stage,
      amount,
      currency: pick(['EUR', 'USD', 'GBP']),
      closeDate: maybe(0.9, () => close),
      lastActivity: maybe(0.85, () => addDays(TODAY, -int(0, 60))),
      nextActivity: maybe(0.5, () => addDays(TODAY, int(-15, 30))),
      nextStep: maybe(0.2, () => 'Follow up'),
      created: maybe(0.7, () => addDays(TODAY, -int(5, 400))),
      stageEntered: maybe(0.4, () => addDays(TODAY, -int(0, 90))),
      probability: maybe(0.4, () => int(5, 95)),
      contacts: maybe(0.6, () => int(0, 5)),
      shown: rand() < 0.5 ? ['name', 'stage', 'amount', 'closeDate', 'nextActivity', 'contacts'] : ['name', 'stage', 'amount'],
      flags: rand() < 0.1 ? [pick(['activity-overdue', 'activity-none', 'activity-planned', 'activity-today'] as const)] : [],
      outcome: stage === 'Closed Won' ? 'won' : stage === 'Closed Lost' ? 'lost' : 'open',
      firstSeen: at(int(0, 300)),
      lastSeen: NOW,
      stageSeenSince: at(int(0, 120)),
    };
    deals.push({ deal, history });
  }
  return { site: SITE, stageOrder: STAGES, deals };
}

/** Reads every field the rules read, parsing each date to a day number; returns a checksum. */
function baseline(input: SiteInput): number {
  let sum = 0;
  for (const { deal, history } of input.deals) {
    sum += deal.outcome.length + (deal.stage?.length ?? 0) + (deal.amount ?? 0) + (deal.probability ?? 0);
    sum += (deal.contacts ?? 0) + deal.shown.length + deal.flags.length + (deal.nextStep?.length ?? 0);
    sum += dayNumber(deal.closeDate) || 0;
    sum += dayNumber(deal.lastActivity) || 0;
    sum += dayNumber(deal.nextActivity) || 0;
    sum += dayNumber(deal.created) || 0;
    sum += dayNumber(deal.stageEntered) || 0;
    sum += deal.firstSeen + deal.stageSeenSince;
    for (const e of history) sum += e.field.length + (e.from?.length ?? 0) + (e.to?.length ?? 0) + e.at;
  }
  return sum;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time(run: () => unknown): number {
  for (let i = 0; i < WARMUP; i++) run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

import { createClock } from '../../src/radar/clock';
import { daysInStage, stageKey } from '../../src/radar/stages';
import { dayOf as rawDayOf } from '../../src/radar/days';
const input = generate(DEALS);
const clock = createClock(NOW, { business: false, weekend: [0, 6] }, 'UTC');
const cpu = (name: string, f: () => number) => { for (let i = 0; i < 2; i++) { const c = process.cpuUsage(); const n = f(); const d = process.cpuUsage(c); console.log(name.padEnd(20), ((d.user + d.system) / 1000).toFixed(0), n); } };
cpu('daysInStage', () => { let s = 0; for (const { deal, history } of input.deals) s += daysInStage(deal, history, clock)?.days ?? 0; return s; });
cpu('stageKey', () => { let s = 0; for (const { deal } of input.deals) s += stageKey(deal.stage ?? '').length; return s; });
cpu('clock.dayOf', () => { let s = 0; for (const { deal } of input.deals) s += clock.dayOf(deal.stageSeenSince).length; return s; });
cpu('clock.days', () => { let s = 0; for (const { deal } of input.deals) s += clock.days(deal.lastActivity, clock.today) || 0; return s; });
cpu('raw dayOf x1000', () => { let s = 0; for (let i = 0; i < 1000; i++) s += rawDayOf(NOW + i * 1e6, 'UTC').length; return s; });
