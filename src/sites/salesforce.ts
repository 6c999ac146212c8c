import { defineSite, type SitePages } from './types';
import { pathId } from './url-key';

/** Where Salesforce lives and which of its pages show deals: all the content script's loader reads. */
export const pages: SitePages = {
  id: 'salesforce',
  matches: ['https://*.lightning.force.com/*'],
  // Records open as /lightning/r/Opportunity/{id}/view or by bare id (006 is the opportunity key
  // prefix); reports render opportunity rows in an iframe under /lightning/r/Report/.
  isDealPage: (url) => /^\/lightning\/(o\/Opportunity\/|r\/(Opportunity\/|006|Report\/))/.test(url.pathname),
};

/** Salesforce Lightning Experience: opportunity list views, Kanban, records and reports. */
export default defineSite({
  ...pages,
  title: 'Salesforce',
  recordKey(url) {
    const id =
      pathId(url, /^\/lightning\/r\/Opportunity\/([A-Za-z0-9]{15,18})(\/|$)/) ??
      pathId(url, /^\/lightning\/r\/(006[A-Za-z0-9]{12,15})(\/|$)/);
    // The 18-character id is the 15-character one plus a case checksum: key by the first 15 so a
    // record reached either way stays one deal.
    return id ? `salesforce:opportunity:${id.slice(0, 15)}` : null;
  },
  aliases: {
    name: ['Opportunity Name', 'Opportunity'],
    stage: ['Stage'],
    amount: ['Amount'],
    closeDate: ['Close Date'],
    lastActivity: ['Last Activity'],
    nextStep: ['Next Step'],
    owner: ['Opportunity Owner', 'Opportunity Owner Alias', 'Owner Full Name', 'Owner'],
    created: ['Created Date'],
    modified: ['Last Modified Date'],
    probability: ['Probability (%)', 'Probability'],
    status: ['Forecast Category'],
  },
  stageOrder: [
    'prospecting',
    'qualification',
    'needs analysis',
    'value proposition',
    'id. decision makers',
    'perception analysis',
    'proposal/price quote',
    'negotiation/review',
    'closed won',
    'closed lost',
  ],
  closedWords: { won: ['closed won', 'won'], lost: ['closed lost', 'lost'] },
});
