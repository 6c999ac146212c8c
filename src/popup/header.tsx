import { browser } from '../platform/browser';
import { t } from '../ui/i18n';

export type Mode = 'popup' | 'dashboard';

/** The dashboard's address: the same page full-size, remembering which tab "This page" means. */
export function dashboardUrl(tabId: number | undefined): string {
  return browser.runtime.getURL(
    `popup/index.html?mode=dashboard${tabId === undefined ? '' : `&tab=${tabId}`}`,
  );
}

interface Props {
  mode: Mode;
  tabId: number | undefined;
  /** Close the popup after opening the dashboard (not when the popup itself was opened in a tab). */
  closeAfterOpen: boolean;
}

export function Header({ mode, tabId, closeAfterOpen }: Props) {
  const openDashboard = async () => {
    await browser.tabs.create({ url: dashboardUrl(tabId) });
    if (closeAfterOpen) window.close();
  };
  return (
    <header class="bar">
      <h1>{mode === 'dashboard' ? t('dashboardTitle') : t('extName')}</h1>
      <div class="bar-actions">
        {mode === 'popup' && (
          <button type="button" onClick={() => void openDashboard()} data-testid="open-dashboard">
            {t('openAsTab')}
          </button>
        )}
        <button type="button" class="quiet" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openSettings')}
        </button>
      </div>
    </header>
  );
}
