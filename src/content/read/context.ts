import type { FieldName } from '../../sites/fields';
import type { SiteProfile } from '../../sites/types';
import { pathKey } from '../../sites/url-key';
import { type AliasIndex, aliasIndex } from './aliases';
import { cut, MAX_RAW } from './text';

export interface ReadOptions {
  profile: SiteProfile;
  /** The user's own labels, tried before the profile's. */
  extraAliases?: Partial<Record<FieldName, string[]>>;
  pageUrl: string;
}

export interface RecordLink {
  key: string;
  /** Absolute URL, when short enough to send. */
  url?: string;
  /** True when the profile knows this URL as a deal record (not just some page of the site). */
  record: boolean;
  /** Path with ids blanked (`/deal/:`): links to the same kind of record share a shape. */
  shape: string;
}

export interface ReadContext {
  profile: SiteProfile;
  aliases: AliasIndex;
  page: URL | null;
  /** A same-origin http(s) link as a record key, or null (other origins, `javascript:`, bad URLs). */
  link(href: string): RecordLink | null;
}

// Segments holding ids: anything with a digit, or long opaque tokens.
const ID_SEGMENT = /^(?=.*\d)[^/]+$|^[A-Za-z0-9_-]{20,}$/;

export function shapeOf(path: string): string {
  return path
    .split('/')
    .map((s) => (ID_SEGMENT.test(s) ? ':' : s))
    .join('/');
}

export function makeContext(opts: ReadOptions): ReadContext {
  let page: URL | null = null;
  try {
    page = new URL(opts.pageUrl);
  } catch {
    page = null;
  }
  const cache = new Map<string, RecordLink | null>();
  const resolve = (href: string): RecordLink | null => {
    if (!page || href.length > MAX_RAW * 4) return null;
    let url: URL;
    try {
      url = new URL(href, page);
    } catch {
      return null;
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== page.origin) return null;
    const known = opts.profile.recordKey(url);
    const key = cut(known ?? pathKey(url));
    const link: RecordLink = { key, record: known !== null, shape: shapeOf(url.pathname) };
    if (url.href.length <= MAX_RAW) link.url = url.href;
    return link;
  };
  return {
    profile: opts.profile,
    aliases: aliasIndex(opts.profile, opts.extraAliases),
    page,
    link(href) {
      const hit = cache.get(href);
      if (hit !== undefined) return hit;
      const link = resolve(href.trim());
      if (cache.size < 10_000) cache.set(href, link);
      return link;
    },
  };
}
