import { describe, expect, it } from 'vitest';
import { createClock } from '../../../src/radar/clock';
import {
  countDays,
  daysAgo,
  formatAmount,
  formatDay,
  lastActivityFact,
  listNames,
  Memo,
  percent,
  ThresholdLine,
} from '../../../src/radar/format';

describe('format', () => {
  it.each([
    ['2026-11-03', '3 Nov 2026'],
    ['2026-01-31', '31 Jan 2026'],
    ['not a day', 'not a day'],
  ])('formatDay(%s) = %s', (day, text) => {
    expect(formatDay(day)).toBe(text);
  });

  it.each([
    [120_000, 'EUR', '€120,000'],
    [1_250_000.4, 'GBP', '£1,250,000'],
    [12_500, 'kr', '12,500 kr'],
    [12_500.5, undefined, '12,500.5'],
  ])('formatAmount(%d, %s) = %s', (amount, currency, text) => {
    expect(formatAmount(amount, currency)).toBe(text);
  });

  it.each([
    [1, false, '1 day', 'yesterday'],
    [5, false, '5 days', '5 days ago'],
    [1, true, '1 business day', '1 business day ago'],
    [0, true, '0 business days', 'today'],
  ])('countDays/daysAgo(%i, business %s)', (n, business, count, ago) => {
    expect(countDays(n, business)).toBe(count);
    expect(daysAgo(n, business)).toBe(ago);
  });

  it('writes percentages and short lists', () => {
    expect(percent(0.625)).toBe('63%');
    expect(listNames(['a', 'b'])).toBe('a, b');
    expect(listNames(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe('a, b, c, d, e and 2 more');
  });

  it('names the first few of a longer list when given the total', () => {
    expect(listNames(['a', 'b', 'c', 'd', 'e', 'f'], 5, 40)).toBe('a, b, c, d, e and 35 more');
    expect(listNames(['a', 'b'], 5, 2)).toBe('a, b');
  });

  it('keeps memoised facts for one clock only', () => {
    const memo = new Memo<number>();
    const calendar = createClock(Date.UTC(2026, 10, 20, 12), { business: false, weekend: [0, 6] }, 'UTC');
    expect(memo.get(calendar, 1)).toBeUndefined();
    expect(memo.set(1, 'one')).toBe('one');
    expect(memo.get(calendar, 1)).toBe('one');
    // Same day, other unit: a new clock, so the memo starts over.
    const business = createClock(Date.UTC(2026, 10, 20, 12), { business: true, weekend: [0, 6] }, 'UTC');
    expect(memo.get(business, 1)).toBeUndefined();
  });

  it('says the last activity per clock, shared by every warning that says it', () => {
    const now = Date.UTC(2026, 10, 20, 12);
    const calendar = createClock(now, { business: false, weekend: [0, 6] }, 'UTC');
    const business = createClock(now, { business: true, weekend: [0, 6] }, 'UTC');
    const day = '2026-11-13';
    const n = calendar.todayNumber - 7;
    expect(lastActivityFact(calendar, n, day)).toBe('Last activity 7 days ago, on 13 Nov 2026');
    expect(lastActivityFact(business, n, day)).toBe('Last activity 5 business days ago, on 13 Nov 2026');
    expect(lastActivityFact(calendar, n, day)).toBe('Last activity 7 days ago, on 13 Nov 2026');
  });

  it('builds a threshold line once per thresholds object, unit and argument', () => {
    let built = 0;
    const line = new ThresholdLine<{ days: number }, string>((t, business, stage) => {
      built++;
      return `${t.days} ${business ? 'business ' : ''}days in ${stage}`;
    });
    const a = { days: 3 };
    const b = { days: 4 };
    expect(line.get(a, false, 'Demo')).toBe('3 days in Demo');
    expect(line.get(a, false, 'Demo')).toBe('3 days in Demo');
    expect(line.get(b, false, 'Demo')).toBe('4 days in Demo');
    expect(line.get(a, true, 'Demo')).toBe('3 business days in Demo');
    expect(line.get(a, false, 'Lead')).toBe('3 days in Lead');
    expect(line.get(a, false, 'Demo')).toBe('3 days in Demo');
    expect(built).toBe(4);
  });
});
