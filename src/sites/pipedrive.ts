import { defineSite, type SitePages } from './types';
import { pathId } from './url-key';

/** Where Pipedrive lives and which of its pages show deals: all the content script's loader reads. */
export const pages: SitePages = {
  id: 'pipedrive',
  matches: ['https://*.pipedrive.com/*'],
  isDealPage: (url) => /^\/(pipeline|deals)(\/|$)|^\/deal\/\d+/.test(url.pathname),
};

/** Pipedrive: pipeline board, deals list and deal details. */
export default defineSite({
  ...pages,
  title: 'Pipedrive',
  recordKey(url) {
    const id = pathId(url, /^\/deal\/(\d+)(\/|$)/);
    return id ? `pipedrive:deal:${id}` : null;
  },
  aliases: {
    name: ['Title', 'Deal title'],
    stage: ['Stage', 'Pipeline stage'],
    amount: ['Value', 'Deal value'],
    closeDate: ['Expected close date'],
    lastActivity: ['Last activity date'],
    nextActivity: ['Next activity date'],
    owner: ['Owner', 'Deal owner'],
    created: ['Deal created', 'Deal created on', 'Add time'],
    modified: ['Update time'],
    stageEntered: ['Last stage change'],
    contacts: ['Contact person'],
    status: ['Status'],
  },
  // The default pipeline a new company account starts with.
  stageOrder: ['qualified', 'contact made', 'demo scheduled', 'proposal made', 'negotiations started'],
  // Pipedrive keeps won/lost in the Status field, not in the stage.
  closedWords: { won: ['won'], lost: ['lost'] },
});
