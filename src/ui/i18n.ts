import { browser } from '../platform/browser';

/** Messages without substitutions, looked up once: a page of deal cards asks for the same few hundreds of times. */
const plain = new Map<string, string>();

/** A user-visible string from public/_locales; falls back to the key so a missing one shows, not vanishes. */
export function t(key: string, substitutions?: string | string[]): string {
  if (substitutions !== undefined) return browser.i18n.getMessage(key, substitutions) || key;
  let message = plain.get(key);
  if (message === undefined) {
    message = browser.i18n.getMessage(key) || key;
    plain.set(key, message);
  }
  return message;
}

const rtfCache = new Map<string, Intl.RelativeTimeFormat>();

/** "3 days ago", "in 2 days", in the user's locale. */
export function relativeDays(days: number, locale = navigator.language): string {
  let rtf = rtfCache.get(locale);
  if (!rtf) {
    rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    rtfCache.set(locale, rtf);
  }
  return rtf.format(days, 'day');
}
