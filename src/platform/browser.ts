/**
 * The one door to the WebExtension APIs. Everything else imports `browser` from here,
 * so unit tests can swap in an in-memory fake (vitest aliases webextension-polyfill).
 */
import browser from 'webextension-polyfill';

export type { Runtime, Tabs } from 'webextension-polyfill';
export { browser };
