import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from './i18n';

/** How long the undo offer stays (it waits while focus or the pointer is on it). */
export const UNDO_MS = 8000;

export interface UndoOffer {
  /** The warnings to restore; none: there is nothing to undo, only something to say. */
  ids: string[];
  /** What was done, e.g. "Snoozed until Thu, 4 Dec, 09:30.", and what was left as it was. */
  text: string;
  /** What changed meanwhile, said after the text (e.g. of the selection: src/popup/use-radar-actions.ts). */
  note?: string;
  /** Move focus to Undo, or to the text without one (the control that acted just disappeared with its warning). */
  focus: boolean;
}

interface Props {
  offer: UndoOffer | null;
  onUndo: (offer: UndoOffer) => void;
  /** `hadFocus`: focus was inside the toast when it closed, so the caller puts it somewhere useful. */
  onClose: (hadFocus: boolean) => void;
}

/** "Snoozed … [Undo]" for a few seconds after a snooze or dismiss. A live region, so it is announced. */
export function UndoToast({ offer, onUndo, onClose }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const [held, setHeld] = useState(false);
  const hasFocus = () => Boolean(box.current?.contains(document.activeElement));

  // The focus moves in the same task that shows the toast: a key pressed right after the action
  // reaches Undo, not the page behind the card that left.
  useLayoutEffect(() => {
    if (offer?.focus) (button.current ?? body.current)?.focus();
  }, [offer]);
  useEffect(() => {
    // A toast that vanished under the pointer never sees it leave.
    if (!offer) setHeld(false);
  }, [offer]);
  useEffect(() => {
    if (!offer || held) return;
    const timer = setTimeout(() => onClose(hasFocus()), UNDO_MS);
    return () => clearTimeout(timer);
  }, [offer, held]);

  return (
    <div
      class="toast"
      ref={box}
      role="status"
      onFocusIn={() => setHeld(true)}
      onFocusOut={(e) => setHeld(box.current?.contains(e.relatedTarget as Node | null) ?? false)}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(hasFocus())}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose(true);
      }}
    >
      {offer && (
        <div class="toast-body" ref={body} tabIndex={-1}>
          <span>{offer.note ? [offer.text, offer.note].filter((part) => part !== '').join(' ') : offer.text}</span>
          {offer.ids.length > 0 && (
            <button type="button" ref={button} onClick={() => onUndo(offer)}>
              {t('undo')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
