import { describe, expect, test } from 'vitest';
import { groupByDeal, groupWarnings, pipelineOf, rankGroups, topCandidates } from '../../../src/store/grouping';
import { byId, deal, warning } from '../ui/fixtures';

describe('grouping warnings by deal', () => {
  const acme = deal('acme', { name: 'Acme' });
  const bolt = deal('bolt', { name: 'bolt' });
  const cyan = deal('cyan', { name: 'Cyan' });
  const deals = byId([acme, bolt, cyan]);

  test('groups by deal, worst warning first, ranked by the best score, ties by name (case- and accent-blind)', () => {
    const groups = groupByDeal(
      [
        warning(cyan.id, 'aging', { score: 40 }),
        warning(acme.id, 'no-activity', { score: 30 }),
        warning(acme.id, 'stalled-in-stage', { score: 80 }),
        warning(bolt.id, 'no-next-step', { score: 80 }),
        warning(null, 'stage-bottleneck', { score: 99 }),
      ],
      deals,
    );
    expect(groups.map((g) => g.deal.name)).toEqual(['Acme', 'bolt', 'Cyan']);
    expect(groups[0]?.warnings.map((w) => w.ruleId)).toEqual(['stalled-in-stage', 'no-activity']);
    expect(groups.map((g) => g.score)).toEqual([80, 80, 40]);
  });

  test('leaves out warnings whose deal is unknown, and pipeline warnings', () => {
    const groups = groupByDeal([warning('crm.test|gone', 'aging'), warning(null, 'stage-bottleneck')], deals);
    expect(groups).toEqual([]);
  });

  test('names in a numeric-aware order: Deal 2 before Deal 10', () => {
    const two = deal('2', { name: 'Deal 2' });
    const ten = deal('10', { name: 'Deal 10' });
    const groups = groupByDeal([warning(ten.id, 'aging'), warning(two.id, 'aging')], byId([two, ten]));
    expect(groups.map((g) => g.deal.name)).toEqual(['Deal 2', 'Deal 10']);
  });

  test('a page of the ranking needs only the best groups and those tied with the last of them', () => {
    const groups = groupWarnings([
      warning('a', 'r', { score: 90 }),
      warning('b', 'r', { score: 70 }),
      warning('c', 'r', { score: 70 }),
      warning('d', 'r', { score: 70 }),
      warning('e', 'r', { score: 10 }),
    ]);
    expect(topCandidates(groups, 2).map((g) => g.dealId)).toEqual(['a', 'b', 'c', 'd']);
    expect(topCandidates(groups, 4).map((g) => g.dealId)).toEqual(['a', 'b', 'c', 'd']);
    expect(topCandidates(groups, 10)).toHaveLength(5);
  });

  test('paging agrees with ranking everything at once', () => {
    const many = Array.from({ length: 300 }, (_, i) => deal(`d${i}`, { name: `Deal ${(i * 7919) % 300}` }));
    const warnings = many.flatMap((d, i) => [
      warning(d.id, 'aging', { score: (i * 37) % 20 }),
      warning(d.id, 'no-activity', { score: (i * 11) % 20 }),
    ]);
    const map = byId(many);
    const all = groupByDeal(warnings, map);
    for (const limit of [1, 20, 47, 300]) {
      const page = rankGroups(topCandidates(groupWarnings(warnings), limit), map, limit);
      expect(page.map((g) => g.dealId)).toEqual(all.slice(0, limit).map((g) => g.dealId));
    }
  });

  test('pipeline warnings, best first', () => {
    const list = pipelineOf([
      warning(null, 'stage-bottleneck', { score: 20 }),
      warning('x', 'aging'),
      warning(null, 'pipeline-going-quiet', { score: 60 }),
    ]);
    expect(list.map((w) => w.ruleId)).toEqual(['pipeline-going-quiet', 'stage-bottleneck']);
  });
});
