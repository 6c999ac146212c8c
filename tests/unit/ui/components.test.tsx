// @vitest-environment happy-dom
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { type Actions, ActionsContext } from '../../../src/ui/actions';
import { safeDealUrl } from '../../../src/sites/deal-url';
import { DealCard, OnOpenTab } from '../../../src/ui/deal-card';
import { DealList, FIRST_CARDS } from '../../../src/ui/deal-list';
import { groupByDeal } from '../../../src/store/grouping';
import { SnoozePanel, startOfDay } from '../../../src/ui/snooze-panel';
import { TrendChart } from '../../../src/ui/trend-chart';
import { dailyTotals } from '../../../src/ui/trend';
import { byId, DAY, deal, NOW, SITE, warning } from './fixtures';

let root: HTMLElement;

function mount(node: preact.ComponentChild): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(node, root));
  return root;
}

afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

function fakeActions(): Actions & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    selected: new Map(),
    changed: new Map(),
    select: (...args) => void calls.push(['select', ...args]),
    listed: () => {},
    snooze: (...args) => void calls.push(['snooze', ...args]),
    dismiss: (...args) => void calls.push(['dismiss', ...args]),
    restore: (...args) => void calls.push(['restore', ...args]),
    open: (...args) => void calls.push(['open', ...args]),
  };
}

describe('a deal card', () => {
  const hostile = deal('1', {
    name: '<img src=x onerror=alert(1)> Acme',
    url: 'https://crm.test/deals/1',
    stage: 'Demo',
    amount: 12000,
    currency: 'USD',
  });
  const group = () =>
    groupByDeal(
      [
        warning(hostile.id, 'no-activity', { severity: 'critical', facts: ['<b>37</b> days'], score: 90 }),
        warning(hostile.id, 'aging'),
      ],
      byId([hostile]),
    )[0];

  test('renders page text as text: severity, the rule title, facts and nudge; a link only to the CRM itself', () => {
    const g = group();
    if (!g) throw new Error('no group');
    const actions = fakeActions();
    const el = mount(
      <ActionsContext.Provider value={actions}>
        <DealCard group={g} />
      </ActionsContext.Provider>,
    );
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('.deal-name')?.textContent).toBe('<img src=x onerror=alert(1)> Acme');
    expect(el.querySelector('.deal-name a')?.getAttribute('href')).toBe('https://crm.test/deals/1');
    expect(el.querySelector('.warning h3')?.textContent).toBe('Critical No recent activity');
    expect(el.querySelector('.facts li')?.textContent).toBe('<b>37</b> days');
    expect(el.querySelector('.deal-meta')?.textContent).toMatch(/^Demo · \$12,000/);
    // Every checkbox has a label naming the warning and the deal.
    const box = el.querySelector<HTMLInputElement>('.warning .select');
    expect(el.querySelector(`label[for="${box?.id}"]`)?.textContent).toBe(
      'Select “No recent activity” on <img src=x onerror=alert(1)> Acme',
    );
  });

  test('says when the deal was last on a CRM page, once that is two days or more ago', () => {
    const at = (lastSeen: number, now: number, onOpenTab = (_: string) => false) => {
      const d = deal('seen', { lastSeen });
      const g = groupByDeal([warning(d.id, 'no-activity')], byId([d]))[0];
      if (!g) throw new Error('no group');
      const el = mount(
        <ActionsContext.Provider value={fakeActions()}>
          <OnOpenTab.Provider value={onOpenTab}>
            <DealCard group={g} now={now} />
          </OnOpenTab.Provider>
        </ActionsContext.Provider>,
      );
      const text = el.querySelector('.seen')?.textContent ?? null;
      act(() => render(null, root));
      root.remove();
      return text;
    };
    expect(at(NOW - 12 * DAY, NOW)).toBe('Last seen on a CRM page 12 days ago: the facts are as the page showed them then.');
    expect(at(NOW - 2 * DAY, NOW)).toBe('Last seen on a CRM page 2 days ago: the facts are as the page showed them then.');
    // Seen today or yesterday: the facts are fresh enough to say nothing.
    expect(at(NOW - DAY, NOW)).toBeNull();
    expect(at(NOW, NOW)).toBeNull();
    // On a page open in a tab: a page left open sends only the rows that change, so it is not stale.
    expect(at(NOW - 12 * DAY, NOW, (id) => id === `${SITE}|seen`)).toBeNull();
    expect(at(NOW - 12 * DAY, NOW, (id) => id === `${SITE}|other`)).not.toBeNull();
  });

  test('dismiss, open, and the snooze panel: reason first, then a choice; Escape closes it and gives focus back', () => {
    const g = group();
    if (!g) throw new Error('no group');
    const actions = fakeActions();
    const el = mount(
      <ActionsContext.Provider value={actions}>
        <DealCard group={g} />
      </ActionsContext.Provider>,
    );
    const buttons = (name: string) =>
      [...el.querySelectorAll('button')].filter((b) => b.textContent === name);
    act(() => buttons('Dismiss')[0]?.click());
    act(() => el.querySelector<HTMLAnchorElement>('.deal-name a')?.click());
    // The warning as the card shows it: the background dismisses it only if it is still so.
    const shown = { id: `${hostile.id}|no-activity`, fingerprint: 'no-activity:1', severity: 'critical' };
    expect(actions.calls).toEqual([
      ['dismiss', [shown]],
      ['open', hostile.id],
    ]);

    const toggle = buttons('Snooze…')[0];
    act(() => toggle?.click());
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    const reason = el.querySelector<HTMLInputElement>('.snooze-panel input[type=text]');
    expect(document.activeElement).toBe(reason);
    act(() => {
      if (reason) reason.value = '  waiting for budget  ';
      reason?.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const before = Date.now();
    act(() => buttons('3 days')[0]?.click());
    const [name, ids, until, why] = actions.calls[2] ?? [];
    expect([name, ids, why]).toEqual(['snooze', [shown], 'waiting for budget']);
    expect(Number(until) - before).toBeGreaterThanOrEqual(3 * DAY - 5);
    expect(Number(until) - before).toBeLessThan(3 * DAY + 1000);
    // The panel is gone; until the warning goes too (or if the snooze fails), the focus waits on its toggle.
    expect(el.querySelector('.snooze-panel')).toBeNull();
    expect(document.activeElement).toBe(toggle);

    act(() => buttons('Snooze…')[1]?.click());
    const panel = el.querySelector('.snooze-panel');
    act(() => void panel?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(el.querySelector('.snooze-panel')).toBeNull();
    expect(document.activeElement).toBe(buttons('Snooze…')[1]);
  });

  test('a deal sharing its name on its page: what tells it apart comes first; one nothing tells apart says its changes are not tracked', () => {
    const told = deal('Renewal 2027\nAcme', { name: 'Renewal 2027', stage: 'Demo' });
    const untold = deal('Renewal 2027\t2', { name: 'Renewal 2027', stage: 'Demo' });
    const groups = groupByDeal([warning(told.id, 'aging'), warning(untold.id, 'aging')], byId([told, untold]));
    const el = mount(
      <ActionsContext.Provider value={fakeActions()}>
        <ul>
          {groups.map((g) => (
            <DealCard key={g.deal.id} group={g} />
          ))}
        </ul>
      </ActionsContext.Provider>,
    );
    const card = (id: string) => el.querySelector(`[data-deal-id="${CSS.escape(id)}"]`);
    expect(card(told.id)?.querySelector('.deal-meta')?.textContent).toBe('Acme · Demo');
    expect(card(told.id)?.querySelector('.note')).toBeNull();
    expect(card(untold.id)?.querySelector('.deal-meta')?.textContent).toBe('Demo');
    expect(card(untold.id)?.querySelector('.note')?.textContent).toMatch(/same name.*not tracked/);
  });

  test('links only to the deal’s own CRM over http(s)', () => {
    expect(safeDealUrl('javascript:alert(1)', 'crm.test')).toBeUndefined();
    expect(safeDealUrl('https://evil.test/deals/1', 'crm.test')).toBeUndefined();
    expect(safeDealUrl('not a url', 'crm.test')).toBeUndefined();
    expect(safeDealUrl('http://crm.test:8080/d/1', 'crm.test:8080')).toBe('http://crm.test:8080/d/1');
  });

  test('"until a date" means the start of that day, local time', () => {
    expect(startOfDay('2026-12-05')).toBe(new Date(2026, 11, 5).getTime());
    expect(Number.isNaN(startOfDay(''))).toBe(true);
  });
});

describe('the trend chart', () => {
  test('an SVG image with a title and a description, and the same words as text', () => {
    const points = dailyTotals(
      [
        { site: 'a', day: '2026-11-18', active: 12 },
        { site: 'a', day: '2026-11-20', active: 8 },
        { site: 'a', day: '2026-11-27', active: 5 },
      ],
      '2026-11-27',
    );
    const el = mount(<TrendChart points={points} />);
    const svg = el.querySelector('svg');
    expect(svg?.getAttribute('role')).toBe('img');
    const [titleId, descId] = (svg?.getAttribute('aria-labelledby') ?? '').split(' ');
    expect(el.querySelector(`[id="${titleId}"]`)?.textContent).toBe('Active warnings per day, last 30 days');
    const summary = el.querySelector(`[id="${descId}"]`)?.textContent;
    // The latest day of the peak (12 carries over to the 19th), in the user's locale.
    expect(summary).toMatch(/^5 today\. 8 a week ago\. Highest: 12 on (Nov 19, 2026|19 Nov 2026)\.$/);
    expect(el.querySelector('figcaption')?.textContent).toContain(summary);
    expect(el.querySelectorAll('rect.trend-bar')).toHaveLength(10);
    expect(el.querySelectorAll('rect.today')).toHaveLength(1);
  });

  test('no history yet', () => {
    const el = mount(<TrendChart points={dailyTotals([], '2026-11-27')} />);
    expect(el.querySelector('figcaption')?.textContent).toMatch(/No history yet/);
    expect(el.querySelectorAll('rect')).toHaveLength(0);
  });
});

describe('a list of deals', () => {
  const groups = (n: number) => {
    const deals = Array.from({ length: n }, (_, i) => deal(`/deal/${i}`, { name: `Deal ${i}` }));
    return groupByDeal(
      deals.map((d, i) => warning(d.id, 'no-activity', { score: 90 - i })),
      byId(deals),
    );
  };
  const list = (n: number) => (
    <ActionsContext.Provider value={fakeActions()}>
      <DealList groups={groups(n)} total={n + 5} pageSize={20} onMore={() => {}} label="Deals" />
    </ActionsContext.Provider>
  );

  test('draws the cards in view first, the rest of the page a frame later', async () => {
    const el = mount(list(FIRST_CARDS + 4));
    const ol = el.querySelector('[data-testid=deals]');
    expect(el.querySelectorAll('.deal')).toHaveLength(FIRST_CARDS);
    expect(ol?.getAttribute('aria-busy')).toBe('true');
    expect(el.textContent).not.toContain('Show');
    await act(async () => {
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 5)));
    });
    expect(el.querySelectorAll('.deal')).toHaveLength(FIRST_CARDS + 4);
    expect(ol?.hasAttribute('aria-busy')).toBe(false);
    // "Show more" comes with the whole page, not under the first cards.
    expect(el.textContent).toContain('Show');
    expect([...el.querySelectorAll('.deal-name')].map((n) => n.textContent?.trim())).toEqual(
      Array.from({ length: FIRST_CARDS + 4 }, (_, i) => `Deal ${i}`),
    );
  });

  /** A list that grows by a page on "Show more", as the popup's query does. */
  function Growing({ total, linked }: { total: number; linked: (i: number) => boolean }) {
    const [count, setCount] = useState(20);
    const deals = Array.from({ length: count }, (_, i) =>
      deal(`/deal/${i}`, { name: `Deal ${i}`, ...(linked(i) ? { url: `https://${SITE}/deal/${i}` } : {}) }),
    );
    const shown = groupByDeal(
      deals.map((d, i) => warning(d.id, 'no-activity', { score: 90 - i / 100 })),
      byId(deals),
    );
    return (
      <ActionsContext.Provider value={fakeActions()}>
        <DealList
          groups={shown}
          total={total}
          pageSize={20}
          onMore={() => setCount(Math.min(total, count + 20))}
          label="Deals"
        />
      </ActionsContext.Provider>
    );
  }
  const nextFrame = () =>
    act(async () => {
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 5)));
    });

  test('"Show more" moves the focus to the first new deal, also when the button goes with the last page', async () => {
    const el = mount(<Growing total={45} linked={() => true} />);
    await nextFrame();
    const more = () => el.querySelector<HTMLButtonElement>('button.more');
    expect(more()?.textContent).toBe('Show 20 more (25 left)');
    more()?.focus();
    act(() => more()?.click());
    const cards = () => el.querySelectorAll<HTMLElement>('.deal');
    expect(cards()).toHaveLength(40);
    expect(document.activeElement).toBe(cards()[20]?.querySelector('a'));
    expect(document.activeElement?.textContent).toBe('Deal 20');
    expect(more()?.textContent).toBe('Show 5 more (5 left)');

    // The last page: the button goes, and the focus does not go with it.
    act(() => more()?.click());
    expect(cards()).toHaveLength(45);
    expect(more()).toBeNull();
    expect(document.activeElement).toBe(cards()[40]?.querySelector('a'));
  });

  test('"Show more" to a deal without a link: the card itself takes the focus', async () => {
    const el = mount(<Growing total={30} linked={(i) => i < 20} />);
    await nextFrame();
    act(() => el.querySelector<HTMLButtonElement>('button.more')?.click());
    const card = el.querySelectorAll<HTMLElement>('.deal')[20];
    expect(card?.querySelector('a')).toBeNull();
    expect(document.activeElement).toBe(card);
    expect(card?.tabIndex).toBe(-1);
  });

  test('a short list is drawn whole at once', () => {
    const el = mount(list(3));
    expect(el.querySelectorAll('.deal')).toHaveLength(3);
    expect(el.querySelector('[aria-busy]')).toBeNull();
  });
});

describe('SnoozePanel', () => {
  test('has focus in the reason field as soon as it is rendered, before any paint', () => {
    root = document.createElement('div');
    document.body.append(root);
    // Not in act(): that would also run the effects that wait for a paint.
    render(<SnoozePanel label="Snooze No activity" onSnooze={() => {}} onCancel={() => {}} />, root);
    const input = root.querySelector('input[type=text]');
    expect(input).not.toBeNull();
    expect(document.activeElement).toBe(input);
  });
});
