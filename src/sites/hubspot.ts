import { defineSite, type SitePages } from './types';
import { pathId } from './url-key';

/** Where HubSpot lives and which of its pages show deals: all the content script's loader reads. */
export const pages: SitePages = {
  id: 'hubspot',
  // app-eu1 and app-na2 are HubSpot's EU and second US data centres.
  matches: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*', 'https://app-na2.hubspot.com/*'],
  // 0-3 is HubSpot's object type id for deals; /deals/ and /deal/ are the older index and record paths.
  isDealPage: (url) => /^\/contacts\/\d+\/(objects\/0-3|record\/0-3|deals?)(\/|$)/.test(url.pathname),
};

/** HubSpot Sales Hub: deals index (table or board) and deal records. */
export default defineSite({
  ...pages,
  title: 'HubSpot',
  recordKey(url) {
    const id =
      pathId(url, /^\/contacts\/\d+\/record\/0-3\/(\d+)/) ?? pathId(url, /^\/contacts\/\d+\/deal\/(\d+)/);
    return id ? `hubspot:deal:${id}` : null;
  },
  aliases: {
    name: ['Deal Name', 'Deal'],
    stage: ['Deal Stage', 'Stage'],
    amount: ['Amount', 'Amount in company currency'],
    closeDate: ['Close Date'],
    lastActivity: ['Last Activity Date', 'Last Contacted', 'Last Engagement Date'],
    nextActivity: ['Next Activity Date'],
    nextStep: ['Next Step'],
    owner: ['Deal Owner', 'Owner'],
    created: ['Create Date', 'Created Date'],
    modified: ['Last Modified Date'],
    // One column per stage ('Date entered "Qualified To Buy (Sales Pipeline)"'): the reader uses the
    // one that names the deal's current stage.
    stageEntered: ['Date entered current stage', 'Date entered "{stage}"'],
    probability: ['Deal Probability', 'Probability'],
    contacts: ['Number of Associated Contacts', 'Associated Contacts'],
    status: ['Forecast Category'],
  },
  stageOrder: [
    'appointment scheduled',
    'qualified to buy',
    'presentation scheduled',
    'decision maker bought-in',
    'contract sent',
    'closed won',
    'closed lost',
  ],
  closedWords: { won: ['closed won', 'won'], lost: ['closed lost', 'lost'] },
});
