import { defineSite, type SitePages } from './types';
import { pathId } from './url-key';

/** Where Freshsales lives and which of its pages show deals: all the content script's loader reads. */
export const pages: SitePages = {
  id: 'freshsales',
  matches: ['https://*.myfreshworks.com/*', 'https://*.freshsales.io/*'],
  // New hosts: /crm/sales/deals/...; old freshsales.io hosts: /deals/...
  isDealPage: (url) => /^(\/crm\/sales)?\/deals(\/|$)/.test(url.pathname),
};

/** Freshsales (Freshworks CRM): deals list, Kanban and records, on both the new and the old hosts. */
export default defineSite({
  ...pages,
  title: 'Freshsales',
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
