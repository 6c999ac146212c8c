import { useEffect, useState } from 'preact/hooks';
import { browser } from '../platform/browser';
import { describeOpenError, radarDb } from '../store/db';
import { formatCount } from '../ui/format';
import { t } from '../ui/i18n';

const WEEK = 7 * 24 * 60 * 60 * 1000;

/**
 * Things the user must hear about the data itself: it was written by a newer Deal Radar (a
 * downgrade: refused, nothing deleted), or storage was full and the oldest history made room.
 */
export function Notices() {
  const [notes, setNotes] = useState<string[]>([]);
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    let live = true;
    void (async () => {
      const found: string[] = [];
      await radarDb()
        .open()
        .catch((error: unknown) => {
          const problem = describeOpenError(error);
          found.push(problem.code === 'newer' ? t('noticeNewerData') : problem.message);
        });
      const stored = (await browser.storage.local.get('storageNotice')).storageNotice as { at?: unknown; dropped?: unknown } | undefined;
      if (typeof stored?.at === 'number' && typeof stored.dropped === 'number' && Date.now() - stored.at < WEEK) {
        found.push(t('noticeStorageFull', [formatCount(stored.dropped)]));
      }
      if (!live) return;
      setNotes(found);
      setChecked(true);
    })();
    return () => {
      live = false;
    };
  }, []);
  // The wrapper says when the check is done, so that "no notice" can be told from "not yet".
  return (
    <div data-testid="notices" data-checked={checked ? 'true' : 'false'}>
      {notes.length > 0 && (
        <div role="alert" class="notices">
          {notes.map((n) => (
            <p class="note" key={n}>
              {n}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
