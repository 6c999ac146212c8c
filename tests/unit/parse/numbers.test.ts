import { describe, expect, it } from 'vitest';
import { parseCount, parseDuration, parsePercent } from '../../../src/parse';

describe('parsePercent', () => {
  it.each<[string, string, number]>([
    ['40%', 'en-US', 40],
    ['40 %', 'en-US', 40],
    ['40\u202f%', 'fr-FR', 40],
    ['%40', 'tr-TR', 40],
    ['12.5%', 'en-US', 12.5],
    ['12,5 %', 'de-DE', 12.5],
    ['0%', 'en-US', 0],
    ['100%', 'en-US', 100],
    ['40', 'en-US', 40],
    ['0,4', 'de-DE', 0.4],
    ['40 percent', 'en-US', 40],
    ['٤٠٪', 'ar-EG', 40],
  ])('%s (%s) → %d', (raw, locale, value) => {
    expect(parsePercent(raw, { locale })).toEqual({ ok: true, value });
  });

  it.each<[string, string, string]>([
    ['', 'en-US', 'empty'],
    ['--', 'en-US', 'empty'],
    ['150%', 'en-US', 'unreadable'],
    ['-5%', 'en-US', 'unreadable'],
    ['40%%', 'en-US', 'unreadable'],
    ['forty', 'en-US', 'unreadable'],
    ['40% / 60%', 'en-US', 'unreadable'],
    ['12,500%', '', 'ambiguous'],
  ])('%j (%s) → %s', (raw, locale, reason) => {
    expect(parsePercent(raw, { locale })).toEqual({ ok: false, reason });
  });
});

describe('parseCount', () => {
  it.each<[string, number]>([
    ['3', 3],
    ['0', 0],
    ['3 contacts', 3],
    ['12 Kontakte', 12],
    ['(3)', 3],
    ['Ann Lee', 1],
    ['Ann Lee, Bo Chan', 2],
    ['Ann Lee; Bo Chan; Cy Dee', 3],
    ['Ann Lee\nBo Chan\r\nCy Dee', 3],
    ['Ann Lee, , Bo Chan,', 2],
    ['Ann Lee +2', 3],
    ['Ann Lee, Bo Chan +3 more', 5],
    ['José Álvarez, 李小龍', 2],
  ])('%j → %d', (raw, value) => {
    expect(parseCount(raw)).toEqual({ ok: true, value });
  });

  it.each<[string, string]>([
    ['', 'empty'],
    ['None', 'empty'],
    ['--', 'empty'],
    [', ;', 'empty'],
    ['Ann Lee, 42', 'unreadable'],
    ['3.5', 'unreadable'],
    ['-3', 'unreadable'],
  ])('%j → %s', (raw, reason) => {
    expect(parseCount(raw)).toEqual({ ok: false, reason });
  });

  it('counts long lists but refuses huge input', () => {
    const names = Array.from({ length: 60 }, (_, i) => `Person ${String.fromCharCode(65 + (i % 26))}`);
    expect(parseCount(names.join(', '))).toEqual({ ok: true, value: 60 });
    expect(parseCount('Ann, '.repeat(200_000))).toEqual({ ok: false, reason: 'unreadable' });
  });
});

describe('parseDuration', () => {
  it.each<[string, number]>([
    ['14 days', 14],
    ['1 day', 1],
    ['3 weeks', 21],
    ['2 mo', 60],
    ['2 months', 60],
    ['1 year', 365],
    ['14d', 14],
    ['2w 3d', 17],
    ['2 weeks and 3 days', 17],
    ['1 week, 2 days', 9],
    ['a fortnight', 14],
    ['1.5 weeks', 10.5],
    ['36 hours', 1.5],
    ['14', 14],
    ['0 days', 0],
    ['14 Tage', 14],
    ['3 Wochen', 21],
    ['2 Monate', 60],
    ['14 jours', 14],
    ['3 semaines', 21],
    ['2 mois', 60],
  ])('%s → %d days', (raw, days) => {
    expect(parseDuration(raw)).toEqual({ ok: true, days });
  });

  it.each<[string, string]>([
    ['', 'empty'],
    ['n/a', 'empty'],
    ['2m', 'ambiguous'],
    ['days', 'unreadable'],
    ['3 days ago', 'unreadable'],
    ['-3 days', 'unreadable'],
    ['3 parsecs', 'unreadable'],
    ['Nov 3, 2026', 'unreadable'],
  ])('%j → %s', (raw, reason) => {
    expect(parseDuration(raw)).toEqual({ ok: false, reason });
  });
});
