import { useId } from 'preact/hooks';
import { DealList } from '../ui/deal-list';
import { formatCount, relativeTo } from '../ui/format';
import { t } from '../ui/i18n';
import { PipelineList } from '../ui/pipeline-list';
import type { SiteView } from '../ui/queries';

/** One CRM site in All deals: what was watched there, its pipeline warnings, its deals. */
interface Props {
  view: SiteView;
  now: number;
  pageSize: number;
  onMore: () => void;
}

export function SiteSection({ view, now, pageSize, onMore }: Props) {
  const id = useId();
  const { site, dealCount, groups, total, pipeline } = view;
  const watched =
    total === 0
      ? t(dealCount === 1 ? 'siteAllClearOne' : 'siteAllClear', [formatCount(dealCount)])
      : t('siteNeedAttention', [formatCount(total), formatCount(dealCount)]);
  return (
    <section class="site" aria-labelledby={id} data-site={site.site}>
      <h2 class="site-name" id={id}>
        {site.site}
      </h2>
      <p class="status">
        {watched} {t('siteLastRead', [relativeTo(now, site.lastScan)])}
      </p>
      <PipelineList warnings={pipeline} site={site.site} level={3} />
      <DealList
        groups={groups}
        total={total}
        pageSize={pageSize}
        onMore={onMore}
        level={3}
        label={t('dealsOnSite', [site.site])}
      />
    </section>
  );
}
