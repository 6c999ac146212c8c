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
  // One live region from the first frame, in a fragment either way: "Loading…", then the answer,
  // which a screen reader then reads out (see AllDealsView).
  const count = data?.items.length ?? 0;
  const status = (
    <p class={data ? 'status' : 'status loading'} role="status" data-testid="hidden-status">
      {!data
        ? t('loading')
        : count === 0
          ? t('hiddenNone')
          : t(count === 1 ? 'hiddenCountOne' : 'hiddenCount', [formatCount(count)])}
    </p>
  );
  if (!data) return <>{status}</>;
  return (
    <>
      {status}
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
