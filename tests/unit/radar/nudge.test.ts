import { describe, expect, it } from 'vitest';
import { chooseNudge, stableHash } from '../../../src/radar/nudge';

describe('nudges', () => {
  it('hashes stably (FNV-1a)', () => {
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('a')).toBe(0xe40c292c);
  });

  it('chooses the same nudge for the same deal and rule, every time', () => {
    const nudges = ['How a?', 'How b?', 'How c?'];
    const first = chooseNudge(nudges, 'crm|1', 'no-activity');
    for (let i = 0; i < 5; i++) expect(chooseNudge(nudges, 'crm|1', 'no-activity')).toBe(first);
  });

  it('spreads over all nudges across deals', () => {
    const nudges = ['How a?', 'How b?', 'How c?'];
    const seen = new Set(Array.from({ length: 60 }, (_, i) => chooseNudge(nudges, `crm|${i}`, 'aging')));
    expect(seen.size).toBe(3);
  });

  it('returns an empty string without nudges', () => {
    expect(chooseNudge([], 'x', 'y')).toBe('');
  });
});
