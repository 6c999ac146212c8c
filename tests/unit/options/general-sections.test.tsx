// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { NotificationsSection } from '../../../src/options/general-sections';
import { browser } from '../../../src/platform/browser';
import { defaultSettings } from '../../../src/settings/schema';
import { t } from '../../../src/ui/i18n';
import { extras, resetBrowser } from '../settings/browser-extras';

let root: HTMLElement;

beforeEach(() => {
  resetBrowser();
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

test('notifications taken back in the browser: the note is said in a status that was on the page before, empty', async () => {
  extras.granted.add('notifications');
  const settings = defaultSettings();
  settings.notifications.critical = true;
  act(() => render(<NotificationsSection settings={settings} update={() => undefined} />, root));
  await vi.waitFor(() => expect((root.querySelector('#notify-critical') as HTMLInputElement).checked).toBe(true));
  const status = root.querySelector('[data-testid=notify-message] [role=status]');
  const alert = root.querySelector('[data-testid=notify-message] [role=alert]');
  expect([status?.textContent, alert?.textContent]).toEqual(['', '']);

  extras.granted.delete('notifications');
  (browser.permissions.onRemoved as unknown as { fire(...args: unknown[]): void }).fire({ permissions: ['notifications'] });
  await vi.waitFor(() => expect((root.querySelector('#notify-critical') as HTMLInputElement).checked).toBe(false));
  // The same element, now with the note in it.
  expect(status?.isConnected).toBe(true);
  expect(status?.textContent).toBe(t('optionsNotifyWithdrawn'));
  expect(alert?.textContent).toBe('');
});
