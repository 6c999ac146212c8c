import type { FieldName } from '../../sites/fields';
import type { SiteProfile } from '../../sites/types';
import { hasRecordId, pathKey, type UrlParts } from '../../sites/url-key';
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
  /** True when the address names a record by an id (in its path, route or query). */
  readonly id: boolean;
  /** Path with ids blanked (`/deal/:`): links to the same kind of record share a shape. */
  readonly shape: string;
}

export interface ReadContext {
  profile: SiteProfile;
  /** Built on first use: a page without tables, boards or records never needs it. */
  readonly aliases: AliasIndex;
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

/** A resolved link; its shape (only boards need it) is worked out on first use. */
class Link implements RecordLink {
  url?: string;
  private kind: string | undefined;
  private named: boolean | undefined;

  constructor(
    readonly key: string,
    readonly record: boolean,
    private readonly parts: UrlParts,
    url: string,
  ) {
    if (url.length <= MAX_RAW) this.url = url;
  }

  get shape(): string {
    this.kind ??= shapeOf(this.parts.pathname);
    return this.kind;
  }

  get id(): boolean {
    this.named ??= hasRecordId(this.parts);
    return this.named;
  }
}

/**
 * A root-relative link the URL parser would leave exactly as written: path characters that need no
 * escaping, no `.`/`..` segment (`%2e` counts as a dot), no backslash, and not `//host`.
 */
const PLAIN =
  /^\/(?![/\\])[\w\-.~!$&()*+,;=:@/%]*(?:\?[\w\-.~!$&()*+,;=:@/%?]*)?(?:#[\w\-.~!$&()*+,;=:@/%?#]*)?$/;
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:[/?#]|$)/i;

/** Path, query and hash of a plain root-relative link, as `new URL(href, page)` would give them. */
function plainParts(href: string): UrlParts | null {
  if (!PLAIN.test(href) || DOT_SEGMENT.test(href)) return null;
  const hashAt = href.indexOf('#');
  const beforeHash = hashAt < 0 ? href : href.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  // The parser gives an empty query or fragment as '' ('/a?' and '/a#' have neither).
  const search = queryAt < 0 ? '' : beforeHash.slice(queryAt);
  const hash = hashAt < 0 ? '' : href.slice(hashAt);
  return {
    pathname: queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt),
    search: search.length > 1 ? search : '',
    hash: hash.length > 1 ? hash : '',
  };
}

/** Alias indexes per profile and set of user aliases: built once, not on every look for views. */
const indexes = new WeakMap<SiteProfile, WeakMap<object, AliasIndex>>();
const NO_EXTRA = {};

function indexFor(profile: SiteProfile, extra: ReadOptions['extraAliases']): AliasIndex {
  let byExtra = indexes.get(profile);
  if (!byExtra) {
    byExtra = new WeakMap();
    indexes.set(profile, byExtra);
  }
  const id = extra ?? NO_EXTRA;
  let index = byExtra.get(id);
  if (!index) {
    index = aliasIndex(profile, extra);
    byExtra.set(id, index);
  }
  return index;
}

export function makeContext(opts: ReadOptions): ReadContext {
  let page: URL | null = null;
  try {
    page = new URL(opts.pageUrl);
  } catch {
    page = null;
  }
  // Links are resolved as strings only on http(s) pages without credentials in their URL (a
  // root-relative link would keep those).
  const web =
    page !== null &&
    (page.protocol === 'https:' || page.protocol === 'http:') &&
    page.username === '' &&
    page.password === '';
  const origin = web && page ? page.origin : '';
  const cache = new Map<string, RecordLink | null>();

  const make = (parts: UrlParts, href: string): RecordLink => {
    const known = opts.profile.recordKey(parts);
    return new Link(cut(known ?? pathKey(parts)), known !== null, parts, href);
  };

  const resolve = (href: string): RecordLink | null => {
    if (!page || href.length > MAX_RAW * 4) return null;
    // Most record links are plain root-relative paths: no URL parsing needed for those.
    if (web) {
      const local =
        href.startsWith(origin) && href.charCodeAt(origin.length) === 47 ? href.slice(origin.length) : href;
      const parts = local.charCodeAt(0) === 47 ? plainParts(local) : null;
      if (parts) return make(parts, origin + local);
    }
    let url: URL;
    try {
      url = new URL(href, page);
    } catch {
      return null;
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== page.origin) return null;
    return make(url, url.href);
  };

  let aliases: AliasIndex | undefined;
  return {
    profile: opts.profile,
    get aliases() {
      aliases ??= indexFor(opts.profile, opts.extraAliases);
      return aliases;
    },
    page,
    link(href) {
      const hit = cache.get(href);
      if (hit !== undefined) return hit;
      const link = resolve(href.trim());
      if (cache.size < 20_000) cache.set(href, link);
      return link;
    },
  };
}
