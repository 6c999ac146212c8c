import { defineSite } from './types';
import { pathId } from './url-key';

/** Pipedrive: pipeline board, deals list and deal details. */
export default defineSite({
  id: 'pipedrive',
  title: 'Pipedrive',
  matches: ['https://*.pipedrive.com/*'],
  isDealPage: (url) => /^\/(pipeline|deals)(\/|$)|^\/deal\/\d+/.test(url.pathname),
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
