/**
 * The one door to the WebExtension APIs for the background and the extension's pages: they import
 * `browser` from here, so unit tests can swap in an in-memory fake (vitest aliases
 * webextension-polyfill). The content script uses the browser's own namespace (src/content/api.ts).
 */
import browser from 'webextension-polyfill';

export type { Runtime, Tabs } from 'webextension-polyfill';
export { browser };
