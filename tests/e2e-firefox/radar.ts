/**
 * What the Firefox test reads and does in Firefox, on top of scripts/firefox.ts: the extension's
 * own view (badge, tabs, permissions, IndexedDB) from one of its pages, Firefox's toolbar and
 * origin controls from the privileged scope, and the user's "Always allow on …" / "Only when
 * clicked" choices. Every function passed to `evaluate`/`chrome` runs in the browser: it must be
 * self-contained (no imports, no outer variables).
 */
import { readAllInPage } from '../../scripts/idb';
import type { PermissionsLike } from '../../src/sites/host-access';
import type { ExtensionPage, FirefoxLaunched } from '../../scripts/firefox';

/** The bits of `browser.*` the evaluated functions use (typed here, since the test runs in Node). */
interface ExtensionApi {
  action: { getBadgeText(d: { tabId: number }): Promise<string>; getTitle(d: { tabId: number }): Promise<string> };
  tabs: { get(id: number): Promise<{ url?: string }> };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
  runtime: { getManifest(): { content_scripts?: Array<{ matches?: string[] }> } };
}

/** The privileged window scope (browser.xhtml): only what the functions below touch. */
interface NativeTab {
  linkedBrowser: { currentURI: { spec: string } };
}
interface Policy {
  active: boolean;
  extension: unknown;
}
interface ChromeScope {
  gBrowser: { tabs: NativeTab[]; selectedTab: NativeTab };
  Services: { io: { newURI(spec: string): unknown } };
  ChromeUtils: { importESModule(url: string): Record<string, unknown> };
  WebExtensionPolicy: { getByID(id: string): Policy | null };
  CustomizableUI: { addWidgetToArea(id: string, area: string): void; AREA_NAVBAR: string };
  document: Document;
}

export interface Badge {
  text: string;
  title: string;
}

export class Radar {
  private constructor(
    readonly firefox: FirefoxLaunched,
    /** A page of the extension's own (its manifest): `browser.*` and the extension's IndexedDB. */
    private readonly page: ExtensionPage,
  ) {}

  static async open(firefox: FirefoxLaunched): Promise<Radar> {
    return new Radar(firefox, await firefox.openExtensionPage('manifest.json'));
  }

  /** The WebExtension tab id of the tab showing `url`, known to the browser even where the extension may not see the URL. */
  async tabIdOf(url: string): Promise<number> {
    const id = await this.firefox.chrome((u: string) => {
      const g = globalThis as unknown as ChromeScope;
      const tab = g.gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === u);
      if (!tab) return null;
      const parent = g.ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs').ExtensionParent as {
        apiManager: { global: { tabTracker: { getId(tab: NativeTab): number } } };
      };
      return parent.apiManager.global.tabTracker.getId(tab);
    }, url);
    if (id === null) throw new Error(`no tab shows ${url}`);
    return id;
  }

  /** What the extension set on its toolbar button for one tab (`browser.action`). */
  badge(tabId: number): Promise<Badge> {
    return this.page.evaluate(
      async (id: number) => {
        const b = (globalThis as unknown as { browser: ExtensionApi }).browser;
        return { text: await b.action.getBadgeText({ tabId: id }), title: await b.action.getTitle({ tabId: id }) };
      },
      tabId,
    );
  }

  /** Waits until the extension finished reading a tab (its title leaves the default and the reading state), like scripts/browser.ts. */
  async waitForBadge(tabId: number, accept: (b: Badge) => boolean = () => true, timeoutMs = 15_000): Promise<Badge> {
    const deadline = Date.now() + timeoutMs;
    let last: Badge = { text: '', title: '' };
    while (Date.now() < deadline) {
      last = await this.badge(tabId);
      if (last.title !== 'Deal Radar' && last.text !== '…' && accept(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`badge of tab ${tabId} stayed ${JSON.stringify(last)}`);
  }

  /**
   * The badge Firefox draws on the toolbar for the selected tab. Firefox keeps an MV3 button in
   * the extensions panel until the user pins it: pin it first, as a user would.
   */
  toolbarBadge(): Promise<{ attribute: string | null; drawn: string | null }> {
    return this.firefox.chrome((id: string) => {
      const g = globalThis as unknown as ChromeScope;
      const widget = id.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
      g.CustomizableUI.addWidgetToArea(`${widget}-browser-action`, g.CustomizableUI.AREA_NAVBAR);
      const button = g.document.getElementById(`${widget}-BAP`);
      return {
        attribute: button?.getAttribute('badge') ?? null,
        drawn: button?.querySelector('.toolbarbutton-badge')?.textContent ?? null,
      };
    }, this.firefox.extensionId);
  }

  /** The URL of a tab as the extension sees it: absent where it may not read the tab. */
  tabUrl(tabId: number): Promise<string | null> {
    return this.page.evaluate(async (id: number) => (await (globalThis as unknown as { browser: ExtensionApi }).browser.tabs.get(id)).url ?? null, tabId);
  }

  /** `browser.permissions`, answered by Firefox (for the detection code, which runs in Node). */
  get permissions(): PermissionsLike {
    return {
      contains: (p) => this.page.evaluate((q: { origins: string[] }) => (globalThis as unknown as { browser: ExtensionApi }).browser.permissions.contains(q), p),
    };
  }

  /** The manifest's content script patterns: the CRMs the build reads. */
  crmPatterns(): Promise<string[]> {
    return this.page.evaluate(
      () => ((globalThis as unknown as { browser: ExtensionApi }).browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []),
      null,
    );
  }

  /** Every record of one object store of the extension's database. */
  readStore<T = Record<string, unknown>>(store: string): Promise<T[]> {
    return this.page.evaluate(readAllInPage, store) as Promise<T[]>;
  }

  /** Firefox's origin controls for the selected tab: what its extensions panel offers, and whether the button asks for attention. */
  originControls(): Promise<{ hasAccess: boolean; alwaysOn: boolean; attention: boolean }> {
    return this.firefox.chrome((id: string) => {
      const g = globalThis as unknown as ChromeScope;
      const { OriginControls } = g.ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs') as {
        OriginControls: {
          getState(policy: Policy | null, tab: NativeTab): { hasAccess?: boolean; alwaysOn?: boolean };
          getAttentionState(policy: Policy | null, window: unknown): { attention: boolean };
        };
      };
      const policy = g.WebExtensionPolicy.getByID(id);
      const state = OriginControls.getState(policy, g.gBrowser.selectedTab);
      return { hasAccess: Boolean(state.hasAccess), alwaysOn: Boolean(state.alwaysOn), attention: OriginControls.getAttentionState(policy, globalThis).attention };
    }, this.firefox.extensionId);
  }

  /**
   * The user's choice in Firefox's extensions panel for `url`'s site: "Always allow on <host>"
   * (grant) or "Only when clicked" (withdraw). Same code path as the menu items.
   */
  async setSiteAccess(url: string, allow: boolean): Promise<void> {
    await this.firefox.chrome(
      async ({ id, u, on }: { id: string; u: string; on: boolean }) => {
        const g = globalThis as unknown as ChromeScope;
        const { OriginControls } = g.ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs') as {
          OriginControls: Record<'setAlwaysOn' | 'setWhenClicked', (policy: Policy, uri: unknown) => Promise<void> | undefined>;
        };
        const policy = g.WebExtensionPolicy.getByID(id);
        if (!policy) throw new Error(`${id} is not installed`);
        await (on ? OriginControls.setAlwaysOn : OriginControls.setWhenClicked)(policy, g.Services.io.newURI(u));
        return true;
      },
      { id: this.firefox.extensionId, u: url, on: allow },
    );
  }

  /**
   * The user's choice for one of the extension's optional API permissions in about:addons →
   * Permissions (e.g. "Display notifications"): the same call that page makes, which fires
   * `permissions.onAdded` / `onRemoved` in the extension.
   */
  async setApiPermission(permission: string, allow: boolean): Promise<void> {
    await this.firefox.chrome(
      async ({ id, name, on }: { id: string; name: string; on: boolean }) => {
        const g = globalThis as unknown as ChromeScope;
        const { ExtensionPermissions } = g.ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs') as {
          ExtensionPermissions: Record<'add' | 'remove', (id: string, perms: { permissions: string[]; origins: string[] }, emitter: unknown) => Promise<void>>;
        };
        const policy = g.WebExtensionPolicy.getByID(id);
        if (!policy) throw new Error(`${id} is not installed`);
        const perms = { permissions: [name], origins: [] };
        await (on ? ExtensionPermissions.add(id, perms, policy.extension) : ExtensionPermissions.remove(id, perms, policy.extension));
        return true;
      },
      { id: this.firefox.extensionId, name: permission, on: allow },
    );
  }

  /** Opens the popup for a tab (in a tab of its own) and reads its status line and deal names. */
  async popup(tabId: number): Promise<{ status: string; deals: string[]; alerts: string[] }> {
    const popup = await this.firefox.openExtensionPage(`popup/index.html?tab=${tabId}`);
    try {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const read = await popup.evaluate(
          () => {
            const status = document.querySelector('[data-testid=status]')?.textContent?.trim() ?? null;
            // The list draws its first cards first and the rest a frame later (aria-busy until then).
            if (document.querySelector('[data-testid=deals][aria-busy=true]')) return null;
            // The notices come once the popup has checked for them: until then, none is not an answer.
            if (!document.querySelector('[data-testid=notices][data-checked=true]')) return null;
            const deals = [...document.querySelectorAll('.deal .deal-name')].map((n) => n.textContent?.trim() ?? '');
            const alerts = [...document.querySelectorAll('[role=alert]')].map((n) => n.textContent?.trim() ?? '').filter((t) => t !== '');
            return status === null ? null : { status, deals, alerts };
          },
          null,
        );
        if (read) return read;
        if (Date.now() > deadline) throw new Error('the popup showed no status');
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await popup.close();
    }
  }

  /**
   * Errors and warnings from Deal Radar's code (background, pages, content script) and the demo
   * page, as Firefox printed them: uncaught errors name their `moz-extension://` script; our own
   * warnings start with `[deal-radar]`; `console.error`/`console.warn` of any page or extension
   * script print a quoted first argument (Firefox's own chrome code does not: its lines are not ours).
   */
  extensionProblems(): string[] {
    const base = this.firefox.extensionUrl;
    return this.firefox
      .output()
      .filter((line) => line.includes(base) || line.includes('[deal-radar]') || /^console\.(error|warn): "/.test(line));
  }

}
