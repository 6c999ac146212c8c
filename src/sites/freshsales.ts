import { defineSite } from './types';
import { pathId } from './url-key';

/** Freshsales (Freshworks CRM): deals list, Kanban and records, on both the new and the old hosts. */
export default defineSite({
  id: 'freshsales',
  title: 'Freshsales',
  matches: ['https://*.myfreshworks.com/*', 'https://*.freshsales.io/*'],
  // New hosts: /crm/sales/deals/...; old freshsales.io hosts: /deals/...
  isDealPage: (url) => /^(\/crm\/sales)?\/deals(\/|$)/.test(url.pathname),
  recordKey(url) {
    const id = pathId(url, /^(?:\/crm\/sales)?\/deals\/(\d+)(\/|$)/);
    return id ? `freshsales:deal:${id}` : null;
  },
  aliases: {
    name: ['Deal Name', 'Name'],
    stage: ['Deal Stage', 'Stage'],
    amount: ['Deal Value', 'Amount', 'Value'],
    closeDate: ['Expected close date'],
    lastActivity: ['Last contacted', 'Last activity date'],
    owner: ['Owner', 'Sales owner', 'Deal owner'],
    created: ['Created at'],
    modified: ['Updated at', 'Last updated at'],
    probability: ['Probability (%)'],
    contacts: ['Related Contacts', 'Contacts'],
  },
  // Stages are set per account; the board's own column order is used instead.
  stageOrder: [],
  closedWords: { won: ['won', 'closed won'], lost: ['lost', 'closed lost'] },
});
