/**
 * Record keys from URLs. A key names one record whatever view of it a link opens: `/deals/1005` and
 * `/deals/1005?snapshot=2` are the same deal.
 */

/** What a record key is made from: a URL, or a cheap stand-in for a same-origin link. */
export interface UrlParts {
  pathname: string;
  search: string;
  hash: string;
}

/** The hash when it is a client-side route (`#/deals/42`, `#!/deals/42`), else ''. */
export function routeOf(url: UrlParts): string {
  return url.hash.startsWith('#/') || url.hash.startsWith('#!') ? url.hash : '';
}

/**
 * An origin-free key for a URL: path and query, plus the hash when it is a client-side route,
 * since single-page apps that route by hash keep one path for all.
 */
export function pathKey(url: UrlParts): string {
  return url.pathname + url.search + routeOf(url);
}

/** The first match of `re` in the URL's path, or null. */
export function pathId(url: UrlParts, re: RegExp): string | null {
  const m = re.exec(url.pathname);
  return m?.[1] ?? null;
}

// A path segment that names one record: digits, a UUID, or a long hex/base62 id (a type prefix
// such as `deal_` allowed before it). Words, slugs and short codes (`v2`, `q3`) are not ids.
const ID =
  /^(?:\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?:[a-z]{1,12}[_-])?(?=[a-z]*\d)[0-9a-z]{12,})$/i;
// Query parameters whose name says they hold an id: `id`, `dealId`, `deal_id`, `recordID`, `oid`.
const ID_PARAM = /^(id|uuid|guid|oid|rid|record|deal|opportunity|opp|potential)$|[-_.]id$/i;
const CAMEL_ID = /[a-z0-9](Id|ID)$/;

function decode(s: string, plus = false): string {
  if (!s.includes('%') && !(plus && s.includes('+'))) return s;
  try {
    return decodeURIComponent(plus ? s.replace(/\+/g, ' ') : s);
  } catch {
    return s;
  }
}

// The same, as a whole segment anywhere in a path: one test for paths without escapes.
const ID_IN_PATH =
  /(?:^|\/)(?:\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?:[a-z]{1,12}[_-])?(?=[a-z]*\d)[0-9a-z]{12,})(?=\/|$)/i;

/** Does a path (`/deals/1005`, or a route's `#/deals/1005`) have a segment that is an id? */
export function hasIdSegment(path: string): boolean {
  if (!path.includes('%')) return ID_IN_PATH.test(path);
  let start = 0;
  while (start <= path.length) {
    let end = path.indexOf('/', start);
    if (end < 0) end = path.length;
    if (end > start && ID.test(decode(path.slice(start, end)))) return true;
    start = end + 1;
  }
  return false;
}

function isIdParam(piece: string): boolean {
  const eq = piece.indexOf('=');
  const name = decode(eq < 0 ? piece : piece.slice(0, eq), true);
  const value = eq < 0 ? '' : decode(piece.slice(eq + 1), true);
  if (!value) return false;
  if (ID_PARAM.test(name) || CAMEL_ID.test(name)) return true;
  // A value that is an opaque id (not just a number: `page=2` is not an id) names a record too.
  return !/^\d+$/.test(value) && ID.test(value);
}

/** The id parameters of a query (`?id=7&tab=notes` → `?id=7`); the whole query when none is one. */
function idQuery(search: string): string {
  if (search.length <= 1) return '';
  const kept = search
    .slice(1)
    .split('&')
    .filter((piece) => piece && isIdParam(piece));
  return kept.length > 0 ? `?${kept.join('&')}` : search;
}

/** The route's path: the route up to its own query (`#/deals/7?tab=notes` → `#/deals/7`). */
function routePath(route: string): string {
  const q = route.indexOf('?');
  return q < 0 ? route : route.slice(0, q);
}

/**
 * The generic record key. When the path (or a `#/` route) has an id segment, the path alone: query
 * parameters only change the view (`?snapshot=2`, `?tab=notes`). Without one the query may be what
 * names the record (`?id=123`): its id parameters are kept, or all of it when none looks like an id.
 */
export function genericKey(url: UrlParts): string {
  const route = routeOf(url);
  const path = routePath(route);
  if (hasIdSegment(url.pathname) || (route && hasIdSegment(path))) return url.pathname + path;
  return url.pathname + idQuery(url.search) + path + idQuery(route.slice(path.length));
}

/** Does the URL name a record by an id (in its path, route or query)? */
export function hasRecordId(url: UrlParts): boolean {
  const route = routeOf(url);
  const path = routePath(route);
  if (hasIdSegment(url.pathname) || (route && hasIdSegment(path))) return true;
  const hasParam = (search: string) =>
    search
      .slice(1)
      .split('&')
      .some((p) => p !== '' && isIdParam(p));
  return hasParam(url.search) || hasParam(route.slice(path.length));
}
