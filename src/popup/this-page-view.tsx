import { useEffect, useState } from 'preact/hooks';
import type { Warning } from '../radar/model';
import { radarDb } from '../store/db';
import { currentRevision, loadPageView, type PageView } from '../store/page-view';
import { useListed } from '../ui/actions';
import { OnOpenTab } from '../ui/deal-card';
import { DealList } from '../ui/deal-list';
import { formatCount } from '../ui/format';
import { t } from '../ui/i18n';
import { PipelineList } from '../ui/pipeline-list';
import { afterReady, useReadyMark } from '../ui/ready-mark';
import { type Seed, useTableQuery } from '../ui/use-table-query';
import { GrantAccess } from './grant-access';
import type { PageSeed } from './page-seed';
import { send } from './messaging';
import { pageLabel, pageStatus, unreadableNote } from './page-status';

/** Every list of warnings the view shows: the site's pipeline warnings, then each deal's. */
function* pageLists(view: PageView): Iterable<readonly Warning[]> {
  yield view.pipeline;
  for (const group of view.groups) yield group.warnings;
}

/** The deals of this view are those of the page open in this tab. */
const onThisTab = () => true;

/** Whether the data is still at `revision`: checked once the first view is on screen. */
function stillAt(revision: string): Promise<boolean> {
  return new Promise<void>((ready) => afterReady(ready))
    .then(() => currentRevision(radarDb()))
    .then((now) => now === revision);
}

interface Props {
  tabId: number | undefined;
  /** The first view, already read (for `pageSize`); without it the view reads. */
  initial?: PageSeed | null | undefined;
  pageSize: number;
  /** The dashboard names the page it shows (it is not the active tab there). */
  showPage: boolean;
  onShowHidden: () => void;
}

/** The deals of one tab's page that need attention, the site's pipeline warnings above them. */
export function ThisPageView({ tabId, initial, pageSize, showPage, onShowHidden }: Props) {
  const [limit, setLimit] = useState(pageSize);
  const seed: Seed<PageView> | undefined = initial
    ? { value: initial.view, holds: () => stillAt(initial.revision) }
    : undefined;
  const view = useTableQuery(
    () => (tabId === undefined ? Promise.resolve(null) : loadPageView(radarDb(), tabId, limit)),
    ['tabs', 'warnings', 'deals'],
    [tabId, limit],
    seed,
  );
  useReadyMark(view !== undefined, view?.source);
  useListed(view, pageLists);
  // No stored summary held for this read page (none yet, or the data changed since): ask the
  // background for one, so the next popup reads one record instead of every warning.
  const unsummarized = view?.tab?.done === true && view.source === 'read';
  useEffect(() => {
    if (unsummarized) afterReady(() => void send('ui:summarize', {}).catch(() => undefined));
  }, [unsummarized]);
  if (view === undefined) return <p class="status loading">{t('loading')}</p>;
  const tab = view?.tab;
  const unreadable = unreadableNote(tab);
  const hidden = view?.hidden ?? 0;
  const reading = tab !== undefined && !tab.done;
  const status = (
    <p class="status" data-testid="status">
      {pageStatus(tab, view?.total ?? 0)}
    </p>
  );
  return (
    <>
      {showPage && tab && <p class="page-label">{t('pageShown', [pageLabel(tab.pageUrl)])}</p>}
      {/* Only the answer goes into the live region: the rows read so far change after every batch
          the page sends, and would be read out each time (the progress bar says it is reading). */}
      <div role="status">{!reading && status}</div>
      {reading && status}
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
        <OnOpenTab.Provider value={onThisTab}>
          <DealList
            groups={view.groups}
            total={view.total}
            pageSize={pageSize}
            onMore={() => setLimit(limit + pageSize)}
            label={t('dealsLabel')}
          />
        </OnOpenTab.Provider>
      )}
    </>
  );
}
