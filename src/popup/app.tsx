import { useRef, useState } from 'preact/hooks';
import { ActionsContext } from '../ui/actions';
import { BulkBar } from '../ui/bulk-bar';
import { t } from '../ui/i18n';
import { UndoToast } from '../ui/undo-toast';
import { Notices } from './notices';
import { PANEL_ID, tabId as tabElementId, type ViewTab, ViewTabs } from '../ui/view-tabs';
import { WeeklyReviewPanel } from '../ui/weekly-review';
import { AllDealsView } from './all-deals-view';
import { Header, type Mode } from './header';
import { HiddenView } from './hidden-view';
import type { PageSeed } from './page-seed';
import { ThisPageView } from './this-page-view';
import { TrendPanel } from './trend-panel';
import { useRadarActions } from './use-radar-actions';

export type View = 'page' | 'all' | 'hidden';
/** Deal cards per page: what fits the popup with room to scroll; more on the dashboard. */
export const PAGE_SIZE = { popup: 20, dashboard: 60 } as const;
export const VIEWS: readonly View[] = ['page', 'all', 'hidden'];

interface Props {
  mode: Mode;
  tabId: number | undefined;
  initialView?: View | undefined;
  /** "This page" as already read, for its first page (main.tsx). */
  initialPage?: PageSeed | null | undefined;
  closeAfterOpen?: boolean;
}

/** The popup, and the same views full-size as the dashboard (plus the weekly review). */
export function App({ mode, tabId, initialView, initialPage, closeAfterOpen = false }: Props) {
  const [view, setView] = useState<View>(
    initialView ?? (mode === 'dashboard' && tabId === undefined ? 'all' : 'page'),
  );
  const panel = useRef<HTMLDivElement>(null);
  const bulk = useRef<HTMLElement>(null);
  const radar = useRadarActions({
    // The last selected warnings left the list on their own: the bar goes, and the button that had
    // the focus with it. As after "Clear selection", the focus stays in the view.
    onEmptied: () => {
      if (bulk.current?.contains(document.activeElement)) panel.current?.focus();
    },
  });
  const tabs: ViewTab<View>[] = [
    { id: 'page', label: t('viewPage') },
    { id: 'all', label: t('viewAll') },
    { id: 'hidden', label: t('viewHidden') },
  ];
  // The first view read before the app ran is only for the app's first view.
  const [pageSeed, setPageSeed] = useState(initialPage);
  const show = (next: View) => {
    // A selection is only ever of warnings the user can see.
    if (next !== view) {
      radar.clearSelection();
      setPageSeed(null);
    }
    setView(next);
  };

  return (
    <ActionsContext.Provider value={radar.actions}>
      <Header mode={mode} tabId={tabId} closeAfterOpen={closeAfterOpen} />
      <Notices />
      {mode === 'popup' && <TrendPanel height={28} />}
      <div class="layout">
        <main class="views">
          <ViewTabs tabs={tabs} current={view} onSelect={show} label={t('viewsLabel')} />
          {radar.error && (
            <p class="error" role="alert">
              {radar.error}
            </p>
          )}
          <div
            class="panel"
            role="tabpanel"
            id={PANEL_ID}
            aria-labelledby={tabElementId(view)}
            tabIndex={-1}
            ref={panel}
          >
            {view === 'page' && (
              <ThisPageView
                tabId={tabId}
                initial={pageSeed}
                pageSize={PAGE_SIZE[mode]}
                showPage={mode === 'dashboard'}
                onShowHidden={() => {
                  show('hidden');
                  // The link goes with the view it was in: the focus stays in the panel.
                  panel.current?.focus();
                }}
              />
            )}
            {view === 'all' && <AllDealsView pageSize={PAGE_SIZE[mode]} />}
            {view === 'hidden' && <HiddenView />}
          </div>
          <BulkBar
            bar={bulk}
            onClear={() => {
              radar.clearSelection();
              // The bar goes with the selection, and its button with it: the focus stays in the view.
              panel.current?.focus();
            }}
          />
        </main>
        {mode === 'dashboard' && (
          <aside class="side" aria-label={t('reviewTitle')}>
            <TrendPanel height={80} />
            <WeeklyReviewPanel />
          </aside>
        )}
      </div>
      <UndoToast
        offer={radar.undo}
        onUndo={(offer) => {
          radar.takeBack(offer);
          // Undo is about to vanish with the toast: keep focus in the view.
          panel.current?.focus();
        }}
        onClose={(hadFocus) => {
          radar.closeUndo();
          if (hadFocus) panel.current?.focus();
        }}
      />
    </ActionsContext.Provider>
  );
}
