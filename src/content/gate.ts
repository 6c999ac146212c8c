import type { UrlLike } from '../sites/match-pattern';
import { pagesForUrl } from '../sites/pages';
import { hasRecordId } from '../sites/url-key';
import { VIEW_MARKUP } from './read/markup';

/*
 * The one cheap check the content script makes on every page it runs on, before the readers are
 * loaded (src/content/loader.ts). It answers "might this page show deals?" and errs on the side of
 * yes: the readers make the real decision. On a supported CRM the URL alone decides; on any other
 * site (one the user added, the demo CRM) the page's markup does.
 */

/** Custom elements (a `-` in the tag name): their open shadow roots may hold lists (web-component CRMs). */
const CUSTOM_ELEMENT = "//*[contains(local-name(), '-')]";
// XPathResult.FIRST_ORDERED_NODE_TYPE
const FIRST_NODE = 9;

/**
 * How many of a page's links the gate looks at for links of the page's own: a board's cards are
 * among them long before that, and a page of thousands of outside links would otherwise cost a
 * few milliseconds at every look.
 */
const MAX_LINKS = 2000;

/** At least `min` links to this origin: a board's cards are found from their record links, two at least. */
function sameOriginLinks(doc: Document, origin: string, min: number): boolean {
  const links = doc.links;
  let found = 0;
  const n = Math.min(links.length, MAX_LINKS);
  for (let i = 0; i < n; i++) {
    const link = links[i] as HTMLAnchorElement | HTMLAreaElement;
    // `origin` of a link is its resolved href's; a bad href gives "" or "null".
    if (link.origin === origin && ++found >= min) return true;
  }
  return false;
}

function hasCustomElement(doc: Document): boolean {
  try {
    if (typeof doc.evaluate === 'function')
      return doc.evaluate(CUSTOM_ELEMENT, doc, null, FIRST_NODE, null).singleNodeValue !== null;
    // No XPath (not a browser): look at each element.
    for (const el of doc.getElementsByTagName('*')) if (el.localName.includes('-')) return true;
    return false;
  } catch {
    // Cannot tell: let the readers look.
    return true;
  }
}

/** What a site may show: by URL on a supported CRM, by markup on any other. */
export type Gate = 'crm' | 'markup';

/** A page's address: a URL, or the page's own `location` (no URL object to make on every page). */
export type PageUrl = UrlLike & Pick<URL, 'hash' | 'origin'>;

/** How a URL is checked: a supported CRM's by its paths alone, any other site's by its markup. */
export function gateFor(url: PageUrl): Gate {
  return pagesForUrl(url) === null ? 'markup' : 'crm';
}

/**
 * Might the page show deals, so that the readers are worth loading? On a supported CRM: is this one
 * of its deal pages (its list, board or record paths)? Elsewhere: does the URL name a record, or
 * does the page have a table, grid, row, dialog, frame, label/value markup, two links of its own
 * (a board), or a custom element (a shadow root may hold any of these)?
 */
export function mayShowDeals(doc: Document, url: PageUrl): boolean {
  const crm = pagesForUrl(url);
  if (crm) return crm.isDealPage(url);
  // One query first: on a page with none of the markup and no link at all, it is the only one.
  const any = doc.querySelector(`${VIEW_MARKUP},a[href]`) !== null;
  if (any && (doc.querySelector(VIEW_MARKUP) !== null || sameOriginLinks(doc, url.origin, 2))) return true;
  return hasCustomElement(doc) || hasRecordId(url);
}
