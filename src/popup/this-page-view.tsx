import { useState } from 'preact/hooks';
import { radarDb } from '../store/db';
import { DealList } from '../ui/deal-list';
import { formatCount } from '../ui/format';
import { t } from '../ui/i18n';
import { PipelineList } from '../ui/pipeline-list';
import { loadPageView } from '../ui/queries';
import { useReadyMark } from '../ui/ready-mark';
import { useTableQuery } from '../ui/use-table-query';
import { GrantAccess } from './grant-access';
import { pageLabel, pageStatus, unreadableNote } from './page-status';

interface Props {
  tabId: number | undefined;
  pageSize: number;
  /** The dashboard names the page it shows (it is not the active tab there). */
  showPage: boolean;
  onShowHidden: () => void;
}

/** The deals of one tab's page that need attention, the site's pipeline warnings above them. */
export function ThisPageView({ tabId, pageSize, showPage, onShowHidden }: Props) {
  const [limit, setLimit] = useState(pageSize);
  const view = useTableQuery(
    () => (tabId === undefined ? Promise.resolve(null) : loadPageView(radarDb(), tabId, limit)),
    ['tabs', 'warnings', 'deals'],
    [tabId, limit],
  );
  useReadyMark(view !== undefined);
  if (view === undefined) return <p class="status loading">{t('loading')}</p>;
  const tab = view?.tab;
  const unreadable = unreadableNote(tab);
  const hidden = view?.hidden ?? 0;
  return (
    <>
      {showPage && tab && <p class="page-label">{t('pageShown', [pageLabel(tab.pageUrl)])}</p>}
      <p class="status" role="status" data-testid="status">
        {pageStatus(tab, view?.total ?? 0)}
      </p>
      {!tab && <GrantAccess tabId={tabId} />}
      {tab && !tab.done && <progress class="reading" aria-label={t('pageReadingLabel')} />}
      {unreadable && (
        <p class="note" data-testid="unreadable">
          {unreadable}
        </p>
      )}
      {hidden > 0 && (
        <p class="note">
          <button type="button" class="link" onClick={onShowHidden}>
            {t(hidden === 1 ? 'pageHiddenOne' : 'pageHidden', [formatCount(hidden)])}
          </button>
        </p>
      )}
      {view && tab && <PipelineList warnings={view.pipeline} site={tab.site} />}
      {view && (
        <DealList
          groups={view.groups}
          total={view.total}
          pageSize={pageSize}
          onMore={() => setLimit(limit + pageSize)}
          label={t('dealsLabel')}
        />
      )}
    </>
  );
}
