import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ReplyOf } from '../messages/protocol';
import { send } from '../messages/send';
import { formField } from '../settings/form-fields';
import { Settings } from '../settings/schema';
import type { RadarDB } from '../store/db';
import {
  type Counts,
  countAll,
  countsOf,
  exportAll,
  exportFileName,
  type ImportProblem,
  MAX_IMPORT_CHARS,
  parseImport,
} from '../store/transfer';
import { t } from '../ui/i18n';
import { useLiveQuery } from '../ui/use-live-query';
import { FieldInput } from './fields';
import { type Message, MessageLine } from './message-line';

interface Props {
  db: RadarDB;
  settings: Settings;
  update(change: (current: Settings) => Settings): void;
  reload(): Promise<void>;
}

/** A refused file, in words: what is wrong and where. */
export function importProblemText(problem: ImportProblem): string {
  const where = problem.path ?? '';
  const detail = problem.detail ?? '';
  switch (problem.code) {
    case 'too-large':
      return t('optionsImportTooLarge', [String(Math.round(MAX_IMPORT_CHARS / 1024 / 1024))]);
    case 'not-json':
      return t('optionsImportNotJson', [detail]);
    case 'not-an-export':
      return t('optionsImportNotExport');
    case 'bad-version':
      return t('optionsImportBadVersion', [detail]);
    case 'newer-export':
      return t('optionsImportNewer', [detail]);
    case 'newer-settings':
      return t('optionsImportNewerSettings', [detail]);
    case 'invalid':
      return t('optionsImportInvalid', [where, detail]);
    case 'duplicate':
      return t('optionsImportDuplicate', [where, detail]);
  }
}

function countsText(counts: Counts): string {
  return t('optionsDataCounts', [String(counts.deals), String(counts.sites), String(counts.warnings), String(counts.events)]);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A file chosen for import, checked here first; the background checks it again before writing.
 * `tried`: an import of it was sent and surely did not go in; it can be tried again as it is.
 */
interface Pending {
  name: string;
  text: string;
  counts: Counts;
  tried?: boolean;
}

/**
 * What the page says when an import's reply did not come (the worker was stopped mid-way, the
 * message port closed, or the background failed): it asks the background, started again by the
 * question, whether the import's receipt is there (src/store/import-receipts.ts), and says that.
 * `retry`: nothing changed, so the same file stays chosen to try again.
 */
async function afterLostReply(file: Pending, importId: string, error: unknown): Promise<{ message: Message; retry: boolean }> {
  let status: ReplyOf<'options:import-status'>;
  try {
    status = await send('options:import-status', { importId });
  } catch (again) {
    const text = t('optionsImportUnknown', [file.name, errorText(again), countsText(file.counts)]);
    return { message: { kind: 'error', text }, retry: false };
  }
  if (!status.landed) {
    return { message: { kind: 'error', text: t('optionsImportNotLanded', [file.name, errorText(error)]) }, retry: true };
  }
  const counts = countsText(status.receipt.counts);
  if (status.finished) return { message: { kind: 'ok', text: t('optionsImportLanded', [file.name, counts]) }, retry: false };
  return { message: { kind: 'error', text: t('optionsImportLandedUnfinished', [file.name, counts]) }, retry: false };
}

/** Export, import and clear all data. */
export function DataSection({ db, settings, update, reload }: Props) {
  const counts = useLiveQuery(() => countAll(db), []);
  // The range and default come from the settings schema, like the rules' thresholds.
  const retention = useMemo(
    () => ({ ...formField('retentionDays', Settings.shape.retentionDays), label: t('optionsRetention'), unit: t('optionsRetentionUnit') }),
    [],
  );
  const [message, setMessage] = useState<Message>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const clearButton = useRef<HTMLButtonElement>(null);
  const confirmPanel = useRef<HTMLDivElement>(null);
  const importPanel = useRef<HTMLDivElement>(null);

  // A confirmation takes the focus, so keyboard users land on its buttons. It takes it in the same
  // task that shows it (a layout effect), so no keystroke can reach the button it hides.
  useLayoutEffect(() => {
    if (confirming) confirmPanel.current?.focus();
  }, [confirming]);
  useLayoutEffect(() => {
    if (pending) importPanel.current?.focus();
  }, [pending]);

  const onExport = async () => {
    setMessage(null);
    try {
      const now = Date.now();
      const file = await exportAll(db, settings, now);
      const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = exportFileName(now);
      document.body.append(link);
      link.click();
      link.remove();
      // Late enough for the download to have started.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setMessage({ kind: 'ok', text: t('optionsExported', [link.download, countsText(countsOf(file.data))]) });
    } catch (error) {
      setMessage({ kind: 'error', text: t('optionsExportFailed', [errorText(error)]) });
    }
  };

  const onFile = async (file: File | undefined) => {
    setMessage(null);
    setPending(null);
    if (!file) return;
    if (file.size > MAX_IMPORT_CHARS * 4) {
      setMessage({ kind: 'error', text: t('optionsImportRefused', [file.name, importProblemText({ code: 'too-large' })]) });
      return;
    }
    const text = await file.text();
    const parsed = parseImport(text);
    if (!parsed.ok) {
      setMessage({ kind: 'error', text: t('optionsImportRefused', [file.name, importProblemText(parsed.problem)]) });
      return;
    }
    setPending({ name: file.name, text, counts: countsOf(parsed.data) });
  };

  const resetFile = () => {
    if (fileInput.current) fileInput.current.value = '';
  };
  // Nothing imported: the file is let go, and the focus goes back to where the file was chosen.
  const cancelImport = () => {
    setPending(null);
    resetFile();
    fileInput.current?.focus();
  };

  const onImport = async (file: Pending) => {
    setBusy(true);
    setMessage(null);
    // This try's name: kept with the data if it goes in, so a lost reply can be asked about.
    const importId = crypto.randomUUID();
    let retry = false;
    try {
      const reply = await send('options:import', { text: file.text, importId });
      if ('refused' in reply) setMessage({ kind: 'error', text: t('optionsImportRefused', [file.name, importProblemText(reply.refused)]) });
      else setMessage({ kind: 'ok', text: t('optionsImported', [file.name, countsText(reply.imported)]) });
    } catch (error) {
      const outcome = await afterLostReply(file, importId, error);
      setMessage(outcome.message);
      retry = outcome.retry;
    } finally {
      setBusy(false);
      if (retry) {
        // The confirmation stays with the same file, offering to try again (it takes the focus).
        setPending({ ...file, tried: true });
      } else {
        setPending(null);
        resetFile();
        // The confirmation goes, with the focus in it: back to where the file was chosen (as on
        // Cancel); the result is read out from the message. A focus moved elsewhere meanwhile stays.
        const focused = document.activeElement;
        if (!focused || focused === document.body || importPanel.current?.contains(focused)) fileInput.current?.focus();
      }
    }
    // The settings shown follow the file's, if it went in. A failure here says nothing about the
    // import, and the page reads the settings again when the stored ones change anyway.
    if (!retry) await reload().catch(() => undefined);
  };

  const onClear = async () => {
    setBusy(true);
    try {
      await send('options:clear-data', { confirm: true });
      setMessage({ kind: 'ok', text: t('optionsCleared') });
    } catch (error) {
      setMessage({ kind: 'error', text: t('optionsClearFailed', [errorText(error)]) });
    } finally {
      setBusy(false);
      setConfirming(false);
      clearButton.current?.focus();
    }
  };

  return (
    <section class="card" aria-labelledby="data-title">
      <h2 id="data-title">{t('optionsDataTitle')}</h2>
      <p class="hint" data-testid="data-counts">
        {counts ? countsText(counts) : ''}
      </p>
      <div class="data-actions">
        <button type="button" onClick={() => void onExport()}>
          {t('optionsExport')}
        </button>
        <div class="file-pick">
          <label for="import-file">{t('optionsImportLabel')}</label>
          <input
            id="import-file"
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            aria-describedby="import-hint"
            onChange={(e) => void onFile(e.currentTarget.files?.[0])}
          />
        </div>
      </div>
      <p class="hint" id="import-hint">
        {t('optionsImportHint')}
      </p>
      <FieldInput
        id="retention-days"
        field={retention}
        value={settings.retentionDays}
        onChange={(value) => typeof value === 'number' && update((s) => ({ ...s, retentionDays: value }))}
      />
      {pending && (
        <section
          class="confirm"
          aria-labelledby="import-confirm-title"
          tabIndex={-1}
          ref={importPanel}
          onKeyDown={(e) => {
            if (e.key === 'Escape') cancelImport();
          }}
        >
          <h3 id="import-confirm-title">{t('optionsImportConfirmTitle', [pending.name])}</h3>
          <p>{t('optionsImportConfirmText', [countsText(pending.counts)])}</p>
          <div class="actions">
            <button type="button" class="danger" disabled={busy} onClick={() => void onImport(pending)}>
              {t(pending.tried ? 'optionsImportRetry' : 'optionsImportConfirm')}
            </button>
            <button type="button" onClick={cancelImport}>
              {t('optionsCancel')}
            </button>
          </div>
        </section>
      )}
      <div class="data-actions">
        <button type="button" ref={clearButton} class="danger" aria-expanded={confirming} onClick={() => setConfirming(true)}>
          {t('optionsClear')}
        </button>
      </div>
      {confirming && (
        <section
          class="confirm"
          aria-labelledby="clear-confirm-title"
          tabIndex={-1}
          ref={confirmPanel}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setConfirming(false);
              clearButton.current?.focus();
            }
          }}
        >
          <h3 id="clear-confirm-title">{t('optionsClearConfirmTitle')}</h3>
          <p>{t('optionsClearConfirmText', [counts ? countsText(counts) : ''])}</p>
          <div class="actions">
            <button type="button" class="danger" disabled={busy} onClick={() => void onClear()}>
              {t('optionsClearConfirm')}
            </button>
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                clearButton.current?.focus();
              }}
            >
              {t('optionsCancel')}
            </button>
          </div>
        </section>
      )}
      <MessageLine message={message} testId="data-message" />
    </section>
  );
}
