/**
 * WebExtension match patterns (`<scheme>://<host>/<path>`), implemented here so the registry can
 * pick a profile for a URL and tests can check patterns without a browser.
 * https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns
 */

const PATTERN = /^(\*|https?|wss?):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(:\d{1,5})?(\/.*)$/;

interface Parsed {
  scheme: string;
  host: string;
  port: string | undefined;
  /** The path glob; its RegExp is made on first need (most URLs are turned away by their host first). */
  glob: string;
  path: RegExp | null;
}

/** What a pattern is matched against: a URL, or the page's own `location` (no URL object to make). */
export type UrlLike = Pick<URL, 'protocol' | 'hostname' | 'port' | 'pathname' | 'search'>;

const cache = new Map<string, Parsed | null>();

function parse(pattern: string): Parsed | null {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  const m = PATTERN.exec(pattern);
  let parsed: Parsed | null = null;
  if (m) {
    const [, scheme = '', host = '', port, path = '/'] = m;
    const glob = path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    parsed = { scheme, host: host.toLowerCase(), port: port?.slice(1), glob, path: null };
  }
  cache.set(pattern, parsed);
  return parsed;
}

/** True for a pattern this module understands. `<all_urls>` is deliberately not one. */
export function isValidPattern(pattern: string): boolean {
  return parse(pattern) !== null;
}

/** Does `url` fall under `pattern`? Invalid patterns match nothing. */
export function matchPattern(pattern: string, url: UrlLike): boolean {
  const p = parse(pattern);
  if (!p) return false;
  const scheme = url.protocol.slice(0, -1);
  if (p.scheme === '*' ? scheme !== 'http' && scheme !== 'https' : p.scheme !== scheme) return false;
  const host = url.hostname.toLowerCase();
  if (p.host.startsWith('*.')) {
    const base = p.host.slice(2);
    if (host !== base && !host.endsWith(`.${base}`)) return false;
  } else if (p.host !== '*' && p.host !== host) {
    return false;
  }
  if (p.port !== undefined && p.port !== url.port) return false;
  // The path part of a pattern covers the query string too; `/*` (every CRM's) covers all.
  if (p.glob === '/.*') return true;
  p.path ??= new RegExp(`^${p.glob}$`);
  return p.path.test(url.pathname + url.search);
}
