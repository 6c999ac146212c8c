import type { RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useActions } from './actions';
import { formatCount } from './format';
import { t } from './i18n';
import { SnoozePanel } from './snooze-panel';

/**
 * Appears while warnings are selected: one snooze or dismissal for all of them. It says how many
 * of them changed since they were picked: those are left as they are until picked again.
 * `bar` holds its element while it shows (the popup moves the focus out of it before it goes).
 */
export function BulkBar({ onClear, bar }: { onClear: () => void; bar: RefObject<HTMLElement | null> }) {
  const actions = useActions();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const count = actions.selected.size;
  const changed = actions.changed.size;
  const shown = count > 0;
  // The bar sticks to the bottom, over the list: the page keeps its height free when the browser
  // scrolls a focused item into view (popup.css). It grows with the snooze panel or on two rows.
  useLayoutEffect(() => {
    const element = bar.current;
    if (!shown || !element) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty('--bulk-height', `${element.offsetHeight}px`));
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--bulk-height');
    };
  }, [shown]);
  if (!shown) return null;
  const picked = [...actions.selected.values()];
  return (
    <section class="bulk" ref={bar} aria-label={t('bulkLabel')} data-testid="bulk">
      <div class="bulk-row">
        <span class="bulk-count">
          {t(count === 1 ? 'bulkSelectedOne' : 'bulkSelected', [formatCount(count)])}
        </span>
        <button type="button" ref={toggle} aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('snoozeSelected')}
        </button>
        <button type="button" onClick={() => actions.dismiss(picked)}>
          {t('dismissSelected')}
        </button>
        <button type="button" class="quiet" onClick={onClear}>
          {t('clearSelection')}
        </button>
      </div>
      {changed > 0 && (
        <p class="bulk-note">
          {changed === 1 ? t('bulkChangedOne') : t('bulkChangedMany', [formatCount(changed)])}
        </p>
      )}
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
            actions.snooze(picked, until, reason);
          }}
        />
      )}
    </section>
  );
}
