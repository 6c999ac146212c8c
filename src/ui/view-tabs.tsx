import { useRef } from 'preact/hooks';

export interface ViewTab<V extends string> {
  id: V;
  label: string;
}

export const PANEL_ID = 'view-panel';

export function tabId(view: string): string {
  return `view-tab-${view}`;
}

/**
 * The views as an ARIA tablist: Tab enters at the current view; arrows, Home and End move
 * between views and select at once (automatic activation: the views render fast).
 */
export function ViewTabs<V extends string>({
  tabs,
  current,
  onSelect,
  label,
}: {
  tabs: ViewTab<V>[];
  current: V;
  onSelect: (view: V) => void;
  label: string;
}) {
  const list = useRef<HTMLDivElement>(null);
  const move = (from: number, e: KeyboardEvent) => {
    const last = tabs.length - 1;
    const keys: Record<string, number> = {
      ArrowRight: from + 1,
      ArrowDown: from + 1,
      ArrowLeft: from - 1,
      ArrowUp: from - 1,
      Home: 0,
      End: last,
    };
    const to = keys[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.id);
    list.current?.querySelector<HTMLElement>(`#${tabId(next.id)}`)?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label={label} ref={list}>
      {tabs.map((tab, i) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={tabId(tab.id)}
          aria-selected={tab.id === current}
          aria-controls={PANEL_ID}
          tabIndex={tab.id === current ? 0 : -1}
          onClick={() => onSelect(tab.id)}
          onKeyDown={(e) => move(i, e)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
