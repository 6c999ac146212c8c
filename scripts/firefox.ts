/**
 * Finds Firefox (ESR) and launches it headless with a built Deal Radar installed, for the Firefox
 * browser tests (issue 6.7). puppeteer-core drives Firefox over WebDriver BiDi and installs the
 * unpacked build as a temporary add-on.
 *
 * BiDi will not navigate a tab to a `moz-extension://` page, and it shows no background page. So
 * Firefox is started with `--remote-allow-system-access`, which lets BiDi evaluate in the browser
 * window itself (`"moz:scope": "chrome"`, privileged code). From there we open extension pages with
 * the system principal; BiDi can then evaluate in those pages, where `browser.*` is the real
 * WebExtension API (badge, tabs, permissions, IndexedDB). The same privileged scope plays the user's
 * part in Firefox's own UI: granting or withdrawing a site ("Always allow on …" in the extensions panel).
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

const CANDIDATES = [
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/usr/lib/firefox-esr/firefox-esr',
  '/snap/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
  'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
];

/** Firefox to use: FIREFOX_PATH, else the usual install paths (ESR first); null when none is found. */
export function findFirefox(): string | null {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export const FIREFOX_INSTALL_HINT =
  'No Firefox found. Install Firefox ESR (Debian/Ubuntu: `sudo apt-get install -y firefox-esr`) or set FIREFOX_PATH to its executable.';

/** A function evaluated in the browser: gets one JSON-serialisable argument, returns JSON-serialisable data. */
type Remote<A, R> = (arg: A) => R | Promise<R>;

interface BidiContext {
  context: string;
  url: string;
  children: BidiContext[] | null;
}

type EvaluateResult =
  | { type: 'success'; result: { type: string; value?: unknown } }
  | { type: 'exception'; exceptionDetails: { text: string } };

interface BidiConnection {
  send(method: string, params: unknown): Promise<{ result: unknown }>;
}

/** One page (tab) of Deal Radar's own, opened through the privileged scope. */
export interface ExtensionPage {
  /** BiDi browsing context id. */
  context: string;
  evaluate<A, R>(fn: Remote<A, R>, arg: A): Promise<R>;
  close(): Promise<void>;
}

export interface FirefoxLaunched {
  browser: Browser;
  /** The gecko id from the manifest. */
  extensionId: string;
  /** `moz-extension://<uuid>/`: Firefox picks the uuid per profile. */
  extensionUrl: string;
  /** Runs privileged code in the browser window (`window`, `gBrowser`, `Services`, `ChromeUtils`). */
  chrome<A, R>(fn: Remote<A, R>, arg: A): Promise<R>;
  /** Opens a page of the extension in a new background tab and waits until it has loaded. */
  openExtensionPage(path: string): Promise<ExtensionPage>;
  /**
   * Everything Firefox printed so far, one entry a line. `console.*` of web pages, content scripts and
   * extension pages (the background included) is printed too (`devtools.console.stdout.content`).
   */
  output(): string[];
  close(): Promise<void>;
}

export interface FirefoxLaunchOptions {
  headless?: boolean;
  /**
   * Firefox grants an MV3 add-on's `host_permissions` at install by default
   * (`extensions.originControls.grantByDefault`, true in Firefox 128–153). False installs it the
   * way a user who declined, or an enterprise policy, leaves it: every host is still to be granted.
   */
  grantHostsAtInstall?: boolean;
  viewport?: { width: number; height: number };
}

function connectionOf(browser: Browser): BidiConnection {
  // puppeteer-core's BiDi browser keeps its connection on an internal getter; the public API has no
  // way to send a raw command (puppeteer-core is pinned in package.json).
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (!connection || typeof connection.send !== 'function') throw new Error('puppeteer-core no longer exposes its WebDriver BiDi connection');
  return connection;
}

/** Wraps `fn` so that its argument and result cross the wire as JSON text. */
function declaration(fn: Remote<unknown, unknown>): string {
  return `async (json) => JSON.stringify((await (${fn.toString()})(JSON.parse(json))) ?? null)`;
}

async function callIn<A, R>(connection: BidiConnection, context: string, fn: Remote<A, R>, arg: A): Promise<R> {
  const { result } = (await connection.send('script.callFunction', {
    functionDeclaration: declaration(fn as Remote<unknown, unknown>),
    arguments: [{ type: 'string', value: JSON.stringify(arg ?? null) }],
    target: { context },
    awaitPromise: true,
    resultOwnership: 'none',
  })) as { result: EvaluateResult };
  if (result.type === 'exception') throw new Error(`evaluation failed in ${context}: ${result.exceptionDetails.text}`);
  return JSON.parse(String(result.result.value)) as R;
}

async function contexts(connection: BidiConnection, scope?: 'chrome'): Promise<BidiContext[]> {
  const params = scope ? { maxDepth: 0, 'moz:scope': scope } : { maxDepth: 0 };
  const { result } = (await connection.send('browsingContext.getTree', params)) as { result: { contexts: BidiContext[] } };
  return result.contexts;
}

async function poll<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Launches Firefox with a fresh profile and installs the unpacked extension in `extensionDir` as a temporary add-on. */
export async function launchFirefoxWithExtension(extensionDir: string, opts: FirefoxLaunchOptions = {}): Promise<FirefoxLaunched> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(FIREFOX_INSTALL_HINT);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: opts.headless ?? true,
    defaultViewport: opts.viewport ?? { width: 1280, height: 800 },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.originControls.grantByDefault': opts.grantHostsAtInstall ?? true,
      'devtools.console.stdout.content': true,
    },
  });
  const lines: string[] = [];
  for (const stream of [browser.process()?.stdout, browser.process()?.stderr]) {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts);
    });
  }
  try {
    const connection = connectionOf(browser);
    const extensionId = await browser.installExtension(extensionDir);
    const window = await poll('the browser window', async () =>
      (await contexts(connection, 'chrome')).find((c) => c.url === 'chrome://browser/content/browser.xhtml'),
    );
    const chrome = <A, R>(fn: Remote<A, R>, arg: A) => callIn(connection, window.context, fn, arg);
    const extensionUrl = await chrome((id: string) => {
      const policy = (globalThis as unknown as { WebExtensionPolicy: { getByID(id: string): { getURL(path: string): string } | null } }).WebExtensionPolicy.getByID(id);
      return policy?.getURL('') ?? null;
    }, extensionId);
    if (!extensionUrl) throw new Error(`${extensionId} is not installed`);

    const openExtensionPage = async (path: string): Promise<ExtensionPage> => {
      const url = new URL(path, extensionUrl).href;
      const before = new Set((await contexts(connection)).map((c) => c.context));
      await chrome((u: string) => {
        const g = globalThis as unknown as {
          gBrowser: { addTab(url: string, opts: unknown): unknown };
          Services: { scriptSecurityManager: { getSystemPrincipal(): unknown } };
        };
        // The system principal may open any URL: what the browser itself does for about:addons.
        g.gBrowser.addTab(u, { triggeringPrincipal: g.Services.scriptSecurityManager.getSystemPrincipal(), inBackground: true });
        return true;
      }, url);
      const context = await poll(`a tab showing ${url}`, async () =>
        (await contexts(connection)).find((c) => !before.has(c.context) && c.url === url)?.context,
      );
      const evaluate = <A, R>(fn: Remote<A, R>, arg: A) => callIn(connection, context, fn, arg);
      // The tab's first realm may be its initial about:blank, gone once the page commits: ask again.
      await poll(`${url} to load`, async () => ((await evaluate(() => document.readyState === 'complete', null).catch(() => false)) ? true : null));
      return {
        context,
        evaluate,
        close: async () => {
          await connection.send('browsingContext.close', { context }).catch(() => undefined);
        },
      };
    };

    return {
      browser,
      extensionId,
      extensionUrl,
      chrome,
      openExtensionPage,
      output: () => [...lines],
      async close() {
        await browser.close();
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
