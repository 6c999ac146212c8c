import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_DEAL_SPECS,
  type DemoDeal,
  type DemoRuleId,
  OPEN_STAGES,
  SNAPSHOT_CHANGES,
  SNAPSHOTS,
  STAGES,
  type Snapshot,
  dayOf,
  demoDeals,
} from '../../../demo/data';
import { type DemoServer, escapeHtml, formatDay, formatUsd, startDemoServer } from '../../../demo/server';

// ---------------------------------------------------------------------------------------------
// Plain date arithmetic, independent of the demo's own helpers.

const DAY_MS = 86_400_000;
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
/** Whole days from `day` to `today` (positive = `day` is in the past). */
const ago = (day: string, today: string): number => dayNumber(today) - dayNumber(day);
/** Whole days from `today` to `day` (positive = `day` is in the future). */
const until = (day: string, today: string): number => dayNumber(day) - dayNumber(today);

const isOpen = (d: DemoDeal): boolean => d.stage !== 'Closed Won' && d.stage !== 'Closed Lost';
// The brief says Qualified/Discovery/Demo; the radar counts only the first half of the open stages
// (Qualified, Discovery) as early, so the demo's deal for this rule sits in Discovery to satisfy both.
const EARLY_STAGES: readonly string[] = ['Qualified', 'Discovery'];

type DealRuleId = Exclude<
  DemoRuleId,
  'stage-bottleneck' | 'pipeline-going-quiet' | 'close-date-slipped' | 'stage-regressed' | 'amount-dropped'
>;

/** The first-visit conditions from the brief, one per deal rule, on an open deal. */
const DEAL_CONDITIONS: Record<DealRuleId, (d: DemoDeal, today: string) => boolean> = {
  'no-activity': (d, t) => ago(d.lastActivity, t) > 14,
  'stalled-in-stage': (d, t) => ago(d.stageEntered, t) > 21,
  'close-date-passed': (d, t) => until(d.closeDate, t) < 0,
  'closing-soon-idle': (d, t) =>
    until(d.closeDate, t) >= 0 && until(d.closeDate, t) <= 7 && ago(d.lastActivity, t) > 7,
  'closing-soon-early-stage': (d, t) =>
    until(d.closeDate, t) >= 0 && until(d.closeDate, t) <= 14 && EARLY_STAGES.includes(d.stage),
  'no-next-step': (d) => d.nextActivity === null && d.nextStep === null,
  'next-step-overdue': (d, t) => d.nextActivity !== null && until(d.nextActivity, t) < 0,
  'next-step-after-close': (d) =>
    d.nextActivity !== null && dayNumber(d.nextActivity) > dayNumber(d.closeDate),
  aging: (d, t) => ago(d.created, t) > 90,
  'single-threaded': (d) => d.contacts.length === 1,
  'too-good-to-be-true': (d, t) =>
    (d.stage === 'Negotiation' || d.stage === 'Proposal') && ago(d.lastActivity, t) >= 14,
};
const DEAL_RULES = Object.keys(DEAL_CONDITIONS) as DealRuleId[];

function isDealRule(id: DemoRuleId): id is DealRuleId {
  return id in DEAL_CONDITIONS;
}

/** Stages with at least 3 open deals of which at least half are over 21 days in stage. */
function bottleneckStages(deals: DemoDeal[], today: string): string[] {
  return OPEN_STAGES.filter((stage) => {
    const inStage = deals.filter((d) => d.stage === stage);
    const stalled = inStage.filter((d) => ago(d.stageEntered, today) > 21);
    return inStage.length >= 3 && stalled.length >= inStage.length / 2;
  });
}

/** Share of open deals last active in days 0–7 and in days 8–14. */
function activityShares(deals: DemoDeal[], today: string): { recent: number; prior: number } {
  const open = deals.filter(isOpen);
  const recent = open.filter((d) => ago(d.lastActivity, today) <= 7).length / open.length;
  const prior =
    open.filter((d) => ago(d.lastActivity, today) >= 8 && ago(d.lastActivity, today) <= 14).length /
    open.length;
  return { recent, prior };
}

const TODAYS = ['2026-11-03', '2024-02-29', '2025-12-31', '2027-01-01', dayOf(new Date())];
const HISTORY_CHANGED = [1008, 1011, 1012, 1015, 1016];

describe('demo data', () => {
  const first = demoDeals(1, '2026-11-03');

  it('has 14–18 deals with unique ids and names, USD 4k–250k, one won and one lost', () => {
    expect(first.length).toBeGreaterThanOrEqual(14);
    expect(first.length).toBeLessThanOrEqual(18);
    expect(new Set(first.map((d) => d.id)).size).toBe(first.length);
    expect(new Set(first.map((d) => d.name)).size).toBe(first.length);
    for (const d of first) {
      expect(d.amount).toBeGreaterThanOrEqual(4_000);
      expect(d.amount).toBeLessThanOrEqual(250_000);
      expect(STAGES).toContain(d.stage);
      expect(d.contacts.length).toBeGreaterThan(0);
    }
    expect(first.filter((d) => d.stage === 'Closed Won')).toHaveLength(1);
    expect(first.filter((d) => d.stage === 'Closed Lost')).toHaveLength(1);
    expect(first.some((d) => d.name.includes('<img src=x onerror=alert(1)>'))).toBe(true);
  });

  it('turns offsets into calendar days for the given today, across month, year and leap-day edges', () => {
    const byId = (deals: DemoDeal[], id: number): DemoDeal => {
      const deal = deals.find((d) => d.id === id);
      if (!deal) throw new Error(`no deal ${id}`);
      return deal;
    };
    expect(byId(first, 1001).closeDate).toBe('2026-11-27');
    expect(byId(first, 1001).lastActivity).toBe('2026-11-02');
    expect(byId(demoDeals(1, '2024-02-29'), 1001).lastActivity).toBe('2024-02-28');
    expect(byId(demoDeals(1, '2024-03-01'), 1001).lastActivity).toBe('2024-02-29');
    expect(byId(demoDeals(1, '2025-12-31'), 1001).nextActivity).toBe('2026-01-03');
    expect(demoDeals(1, new Date(2026, 10, 3, 23, 30))).toEqual(first);
    expect(() => demoDeals(1, '2026-02-30')).toThrow();
  });

  for (const today of TODAYS) {
    describe(`with today = ${today}`, () => {
      const deals = demoDeals(1, today);
      const open = deals.filter(isOpen);

      it('keeps dates consistent: created first, nothing done in the future', () => {
        for (const d of deals) {
          expect(ago(d.created, today)).toBeGreaterThan(0);
          expect(dayNumber(d.stageEntered)).toBeGreaterThanOrEqual(dayNumber(d.created));
          expect(dayNumber(d.lastActivity)).toBeGreaterThanOrEqual(dayNumber(d.created));
          expect(ago(d.lastActivity, today)).toBeGreaterThanOrEqual(0);
          expect(ago(d.stageEntered, today)).toBeGreaterThanOrEqual(0);
        }
      });

      for (const rule of DEAL_RULES) {
        it(`has an open deal for ${rule}`, () => {
          expect(open.filter((d) => DEAL_CONDITIONS[rule](d, today)).length).toBeGreaterThan(0);
        });
      }

      it('has one open deal quiet for over 30 days (critical no-activity)', () => {
        expect(open.some((d) => ago(d.lastActivity, today) > 30)).toBe(true);
      });

      it('means what it says: every deal rule a deal lists holds for that deal', () => {
        for (const spec of DEMO_DEAL_SPECS) {
          const deal = deals.find((d) => d.id === spec.id);
          expect(deal).toBeDefined();
          if (!deal) continue;
          for (const rule of spec.meantToFire.filter(isDealRule)) {
            expect({ id: deal.id, rule, holds: DEAL_CONDITIONS[rule](deal, today) }).toEqual({
              id: deal.id,
              rule,
              holds: true,
            });
          }
        }
      });

      it('has a stage bottleneck in every snapshot', () => {
        for (const s of SNAPSHOTS) expect(bottleneckStages(demoDeals(s, today), today)).toEqual(['Proposal']);
        const listed = DEMO_DEAL_SPECS.filter((s) => s.meantToFire.includes('stage-bottleneck'));
        for (const spec of listed) {
          const deal = deals.find((d) => d.id === spec.id);
          expect(deal?.stage).toBe('Proposal');
        }
      });

      it('keeps last activities off the week boundaries (7 or 14 days ago) so either counting holds', () => {
        expect(open.filter((d) => [7, 14].includes(ago(d.lastActivity, today)))).toEqual([]);
      });

      it('has a pipeline going quiet: share active in days 0–7 at least 30% below days 8–14', () => {
        for (const s of SNAPSHOTS) {
          const { recent, prior } = activityShares(demoDeals(s, today), today);
          expect(prior).toBeGreaterThan(0);
          expect(recent).toBeLessThanOrEqual(prior * 0.7);
        }
      });

      it('keeps the healthy deals healthy and clear of every deal rule', () => {
        const healthy = DEMO_DEAL_SPECS.filter((s) => s.meantToFire.length === 0).map((s) => s.id);
        const healthyOpen = open.filter((d) => healthy.includes(d.id));
        expect(healthyOpen.length).toBeGreaterThanOrEqual(4);
        for (const d of healthyOpen) {
          expect(ago(d.lastActivity, today)).toBeLessThanOrEqual(14);
          expect(d.nextActivity).not.toBeNull();
          expect(until(d.nextActivity ?? d.closeDate, today)).toBeGreaterThan(0);
          expect(d.contacts.length).toBeGreaterThanOrEqual(3);
          expect(until(d.closeDate, today)).toBeGreaterThanOrEqual(21);
          expect(DEAL_RULES.filter((rule) => DEAL_CONDITIONS[rule](d, today))).toEqual([]);
        }
        expect(healthyOpen.filter((d) => ago(d.lastActivity, today) <= 7).length).toBeGreaterThanOrEqual(3);
      });
    });
  }

  describe('later visits', () => {
    const today = '2026-11-03';
    const snaps = new Map<Snapshot, Map<number, DemoDeal>>(
      SNAPSHOTS.map((s) => [s, new Map(demoDeals(s, today).map((d) => [d.id, d]))]),
    );
    const deal = (s: Snapshot, id: number): DemoDeal => {
      const found = snaps.get(s)?.get(id);
      if (!found) throw new Error(`no deal ${id} in snapshot ${s}`);
      return found;
    };
    const changedIds = (a: Snapshot, b: Snapshot): number[] =>
      DEMO_DEAL_SPECS.map((s) => s.id).filter(
        (id) => JSON.stringify(deal(a, id)) !== JSON.stringify(deal(b, id)),
      );

    it('changes only the scripted deals', () => {
      expect(changedIds(1, 2)).toEqual(HISTORY_CHANGED);
      expect(changedIds(2, 3)).toEqual([1008]);
      expect([...new Set(SNAPSHOT_CHANGES.map((c) => c.id))].sort()).toEqual(HISTORY_CHANGED);
    });

    it('slips one close date by 35+ days, and another twice', () => {
      expect(dayNumber(deal(2, 1015).closeDate) - dayNumber(deal(1, 1015).closeDate)).toBeGreaterThanOrEqual(
        35,
      );
      expect(dayNumber(deal(2, 1008).closeDate)).toBeGreaterThan(dayNumber(deal(1, 1008).closeDate));
      expect(dayNumber(deal(3, 1008).closeDate)).toBeGreaterThan(dayNumber(deal(2, 1008).closeDate));
    });

    it('moves a deal back from Proposal to Discovery', () => {
      expect(deal(1, 1016).stage).toBe('Proposal');
      expect(deal(2, 1016).stage).toBe('Discovery');
      expect(deal(3, 1016).stage).toBe('Discovery');
      expect(ago(deal(2, 1016).stageEntered, today)).toBeLessThan(ago(deal(1, 1016).stageEntered, today));
    });

    it('drops one amount by 30%+ and lifts another by 60%+ without stage progress', () => {
      expect(deal(2, 1012).amount).toBeLessThanOrEqual(deal(1, 1012).amount * 0.7);
      expect(deal(2, 1011).amount).toBeGreaterThanOrEqual(deal(1, 1011).amount * 1.6);
      expect(deal(2, 1011).stage).toBe(deal(1, 1011).stage);
    });

    it('changes only the fields each change names', () => {
      for (const c of SNAPSHOT_CHANGES) {
        const before = deal((c.snapshot - 1) as Snapshot, c.id);
        const after = deal(c.snapshot, c.id);
        const changedFields = (Object.keys(before) as Array<keyof DemoDeal>).filter(
          (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
        );
        expect(changedFields.sort()).toEqual(Object.keys(c.change).sort());
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The server.

const TODAY = '2026-11-03';
const LIST_HEADERS = [
  'Deal Name',
  'Stage',
  'Amount',
  'Close Date',
  'Last Activity',
  'Next Activity',
  'Next Step',
  'Owner',
  'Contacts',
  'Created',
  'Stage Entered',
];
const RECORD_LABELS = LIST_HEADERS.filter((h) => h !== 'Deal Name');

const window = new Window();
type ParsedDocument = ReturnType<InstanceType<typeof window.DOMParser>['parseFromString']>;
const parse = (text: string): ParsedDocument => new window.DOMParser().parseFromString(text, 'text/html');
const text = (node: { textContent: string | null } | null | undefined): string =>
  node?.textContent?.trim() ?? '';

let server: DemoServer;

async function get(path: string, init: RequestInit = {}): Promise<{ res: Response; body: string }> {
  const res = await fetch(`${server.url}${path}`, { redirect: 'manual', ...init });
  return { res, body: await res.text() };
}

async function page(path: string): Promise<{ res: Response; body: string; doc: ParsedDocument }> {
  const { res, body } = await get(path);
  return { res, body, doc: parse(body) };
}

/** Cells of the deal list by deal id. */
async function listRows(snapshot: Snapshot): Promise<Map<number, string[]>> {
  const { doc } = await page(snapshot === 1 ? '/deals' : `/deals?snapshot=${snapshot}`);
  const rows = new Map<number, string[]>();
  for (const tr of doc.querySelectorAll('tbody tr')) {
    const href = tr.querySelector('a')?.getAttribute('href') ?? '';
    const id = Number(/^\/deals\/(\d+)/.exec(href)?.[1]);
    rows.set(
      id,
      [...tr.querySelectorAll('td')].map((td) => text(td)),
    );
  }
  return rows;
}

function expectHtmlPage(res: Response, body: string): void {
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(body).toMatch(/^<!doctype html>\s*<html lang="en-US">/);
  expect(body).toContain('<link rel="icon" href="data:,">');
  // Nothing the browser would fetch from elsewhere: no scripts, images or remote URLs.
  expect(body).not.toMatch(/<script|<img|<iframe|@import|url\(/i);
  expect(body).not.toMatch(/(src|href)="(https?:)?\/\//i);
}

describe('demo server', () => {
  const deals = demoDeals(1, TODAY);
  const openDeals = deals.filter(isOpen);

  beforeAll(async () => {
    server = await startDemoServer({ port: 0, today: TODAY });
  });
  afterAll(async () => {
    await server.close();
    await window.happyDOM.close();
  });

  it('listens on 127.0.0.1 on a free port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers /health with ok', async () => {
    const { res, body } = await get('/health');
    expect(res.status).toBe(200);
    expect(body).toBe('ok');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('redirects / to /deals, keeping the snapshot', async () => {
    const plain = await get('/');
    expect(plain.res.status).toBe(302);
    expect(plain.res.headers.get('location')).toBe('/deals');
    const second = await get('/?snapshot=2');
    expect(second.res.headers.get('location')).toBe('/deals?snapshot=2');
  });

  it('lists every deal in a table with the exact headers', async () => {
    const { res, body, doc } = await page('/deals');
    expect(res.status).toBe(200);
    expectHtmlPage(res, body);
    expect([...doc.querySelectorAll('table thead tr th')].map((th) => text(th))).toEqual(LIST_HEADERS);
    const links = [...doc.querySelectorAll('tbody tr td:first-child a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(deals.map((d) => `/deals/${d.id}`));
    expect(links.map((a) => a.textContent)).toEqual(deals.map((d) => d.name));
    expect(text(doc.querySelector('header'))).toContain('Demo CRM');
  });

  it('escapes HTML in deal names', async () => {
    const { body, doc } = await page('/deals');
    expect(body).not.toContain('<img src=x');
    expect(body).not.toContain('<b>yard');
    expect(body).toContain(escapeHtml('"Beta" <b>yard</b> pilot <img src=x onerror=alert(1)>'));
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(doc.querySelectorAll('tbody img, tbody b')).toHaveLength(0);
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });

  it('formats cells like a US CRM', async () => {
    const rows = await listRows(1);
    expect(rows.get(1001)).toEqual([
      'Northwind Logistics — fleet telematics renewal',
      'Negotiation',
      '$148,000.00',
      'Nov 27, 2026',
      'Yesterday',
      'Nov 6, 2026',
      'Redline review with their procurement team',
      'Maya Patel',
      '4',
      'Aug 31, 2026',
      'Oct 28, 2026',
    ]);
    expect(rows.get(1003)?.[4]).toBe('2 days ago');
    expect(rows.get(1010)?.slice(5, 7)).toEqual(['--', '--']);
    expect(rows.get(1013)?.[8]).toBe('1');
    for (const d of deals) {
      const cells = rows.get(d.id) ?? [];
      expect(cells[2]).toBe(formatUsd(d.amount));
      expect(cells[2]).toMatch(/^\$\d{1,3}(,\d{3})*\.\d{2}$/);
      expect(cells[3]).toBe(formatDay(d.closeDate));
      expect(cells[3]).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
      expect(cells[4]).toMatch(/^(Today|Yesterday|\d days ago|[A-Z][a-z]{2} \d{1,2}, \d{4})$/);
      expect(cells[8]).toBe(String(d.contacts.length));
    }
  });

  it('shows a board with one column per open stage and a card per open deal', async () => {
    const { res, body, doc } = await page('/board');
    expect(res.status).toBe(200);
    expectHtmlPage(res, body);
    const sections = [...doc.querySelectorAll('section')];
    expect(sections.map((s) => text(s.querySelector('h2')))).toEqual(
      OPEN_STAGES.map((stage) => `${stage} (${openDeals.filter((d) => d.stage === stage).length})`),
    );
    sections.forEach((section, i) => {
      const stage = OPEN_STAGES[i];
      const titles = [...section.querySelectorAll('article h3 a')].map((a) => a.textContent);
      expect(titles).toEqual(openDeals.filter((d) => d.stage === stage).map((d) => d.name));
    });
    expect(doc.querySelectorAll('article')).toHaveLength(openDeals.length);
    expect(body).not.toContain('Graphic Design Institute');
    expect(body).not.toContain('Humongous Insurance');

    const icon = (id: number): string | null => {
      const card = [...doc.querySelectorAll('article')].find(
        (a) => a.querySelector('a')?.getAttribute('href') === `/deals/${id}`,
      );
      return card?.querySelector('span[role="img"]')?.getAttribute('aria-label') ?? null;
    };
    expect(icon(1011)).toBe('Overdue activity');
    expect(icon(1009)).toBe('Activity today');
    expect(icon(1010)).toBe('No activity scheduled');
    expect(icon(1001)).toBe('Activity planned');
  });

  it('shows every deal record with its name, stage path and fields', async () => {
    for (const d of deals) {
      const { res, body, doc } = await page(`/deals/${d.id}`);
      expect(res.status).toBe(200);
      expectHtmlPage(res, body);
      expect(doc.querySelector('h1')?.textContent).toBe(d.name);
      const current = doc.querySelectorAll('ol[aria-label="Stage path"] li[aria-current="step"]');
      expect(current).toHaveLength(1);
      expect(text(current[0])).toBe(d.stage);
      const labels = [...doc.querySelectorAll('dl dt')].map((dt) => text(dt));
      expect(labels).toEqual(RECORD_LABELS);
      const values = new Map(
        [...doc.querySelectorAll('dl dt')].map((dt) => [text(dt), text(dt.nextElementSibling)]),
      );
      expect(values.get('Amount')).toBe(formatUsd(d.amount));
      expect(values.get('Close Date')).toBe(formatDay(d.closeDate));
      expect(values.get('Last Activity')).toBe(formatDay(d.lastActivity));
      expect(values.get('Next Activity')).toBe(d.nextActivity === null ? '--' : formatDay(d.nextActivity));
      expect(values.get('Next Step')).toBe(d.nextStep ?? '--');
      expect(values.get('Contacts')).toBe(d.contacts.join(', '));
      expect(values.get('Stage Entered')).toBe(formatDay(d.stageEntered));
    }
  });

  it('serves a plain non-CRM blog page', async () => {
    const { res, body, doc } = await page('/blog');
    expect(res.status).toBe(200);
    expectHtmlPage(res, body);
    expect(doc.querySelectorAll('table, dl, ol, section')).toHaveLength(0);
    expect(body).not.toContain('Demo CRM');
    expect(body).not.toContain('Northwind');
  });

  it('answers 404 for unknown paths and deals, 400 for unknown snapshots, 405 for writes', async () => {
    for (const path of [
      '/nope',
      '/deals/9999',
      '/deals/abc',
      '/deals/',
      '/deals/1001/edit',
      '/favicon.ico',
    ]) {
      const { res } = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    expect((await get('/deals?snapshot=4')).res.status).toBe(400);
    const post = await get('/deals', { method: 'POST', body: 'x' });
    expect(post.res.status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const { res, body } = await get('/deals', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(body).toBe('');
  });

  it('keeps the snapshot in every CRM link', async () => {
    for (const path of ['/deals?snapshot=2', '/board?snapshot=2', '/deals/1001?snapshot=2']) {
      const { doc } = await page(path);
      const hrefs = [...doc.querySelectorAll('a[href]')]
        .filter((a) => !a.closest('.visits'))
        .map((a) => a.getAttribute('href') ?? '');
      expect(hrefs.length).toBeGreaterThan(1);
      for (const href of hrefs) expect(href).toMatch(/\?snapshot=2$/);
    }
  });

  it('changes only the scripted deals on the second and third visit', async () => {
    const [one, two, three] = await Promise.all([listRows(1), listRows(2), listRows(3)]);
    const differing = (a: Map<number, string[]>, b: Map<number, string[]>): number[] =>
      [...a.keys()].filter((id) => JSON.stringify(a.get(id)) !== JSON.stringify(b.get(id)));
    expect(differing(one, two)).toEqual(HISTORY_CHANGED);
    expect(differing(two, three)).toEqual([1008]);
    expect(two.get(1016)?.[1]).toBe('Discovery');
    expect(two.get(1012)?.[2]).toBe('$39,000.00');
    expect(two.get(1011)?.[2]).toBe('$44,000.00');
    expect(two.get(1015)?.[3]).toBe('Dec 6, 2026');
    expect(three.get(1008)?.[3]).toBe('Dec 27, 2026');
    const { doc } = await page('/deals/1016?snapshot=2');
    expect(text(doc.querySelector('li[aria-current="step"]'))).toBe('Discovery');
  });

  it('takes today from DEMO_TODAY when not given', async () => {
    const saved = process.env.DEMO_TODAY;
    process.env.DEMO_TODAY = '2027-03-01';
    const pinned = await startDemoServer({ port: 0 });
    try {
      const res = await fetch(`${pinned.url}/deals/1001`);
      const doc = parse(await res.text());
      const values = [...doc.querySelectorAll('dl dd')].map((dd) => text(dd));
      expect(values).toContain('Mar 25, 2027');
    } finally {
      await pinned.close();
      if (saved === undefined) delete process.env.DEMO_TODAY;
      else process.env.DEMO_TODAY = saved;
    }
  });
});
