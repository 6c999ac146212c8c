import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { send } from '../messages/send';
import { browser } from '../platform/browser';
import type { Settings } from '../settings/schema';
import { SETTINGS_KEY } from '../settings/storage';

export type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; detail: string };

export interface SettingsHandle {
  settings: Settings | undefined;
  /** Set when the stored settings come from a newer Deal Radar. */
  newer: string | undefined;
  status: SaveStatus;
  /** Applies a change at once: shown now, saved and re-scored by the background. */
  update(change: (current: Settings) => Settings): void;
  /** Reads the settings again (after a change made through another message). */
  reload(): Promise<void>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The settings as the background reads them, kept fresh when they change elsewhere (another
 * options tab, an import). Every write goes to the background.
 */
export function useSettings(): SettingsHandle {
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  const [newer, setNewer] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const latest = useRef<Settings | undefined>(undefined);
  // While our own saves are on their way, storage echoes of earlier ones would show a stale state.
  const pending = useRef(0);

  const reload = useCallback(async () => {
    const reply = await send('options:get-settings', {});
    if (pending.current > 0) return;
    latest.current = reply.settings;
    setSettings(reply.settings);
    setNewer(reply.newer);
  }, []);

  useEffect(() => {
    void reload().catch((error: unknown) => setStatus({ kind: 'error', detail: errorText(error) }));
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && SETTINGS_KEY in changes && pending.current === 0) void reload().catch(() => undefined);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [reload]);

  const update = useCallback((change: (current: Settings) => Settings) => {
    const current = latest.current;
    if (!current) return;
    const next = change(current);
    latest.current = next;
    setSettings(next);
    setStatus({ kind: 'saving' });
    pending.current += 1;
    send('options:save-settings', { settings: next })
      .then(
        (reply) => {
          pending.current -= 1;
          // The newest change wins: only the last save in flight sets what is shown.
          if (pending.current === 0) {
            latest.current = reply.settings;
            setSettings(reply.settings);
            setStatus({ kind: 'saved' });
          }
        },
        (error: unknown) => {
          pending.current -= 1;
          setStatus({ kind: 'error', detail: errorText(error) });
          void reload().catch(() => undefined);
        },
      );
  }, [reload]);

  return { settings, newer, status, update, reload };
}
