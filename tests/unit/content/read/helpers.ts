import { type DealView, findDealViews, readAll } from '../../../../src/content/read/index';
import type { RawDeal } from '../../../../src/messages/schemas';
import type { FieldName } from '../../../../src/sites/fields';
import generic from '../../../../src/sites/generic';
import type { SiteProfile } from '../../../../src/sites/types';

export interface Read {
  views: DealView[];
  deals: RawDeal[][];
  doc: Document;
}

/** Parse `html` as a page at `pageUrl` and read it with `profile` (generic by default). */
export function readPage(
  html: string,
  pageUrl = 'https://crm.example/deals',
  profile: SiteProfile = generic,
  extraAliases?: Partial<Record<FieldName, string[]>>,
): Read {
  const doc = new DOMParser().parseFromString(
    `<!doctype html><html><body>${html}</body></html>`,
    'text/html',
  );
  const views = findDealViews(doc, { profile, pageUrl, ...(extraAliases ? { extraAliases } : {}) });
  return { views, deals: views.map(readAll), doc };
}
