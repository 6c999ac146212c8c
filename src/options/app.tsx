import { useMemo } from 'preact/hooks';
import { radarDb } from '../store/db';
import { t } from '../ui/i18n';
import { useLiveQuery } from '../ui/use-live-query';
import { CustomSitesSection } from './custom-sites-section';
import { DataSection } from './data-section';
import { CrmSection, DaysSection, MarkersSection, NotificationsSection } from './general-sections';
import { RulesSection, stagesSeen } from './rules-section';
import { type SaveStatus, useSettings } from './use-settings';

function statusText(status: SaveStatus): string {
  switch (status.kind) {
    case 'idle':
      return t('optionsStatusIdle');
    case 'saving':
      return t('optionsStatusSaving');
    case 'saved':
      return t('optionsStatusSaved');
    case 'error':
      return t('optionsStatusError', [status.detail]);
  }
}

/** The options page: every setting applies at once (the background saves and re-scores). */
export function OptionsApp() {
  const db = radarDb();
  const { settings, newer, status, update, reload } = useSettings();
  const sites = useLiveQuery(() => db.sites.toArray(), []);
  const stages = useMemo(() => stagesSeen(sites ?? []), [sites]);

  return (
    <main class="options">
      <header class="bar options-bar">
        <h1>{t('optionsTitle')}</h1>
        <p class={`save-status save-${status.kind}`} role="status" aria-live="polite" data-testid="save-status">
          {statusText(status)}
        </p>
      </header>
      {newer && (
        <p class="message message-error" role="alert">
          {t('optionsNewerSettings', [newer])}
        </p>
      )}
      {!settings ? (
        <p class="hint">{t('optionsLoading')}</p>
      ) : (
        <>
          <nav aria-label={t('optionsNavLabel')} class="options-nav">
            <a href="#rules-title">{t('optionsRulesTitle')}</a>
            <a href="#days-title">{t('optionsDaysTitle')}</a>
            <a href="#crms-title">{t('optionsCrmsTitle')}</a>
            <a href="#custom-title">{t('optionsCustomTitle')}</a>
            <a href="#markers-title">{t('optionsMarkersTitle')}</a>
            <a href="#notify-title">{t('optionsNotifyTitle')}</a>
            <a href="#data-title">{t('optionsDataTitle')}</a>
          </nav>
          <RulesSection settings={settings} update={update} stages={stages} />
          <DaysSection settings={settings} update={update} />
          <CrmSection settings={settings} update={update} />
          <CustomSitesSection settings={settings} reload={reload} />
          <MarkersSection settings={settings} update={update} />
          <NotificationsSection settings={settings} update={update} />
          <DataSection db={db} settings={settings} update={update} reload={reload} />
        </>
      )}
    </main>
  );
}
