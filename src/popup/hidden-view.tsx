import { useRef } from 'preact/hooks';
import { radarDb } from '../store/db';
import { formatCount } from '../ui/format';
import { HiddenRow } from '../ui/hidden-item';
import { t } from '../ui/i18n';
import { loadHiddenView } from '../ui/queries';
import { useReadyMark } from '../ui/ready-mark';
import { ShowMore, useFocusOnMore, usePaged } from '../ui/show-more';
import { useTableQuery } from '../ui/use-table-query';

/** Snoozed and dismissed warnings, soonest back first, each with a way to bring it back now. */
export function HiddenView() {
  const data = useTableQuery(
    async () => ({ now: Date.now(), items: await loadHiddenView(radarDb()) }),
    ['warnings', 'deals'],
    [],
  );
  const { shown, left, more } = usePaged(data?.items ?? []);
  const list = useRef<HTMLUListElement>(null);
  const beforeMore = useFocusOnMore(list, shown.length, 'button');
  useReadyMark(data !== undefined);
  if (!data) return <p class="status loading">{t('loading')}</p>;
  const count = data.items.length;
  return (
    <>
      <p class="status" role="status" data-testid="hidden-status">
        {count === 0
          ? t('hiddenNone')
          : t(count === 1 ? 'hiddenCountOne' : 'hiddenCount', [formatCount(count)])}
      </p>
      {count > 0 && (
        <ul ref={list} class="hidden-list" aria-label={t('viewHidden')}>
          {shown.map((item) => (
            <HiddenRow key={item.warning.id} item={item} now={data.now} />
          ))}
        </ul>
      )}
      <ShowMore
        left={left}
        onMore={() => {
          beforeMore();
          more();
        }}
      />
    </>
  );
}
