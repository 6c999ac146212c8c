/**
 * The content script's door to the extension APIs: the browser's own namespace (`browser` in
 * Firefox, `chrome` in Chrome), whose MV3 methods already return promises. The content script runs
 * on every CRM page, deal view or not, so it skips webextension-polyfill: wrapping the namespace
 * costs milliseconds at load on each page, for the four calls made here. The rest of the extension
 * keeps the polyfill (src/platform/browser.ts).
 */
import type { Browser } from 'webextension-polyfill';

type Namespaces = { browser?: Browser; chrome?: Browser };

const scope = globalThis as unknown as Namespaces;

/** Undefined outside an extension (a page evaluating this file by itself). */
export const api: Browser | undefined = scope.browser ?? scope.chrome ?? undefined;
