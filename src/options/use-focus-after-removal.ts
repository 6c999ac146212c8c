import { useLayoutEffect, useRef } from 'preact/hooks';

interface Handoff {
  from: Element;
  to: () => HTMLElement | null | undefined;
}

/**
 * Keeps a keyboard user's place when a button removes the entry it belongs to, and itself with it.
 * The click says where the focus goes next; once the component is drawn without the button (at
 * once, or after the background answered), the focus moves there, in the same task as the removal.
 * While the button stays (a failed save) the focus stays on it; if the user moved the focus
 * elsewhere meanwhile, it is left there.
 */
export function useFocusAfterRemoval(): (from: Element, to: Handoff['to']) => void {
  const pending = useRef<Handoff | null>(null);
  useLayoutEffect(() => {
    const handoff = pending.current;
    if (!handoff || handoff.from.isConnected) return;
    pending.current = null;
    // A focused element that leaves the page leaves the focus on the body.
    if (document.activeElement === null || document.activeElement === document.body) handoff.to()?.focus();
  });
  return (from, to) => {
    pending.current = { from, to };
  };
}
