import { defineSite, type SitePages } from './types';
import { pathId } from './url-key';

/** Where Twenty lives and which of its pages show deals: all the content script's loader reads. */
export const pages: SitePages = {
  id: 'twenty',
  // app.twenty.com and the per-workspace subdomains of Twenty Cloud; self-hosted instances are added
  // by the user and read with the generic profile.
  matches: ['https://*.twenty.com/*'],
  isDealPage: (url) => /^\/(objects\/opportunities|object\/opportunity\/)/.test(url.pathname),
};

/** Twenty: the Opportunities object (table, Kanban and record pages). */
export default defineSite({
  ...pages,
  title: 'Twenty',
  recordKey(url) {
    const id = pathId(url, /^\/object\/opportunity\/([0-9a-fA-F-]{8,})(\/|$)/);
    return id ? `twenty:opportunity:${id.toLowerCase()}` : null;
  },
  aliases: {
    name: ['Name', 'Opportunity name'],
    stage: ['Stage'],
    amount: ['Amount'],
    closeDate: ['Close date'],
    owner: ['Owner', 'Account Owner'],
    created: ['Creation date', 'Created at'],
    modified: ['Last update', 'Updated at'],
    contacts: ['Point of Contact'],
  },
  stageOrder: ['new', 'screening', 'meeting', 'proposal', 'customer'],
  // Twenty's default pipeline has no "won" stage: its last stage, CUSTOMER, is the won deal.
  closedWords: { won: ['customer', 'won'], lost: ['lost'] },
});
