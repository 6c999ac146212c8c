import { useEffect, useState } from 'preact/hooks';
import { browser } from '../platform/browser';
import { type HostAccess, hostAccess } from '../sites/host-access';
import { t } from '../ui/i18n';

/**
 * When nothing was read on this page because the user has not granted (or withdrew) access to
 * the CRM site — Firefox asks the user for every site — say so and offer to grant it.
 */
export function GrantAccess({ tabId }: { tabId: number | undefined }) {
  const [access, setAccess] = useState<HostAccess | null>(null);
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    let live = true;
    void (async () => {
      const tab = tabId === undefined ? undefined : await browser.tabs.get(tabId).catch(() => undefined);
      const crmPatterns = (browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []);
      const result = await hostAccess({ pageUrl: tab?.url, crmPatterns }, browser.permissions).catch(() => null);
      if (live) setAccess(result);
    })();
    return () => {
      live = false;
    };
  }, [tabId]);
  if (!access || (access.state !== 'needs-grant' && access.state !== 'some-not-granted')) return null;
  const origins = access.request;
  return (
    <p class="note" data-testid="grant-access">
      {t(access.state === 'needs-grant' ? 'grantNeeded' : 'grantSome')}{' '}
      {asked ? (
        t('grantReload')
      ) : (
        <button
          type="button"
          onClick={() => {
            // The request must be made in the click itself (a user gesture): no await before it.
            void browser.permissions.request({ origins }).then((granted) => setAsked(granted));
          }}
        >
          {t('grantAccess')}
        </button>
      )}
    </p>
  );
}
