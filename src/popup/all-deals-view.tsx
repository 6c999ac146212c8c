import { useState } from 'preact/hooks';
import { radarDb } from '../store/db';
import { formatCount } from '../ui/format';
import { t } from '../ui/i18n';
import { loadAllView } from '../ui/queries';
import { useReadyMark } from '../ui/ready-mark';
import { useTableQuery } from '../ui/use-table-query';
import { SiteSection } from './site-section';

/** Every CRM site the radar has seen, latest read first, each with its deals that need attention. */
export function AllDealsView({ pageSize }: { pageSize: number }) {
  // Each site pages on its own: "Show more" on one site asks for a longer list of that site only.
  const [limits, setLimits] = useState<Readonly<Record<string, number>>>({});
  const data = useTableQuery(
    async () => ({ now: Date.now(), sites: await loadAllView(radarDb(), pageSize, limits) }),
    ['sites', 'warnings', 'deals'],
    [limits],
  );
  useReadyMark(data !== undefined);
  if (!data) return <p class="status loading">{t('loading')}</p>;
  const { sites, now } = data;
  const deals = sites.reduce((sum, s) => sum + s.total, 0);
  const one = sites.length === 1;
  const status =
    sites.length === 0
      ? t('allNoSites')
      : deals === 0
        ? t(one ? 'allClearOneSite' : 'allClear', [
            formatCount(sites.reduce((sum, s) => sum + s.dealCount, 0)),
            formatCount(sites.length),
          ])
        : t(one ? 'allNeedAttentionOneSite' : 'allNeedAttention', [
            formatCount(deals),
            formatCount(sites.length),
          ]);
  return (
    <>
      <p class="status" role="status" data-testid="all-status">
        {status}
      </p>
      {sites.map((s) => (
        <SiteSection
          key={s.site.site}
          view={s}
          now={now}
          pageSize={pageSize}
          onMore={() => setLimits({ ...limits, [s.site.site]: s.groups.length + pageSize })}
        />
      ))}
    </>
  );
}
