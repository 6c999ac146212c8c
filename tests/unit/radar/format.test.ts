import { describe, expect, it } from 'vitest';
import { countDays, daysAgo, formatAmount, formatDay, listNames, percent } from '../../../src/radar/format';

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
});
