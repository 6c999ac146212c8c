import { useRef, useState } from 'preact/hooks';
import { useActions } from './actions';
import { formatCount } from './format';
import { t } from './i18n';
import { SnoozePanel } from './snooze-panel';

/** Appears while warnings are selected: one snooze for all of them. */
export function BulkBar({ onClear }: { onClear: () => void }) {
  const actions = useActions();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const count = actions.selected.size;
  if (count === 0) return null;
  const ids = [...actions.selected];
  return (
    <section class="bulk" aria-label={t('bulkLabel')} data-testid="bulk">
      <div class="bulk-row">
        <span class="bulk-count">
          {t(count === 1 ? 'bulkSelectedOne' : 'bulkSelected', [formatCount(count)])}
        </span>
        <button type="button" ref={toggle} aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('snoozeSelected')}
        </button>
        <button type="button" onClick={() => actions.dismiss(ids)}>
          {t('dismissSelected')}
        </button>
        <button type="button" class="quiet" onClick={onClear}>
          {t('clearSelection')}
        </button>
      </div>
      {open && (
        <SnoozePanel
          label={t('snoozeSelected')}
          onCancel={() => {
            setOpen(false);
            toggle.current?.focus();
          }}
          onSnooze={(until, reason) => {
            setOpen(false);
            // As for one warning (warning-item.tsx): the focus waits on the toggle.
            toggle.current?.focus();
            actions.snooze(ids, until, reason);
          }}
        />
      )}
    </section>
  );
}
