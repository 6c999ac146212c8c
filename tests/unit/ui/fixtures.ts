import type { ChangeEvent, Deal, Warning } from '../../../src/radar/model';
import type { TabRecord } from '../../../src/store/records';

/** Friday 27 Nov 2026, noon UTC. */
export const NOW = Date.UTC(2026, 10, 27, 12);
export const TODAY = '2026-11-27';
export const DAY = 86_400_000;
export const SITE = 'crm.test';

export function deal(key: string, overrides: Partial<Deal> = {}): Deal {
  return {
    id: `${overrides.site ?? SITE}|${key}`,
    site: SITE,
    siteId: 'generic',
    key,
    name: key,
    shown: [],
    flags: [],
    outcome: 'open',
    firstSeen: NOW - 30 * DAY,
    lastSeen: NOW,
    stageSeenSince: NOW - 10 * DAY,
    ...overrides,
  };
}

export function warning(dealId: string | null, ruleId: string, overrides: Partial<Warning> = {}): Warning {
  const site = overrides.site ?? SITE;
  return {
    id: dealId === null ? `${site}|pipeline|${ruleId}|all` : `${dealId}|${ruleId}`,
    site,
    dealId,
    dealIds: dealId === null ? [] : [dealId],
    ruleId,
    severity: 'warn',
    score: 50,
    facts: [`${ruleId} fact`],
    nudge: 'How can I act on this today?',
    fingerprint: `${ruleId}:1`,
    status: 'active',
    raisedAt: NOW - 20 * DAY,
    updatedAt: NOW,
    ...overrides,
  };
}

export function change(
  d: Deal,
  field: ChangeEvent['field'],
  from: string | null,
  to: string | null,
  daysAgo: number,
): ChangeEvent {
  return { dealId: d.id, site: d.site, field, from, to, at: NOW - daysAgo * DAY };
}

export function byId<T extends { id: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]));
}

/** A tab's record of a finished scan of a list page showing these deals. */
export function tab(tabId: number, dealIds: string[], site = SITE): TabRecord {
  return {
    tabId,
    site,
    pageUrl: `https://${site}/deals`,
    view: 'list',
    dealIds,
    scanId: 's',
    done: true,
    seen: dealIds.length,
    unreadable: 0,
    updatedAt: NOW,
  };
}
