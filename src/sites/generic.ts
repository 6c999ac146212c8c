import type { FieldName } from './fields';
import freshsales from './freshsales';
import hubspot from './hubspot';
import pipedrive from './pipedrive';
import salesforce from './salesforce';
import { defineSite, type SiteProfile } from './types';
import twenty from './twenty';
import { genericKey } from './url-key';
import zoho from './zoho';

type Aliases = SiteProfile['aliases'];

/** Common English labels, most specific first (a table with both "Name" and "Title" is a contact list). */
const COMMON: Aliases = {
  name: ['Deal Name', 'Opportunity Name', 'Deal', 'Opportunity', 'Deal Title', 'Name', 'Title'],
  stage: ['Deal Stage', 'Pipeline Stage', 'Sales Stage', 'Stage', 'Phase'],
  amount: ['Amount', 'Deal Value', 'Deal Amount', 'Deal Size', 'Opportunity Amount', 'Value', 'Revenue'],
  closeDate: ['Close Date', 'Expected Close Date', 'Closing Date', 'Expected Close', 'Target Close Date'],
  lastActivity: [
    'Last Activity',
    'Last Activity Date',
    'Last Contacted',
    'Last Contact',
    'Last Touch',
    'Last Touched',
    'Last Interaction',
  ],
  nextActivity: [
    'Next Activity',
    'Next Activity Date',
    'Next Follow-up',
    'Next Follow Up',
    'Follow-up Date',
    'Next Task',
    'Next Meeting',
  ],
  nextStep: ['Next Step', 'Next Steps'],
  owner: [
    'Deal Owner',
    'Opportunity Owner',
    'Owner',
    'Sales Rep',
    'Assigned To',
    'Account Manager',
    'Salesperson',
  ],
  created: [
    'Created',
    'Created Date',
    'Create Date',
    'Created At',
    'Created On',
    'Date Created',
    'Creation Date',
  ],
  modified: [
    'Last Modified',
    'Last Modified Date',
    'Modified',
    'Updated',
    'Updated At',
    'Last Updated',
    'Last Update',
  ],
  stageEntered: ['Stage Entered', 'Date Entered Stage', 'In Stage Since', 'Stage Changed'],
  probability: ['Probability', 'Probability (%)', 'Win Probability', 'Deal Probability'],
  contacts: ['Contacts', 'Contact', 'Contact Person', 'Contact Name', 'Primary Contact', 'Stakeholders'],
  status: ['Status', 'Deal Status', 'Outcome', 'Won/Lost'],
};

/**
 * The union of several alias maps, earlier ones first. A label already claimed by one field is not
 * added to another, so one header never means two things.
 */
function unionAliases(maps: Aliases[]): Aliases {
  const out: Aliases = {};
  const claimed = new Set<string>();
  for (const map of maps) {
    for (const field in map) {
      const labels = map[field as FieldName] ?? [];
      let list = out[field as FieldName];
      for (const label of labels) {
        const key = label.trim().toLowerCase().replace(/\s+/g, ' ');
        if (claimed.has(key)) continue;
        claimed.add(key);
        if (!list) {
          list = [];
          out[field as FieldName] = list;
        }
        list.push(label);
      }
    }
  }
  return out;
}

let merged: Aliases | undefined;

/**
 * Any other CRM: sites the user adds in the options page and the demo CRM on loopback hosts.
 * Chosen explicitly by the caller, never by URL, so it matches no host itself.
 */
export default defineSite({
  id: 'generic',
  title: 'Other CRM',
  matches: [],
  isDealPage: () => true,
  // Query parameters that only change the view are not part of the key (see genericKey).
  recordKey: (url) => genericKey(url),
  // Merged on first use, not when the content script loads on a page that may show no deals.
  get aliases(): Aliases {
    merged ??= unionAliases([
      COMMON,
      hubspot.aliases,
      salesforce.aliases,
      pipedrive.aliases,
      zoho.aliases,
      freshsales.aliases,
      twenty.aliases,
    ]);
    return merged;
  },
  stageOrder: [],
  closedWords: { won: ['closed won', 'won'], lost: ['closed lost', 'lost'] },
});
