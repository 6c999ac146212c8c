import { useState } from 'preact/hooks';
import type { Warning } from '../radar/model';
import { radarDb } from '../store/db';
import { useListed } from '../ui/actions';
import { OnOpenTab } from '../ui/deal-card';
import { formatCount } from '../ui/format';
import { t } from '../ui/i18n';
import { loadAllView, type SiteView } from '../ui/queries';
import { useReadyMark } from '../ui/ready-mark';
import { useTableQuery } from '../ui/use-table-query';
import { SiteSection } from './site-section';

/** How many deals need attention, across how many sites. */
function allStatus(sites: ReadonlyArray<{ total: number; dealCount: number }>): string {
  const deals = sites.reduce((sum, s) => sum + s.total, 0);
  const one = sites.length === 1;
  if (sites.length === 0) return t('allNoSites');
  if (deals === 0)
    return t(one ? 'allClearOneSite' : 'allClear', [
      formatCount(sites.reduce((sum, s) => sum + s.dealCount, 0)),
      formatCount(sites.length),
    ]);
  return t(one ? 'allNeedAttentionOneSite' : 'allNeedAttention', [formatCount(deals), formatCount(sites.length)]);
}

/** Every list of warnings the view shows: per site, its pipeline warnings, then each deal's. */
function* siteLists(data: { sites: readonly SiteView[] }): Iterable<readonly Warning[]> {
  for (const site of data.sites) {
    yield site.pipeline;
    for (const group of site.groups) yield group.warnings;
  }
}

const onNoTab = () => false;

/** Every CRM site the radar has seen, latest read first, each with its deals that need attention. */
export function AllDealsView({ pageSize }: { pageSize: number }) {
  // Each site pages on its own: "Show more" on one site asks for a longer list of that site only.
  const [limits, setLimits] = useState<Readonly<Record<string, number>>>({});
  const data = useTableQuery(
    async () => {
      const db = radarDb();
      const [sites, tabs] = await Promise.all([loadAllView(db, pageSize, limits), db.tabs.toArray()]);
      // The deals on pages open in tabs now: not stale, however long ago they were last sent.
      const open = new Set(tabs.flatMap((tab) => tab.dealIds));
      return { now: Date.now(), sites, onOpenTab: (dealId: string) => open.has(dealId) };
    },
    ['sites', 'warnings', 'deals', 'tabs'],
    [limits],
  );
  useReadyMark(data !== undefined);
  useListed(data, siteLists);
  // One live region from the first frame: "Loading…", then the answer, which a screen reader
  // then reads out (a region inserted with its text already in it is often not announced).
  const status = (
    <p class={data ? 'status' : 'status loading'} role="status" data-testid="all-status">
      {data ? allStatus(data.sites) : t('loading')}
    </p>
  );
  // The same wrapper either way, so the same paragraph stays on the page.
  if (!data) return <OnOpenTab.Provider value={onNoTab}>{status}</OnOpenTab.Provider>;
  const { sites, now, onOpenTab } = data;
  return (
    <OnOpenTab.Provider value={onOpenTab}>
      {status}
      {sites.map((s) => (
        <SiteSection
          key={s.site.site}
          view={s}
          now={now}
          pageSize={pageSize}
          onMore={() => setLimits({ ...limits, [s.site.site]: s.groups.length + pageSize })}
        />
      ))}
    </OnOpenTab.Provider>
  );
}
