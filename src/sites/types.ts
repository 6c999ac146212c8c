import type { FieldName } from './fields';
import type { UrlLike } from './match-pattern';
import type { UrlParts } from './url-key';

/** Where a page shows deals and how to read them. Pure data plus small pure helpers. */
export interface SiteProfile {
  /** Equals the file name in src/sites/. */
  id: string;
  /** Shown in the options page. */
  title: string;
  /**
   * Match patterns (WebExtension syntax) for the hosts this CRM lives on. They become the
   * manifest's host permissions and content-script matches. Empty for the generic profile.
   */
  matches: string[];
  /** Cheap test on a URL (or the page's `location`): does this page show deals (a list, board or record)? */
  isDealPage(url: UrlLike): boolean;
  /** Labels this CRM uses, per field, matched case-insensitively after trimming. */
  aliases: Partial<Record<FieldName, string[]>>;
  /**
   * A stable record key from a link or URL, or null when the URL is not a deal record. Reads only
   * the path, query and hash (readers pass a cheap stand-in for plain same-origin links).
   */
  recordKey(url: UrlParts): string | null;
  /** Stage names in pipeline order, where known (lower-case compare). */
  stageOrder: string[];
  /** Words that mark a deal as won, lost or closed when found in its stage or status. */
  closedWords: { won: string[]; lost: string[] };
}

/**
 * Where a supported CRM lives and which of its pages show deals: the part of a profile the content
 * script's loader reads on every page of the CRM (src/content/loader.ts), kept apart from the rest
 * so the loader stays small. The profile spreads it in.
 */
export type SitePages = Pick<SiteProfile, 'id' | 'matches' | 'isDealPage'>;

/** Typing helper without runtime cost (WXT-style). */
export function defineSite(profile: SiteProfile): SiteProfile {
  return profile;
}
