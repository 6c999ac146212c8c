import { useState } from 'preact/hooks';
import type { AddSiteRefusal } from '../messages/options-protocol';
import { send } from '../messages/send';
import { browser } from '../platform/browser';
import { normalizeOrigin, type OriginProblem, originPattern } from '../settings/origins';
import type { CustomSite, Settings } from '../settings/schema';
import { FIELD_NAMES, type FieldName } from '../sites/fields';
import { profileForUrl } from '../sites/registry';
import { t } from '../ui/i18n';
import { type Message, MessageLine } from './message-line';
import { useFocusAfterRemoval } from './use-focus-after-removal';
import { usePermissionAnswer } from './use-permission-answer';

interface Props {
  settings: Settings;
  reload(): Promise<void>;
}

/** 'lastActivity' → the field's name in the user's language. */
export function fieldLabel(field: FieldName): string {
  return t(`optionsField${field.charAt(0).toUpperCase()}${field.slice(1)}`);
}

function originProblemText(problem: OriginProblem): string {
  switch (problem) {
    case 'empty':
      return t('optionsSiteEmpty');
    case 'scheme':
      return t('optionsSiteScheme');
    case 'credentials':
      return t('optionsSiteCredentials');
    case 'invalid':
      return t('optionsSiteInvalid');
  }
}

function refusalText(refused: AddSiteRefusal, detail: string | undefined, origin: string): string {
  switch (refused) {
    case 'builtin':
      return t('optionsSiteBuiltin', [origin, detail ?? '']);
    case 'no-permission':
      return t('optionsSiteDenied', [origin]);
    case 'too-many':
      return t('optionsSiteTooMany');
    case 'invalid-origin':
      return t('optionsSiteInvalid');
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Asks for the site's host permission and, once granted, has the background add the site.
 * Must be called straight from a click or submit: the browser shows its prompt only for a gesture.
 */
function addSite(origin: string, aliases?: CustomSite['aliases']): Promise<Message> {
  return browser.permissions.request({ origins: [originPattern(origin)] }).then(
    async (granted) => {
      if (!granted) return { kind: 'error', text: t('optionsSiteDenied', [origin]) };
      const reply = await send('options:add-site', { origin, ...(aliases ? { aliases } : {}) });
      if ('refused' in reply) return { kind: 'error', text: refusalText(reply.refused, reply.detail, origin) };
      return { kind: 'ok', text: t('optionsSiteAdded', [reply.site.origin]) };
    },
    (error: unknown) => ({ kind: 'error', text: t('optionsSiteFailed', [errorText(error)]) }),
  );
}

function AliasEditor({ site, index, onMessage, reload }: { site: CustomSite; index: number; onMessage(m: Message): void; reload(): Promise<void> }) {
  const [field, setField] = useState<FieldName>('lastActivity');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const base = `site-${index}-alias`;
  // A name removed: its button goes with it, and the focus moves to the next name's button, else
  // to the field for adding one.
  const focusAfterRemoval = useFocusAfterRemoval();
  const entries = FIELD_NAMES.flatMap((name) => (site.aliases[name] ?? []).map((text) => [name, text] as const));

  const save = async (aliases: CustomSite['aliases']) => {
    try {
      await send('options:set-aliases', { origin: site.origin, aliases });
      onMessage({ kind: 'ok', text: t('optionsAliasesSaved', [site.origin]) });
      await reload();
    } catch (error) {
      onMessage({ kind: 'error', text: t('optionsSiteFailed', [errorText(error)]) });
    }
  };

  return (
    <div class="aliases">
      <h4 id={`${base}-title`}>{t('optionsAliasesTitle')}</h4>
      <p class="hint">{t('optionsAliasesHint')}</p>
      {entries.length > 0 && (
        <ul class="alias-list" aria-labelledby={`${base}-title`}>
          {entries.map(([name, text]) => (
            <li key={`${name}:${text}`}>
              <span>{t('optionsAliasEntry', [text, fieldLabel(name)])}</span>
              <button
                type="button"
                class="link-button"
                onClick={(e) => {
                  const next = e.currentTarget.closest('li')?.nextElementSibling?.querySelector('button');
                  focusAfterRemoval(e.currentTarget, () => (next?.isConnected ? next : document.getElementById(`${base}-label`)));
                  const kept = (site.aliases[name] ?? []).filter((l) => l !== text);
                  const { [name]: _dropped, ...rest } = site.aliases;
                  void save(kept.length > 0 ? { ...rest, [name]: kept } : rest);
                }}
              >
                {t('optionsAliasRemove', [text])}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="add-row"
        onSubmit={(e) => {
          e.preventDefault();
          const text = label.trim();
          if (text === '' || text.length > 100) {
            setProblem(t('optionsAliasInvalid'));
            return;
          }
          const current = site.aliases[field] ?? [];
          if (current.length >= 20) {
            setProblem(t('optionsAliasTooMany'));
            return;
          }
          setProblem(null);
          setLabel('');
          if (!current.includes(text)) void save({ ...site.aliases, [field]: [...current, text] });
        }}
      >
        <label for={`${base}-label`}>{t('optionsAliasLabel')}</label>
        <input
          id={`${base}-label`}
          type="text"
          value={label}
          maxLength={100}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? `${base}-error` : undefined}
          onInput={(e) => setLabel(e.currentTarget.value)}
        />
        <label for={`${base}-field`}>{t('optionsAliasField')}</label>
        <select id={`${base}-field`} value={field} onChange={(e) => setField(e.currentTarget.value as FieldName)}>
          {FIELD_NAMES.map((name) => (
            <option key={name} value={name}>
              {fieldLabel(name)}
            </option>
          ))}
        </select>
        <button type="submit">{t('optionsAliasAdd')}</button>
        {problem && (
          <p class="field-error" id={`${base}-error`} role="alert">
            {problem}
          </p>
        )}
      </form>
    </div>
  );
}

/** Whether Deal Radar may read each site now (the user can withdraw a permission in the browser). */
function useGranted(sitesList: CustomSite[]): Map<string, boolean> {
  const granted = usePermissionAnswer(
    async () =>
      new Map(
        await Promise.all(
          sitesList.map(async (s) => [s.origin, await browser.permissions.contains({ origins: [originPattern(s.origin)] }).catch(() => false)] as const),
        ),
      ),
    sitesList.map((s) => s.origin).join(' '),
  );
  return granted ?? NONE_GRANTED;
}

const NONE_GRANTED = new Map<string, boolean>();

/** CRMs the user added by origin, read with the generic profile and their own header aliases. */
export function CustomSitesSection({ settings, reload }: Props) {
  const [input, setInput] = useState('');
  const [inputProblem, setInputProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const granted = useGranted(settings.customSites);
  const focusAfterRemoval = useFocusAfterRemoval();

  const onAdd = (e: Event) => {
    e.preventDefault();
    setMessage(null);
    const normal = normalizeOrigin(input);
    if ('problem' in normal) {
      setInputProblem(originProblemText(normal.problem));
      return;
    }
    const builtin = profileForUrl(new URL(`${normal.origin}/`));
    if (builtin) {
      setInputProblem(t('optionsSiteBuiltin', [normal.origin, builtin.title]));
      return;
    }
    setInputProblem(null);
    // No await before this call: the permission prompt needs the submit's user gesture.
    void addSite(normal.origin).then(async (result) => {
      setMessage(result);
      if (result?.kind === 'ok') setInput('');
      await reload();
    });
  };

  return (
    <section class="card" aria-labelledby="custom-title">
      <h2 id="custom-title">{t('optionsCustomTitle')}</h2>
      <p class="hint">{t('optionsCustomHint')}</p>
      <form class="add-row" onSubmit={onAdd} noValidate>
        <label for="custom-origin">{t('optionsCustomOrigin')}</label>
        <input
          id="custom-origin"
          type="url"
          inputMode="url"
          placeholder="https://crm.example.com"
          value={input}
          aria-invalid={inputProblem ? 'true' : undefined}
          aria-describedby={inputProblem ? 'custom-origin-error' : 'custom-origin-hint'}
          onInput={(e) => setInput(e.currentTarget.value)}
        />
        <button type="submit">{t('optionsCustomAdd')}</button>
      </form>
      <p class="hint" id="custom-origin-hint">
        {t('optionsCustomOriginHint')}
      </p>
      {inputProblem && (
        <p class="field-error" id="custom-origin-error" role="alert">
          {inputProblem}
        </p>
      )}
      <MessageLine message={message} testId="custom-message" />
      {settings.customSites.length === 0 ? (
        <p class="hint">{t('optionsCustomNone')}</p>
      ) : (
        <ul class="custom-sites">
          {settings.customSites.map((site, index) => {
            const ok = granted.get(site.origin);
            return (
              <li key={site.origin} class="custom-site" data-origin={site.origin}>
                <div class="custom-site-head">
                  <h3>{site.origin}</h3>
                  {ok === false ? (
                    <span class="tag tag-warn">{t('optionsCustomNeedsPermission')}</span>
                  ) : (
                    ok && <span class="tag">{t('optionsCustomReading')}</span>
                  )}
                  {ok === false && (
                    <button type="button" onClick={() => void addSite(site.origin, site.aliases).then(async (m) => { setMessage(m); await reload(); })}>
                      {t('optionsCustomAllow', [site.origin])}
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={(e) => {
                      // The site's entry goes, and this button with it: the focus goes to the field for adding one.
                      focusAfterRemoval(e.currentTarget, () => document.getElementById('custom-origin'));
                      void send('options:remove-site', { origin: site.origin }).then(
                        async () => {
                          setMessage({ kind: 'ok', text: t('optionsSiteRemoved', [site.origin]) });
                          await reload();
                        },
                        (error: unknown) => setMessage({ kind: 'error', text: t('optionsSiteFailed', [errorText(error)]) }),
                      );
                    }}
                  >
                    {t('optionsCustomRemove', [site.origin])}
                  </button>
                </div>
                <AliasEditor site={site} index={index} onMessage={setMessage} reload={reload} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
