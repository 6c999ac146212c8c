/**
 * The manifest sources. One function builds the manifest for each target, so the
 * Chrome and Firefox builds cannot drift apart except where they must.
 */
// firefox-dev: the Firefox build plus the loopback hosts, for the Firefox browser test (issue 6.7).
export type Target = 'chrome' | 'firefox' | 'chrome-dev' | 'firefox-dev';

export interface ManifestInput {
  version: string;
  /** Host match patterns of the supported CRMs (generated from src/sites). */
  crmHosts: string[];
}

/** Loopback hosts, only in the development builds (chrome-dev, firefox-dev) that read the demo CRM. */
export const DEV_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];

/** Any other site only as an optional permission the user grants from the options page. */
const OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'];

export const GECKO_ID = 'deal-radar@deal-radar.app';

export function buildManifest(target: Target, input: ManifestInput): Record<string, unknown> {
  const dev = target === 'chrome-dev' || target === 'firefox-dev';
  const firefox = target === 'firefox' || target === 'firefox-dev';
  const hosts = dev ? [...input.crmHosts, ...DEV_HOSTS] : input.crmHosts;
  const background =
    firefox
      ? { scripts: ['background.js'], type: 'module' }
      : { service_worker: 'background.js', type: 'module' };
  const manifest: Record<string, unknown> = {
    manifest_version: 3,
    name: '__MSG_extName__',
    short_name: 'Deal Radar',
    description: '__MSG_extDescription__',
    version: input.version,
    default_locale: 'en',
    icons: { '16': 'icons/icon-16.png', '32': 'icons/icon-32.png', '48': 'icons/icon-48.png', '128': 'icons/icon-128.png' },
    action: {
      default_title: '__MSG_extName__',
      default_popup: 'popup/index.html',
      default_icon: { '16': 'icons/icon-16.png', '32': 'icons/icon-32.png' },
    },
    options_ui: { page: 'options/index.html', open_in_tab: true },
    background,
    // `scripting`: content scripts for the custom CRM sites the user adds in options.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'scripting'],
    // Asked for in options only when the user turns a notification on.
    optional_permissions: ['notifications'],
    host_permissions: hosts,
    optional_host_permissions: OPTIONAL_HOSTS,
    content_scripts: [{ matches: hosts, js: ['content.js'], run_at: 'document_idle', all_frames: false }],
  };
  if (firefox) {
    manifest.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    };
  }
  return manifest;
}
