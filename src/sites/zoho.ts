import { defineSite, type SitePages } from './types';
import { pathId } from './url-key';

/** Where Zoho CRM lives and which of its pages show deals: all the content script's loader reads. */
export const pages: SitePages = {
  id: 'zoho',
  // One host per Zoho data centre.
  matches: [
    'https://crm.zoho.com/*',
    'https://crm.zoho.eu/*',
    'https://crm.zoho.in/*',
    'https://crm.zoho.com.au/*',
    'https://crm.zoho.jp/*',
  ],
  isDealPage: (url) => /\/tab\/Potentials(\/|$)/.test(url.pathname),
};

/** Zoho CRM: the Deals module (internally "Potentials") list, Kanban and records. */
export default defineSite({
  ...pages,
  title: 'Zoho CRM',
  recordKey(url) {
    const id = pathId(url, /\/tab\/Potentials\/(\d+)(\/|$)/);
    return id ? `zoho:deal:${id}` : null;
  },
  aliases: {
    name: ['Deal Name', 'Potential Name'],
    stage: ['Stage'],
    amount: ['Amount'],
    closeDate: ['Closing Date'],
    // Counts notes, tasks, emails and edits; Modified Time counts edits only.
    lastActivity: ['Last Activity Time'],
    nextStep: ['Next Step'],
    owner: ['Deal Owner', 'Potential Owner'],
    created: ['Created Time'],
    modified: ['Modified Time'],
    probability: ['Probability (%)', 'Probability'],
    contacts: ['Contact Name'],
  },
  stageOrder: [
    'qualification',
    'needs analysis',
    'value proposition',
    'identify decision makers',
    'proposal/price quote',
    'negotiation/review',
    'closed won',
    'closed lost',
    'closed-lost to competition',
  ],
  closedWords: { won: ['closed won', 'won'], lost: ['closed lost', 'closed-lost to competition', 'lost'] },
});
