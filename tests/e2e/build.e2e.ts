import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

/** Checks of what `npm run build` produced: least privilege and no code from strings. */
const root = resolve(import.meta.dirname, '../..');
const TARGETS = ['chrome', 'firefox', 'chrome-dev', 'firefox-dev'] as const;
const KEYS = ['permissions', 'optional_permissions', 'host_permissions', 'optional_host_permissions'] as const;
const allow = JSON.parse(readFileSync(resolve(root, 'manifest/permissions.allow.json'), 'utf8')) as Record<string, Record<string, string[]>>;

function manifest(target: string): Record<string, unknown> {
  return JSON.parse(readFileSync(resolve(root, 'dist', target, 'manifest.json'), 'utf8')) as Record<string, unknown>;
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsFiles(path) : path.endsWith('.js') ? [path] : [];
  });
}

describe('least privilege', () => {
  test.each(TARGETS)('%s asks for nothing beyond manifest/permissions.allow.json', (target) => {
    const m = manifest(target);
    for (const key of KEYS) {
      const asked = (m[key] as string[] | undefined) ?? [];
      const allowed = allow[target]?.[key] ?? [];
      expect(asked.filter((p) => !allowed.includes(p)), `${target} ${key}`).toEqual([]);
    }
  });

  test.each(['chrome', 'firefox'] as const)('the %s store build carries no loopback host and no <all_urls>', (target) => {
    const m = manifest(target);
    const hosts = [...((m.host_permissions as string[]) ?? []), ...((m.content_scripts as Array<{ matches: string[] }>)?.flatMap((c) => c.matches) ?? [])];
    expect(hosts.filter((h) => /127\.0\.0\.1|localhost|<all_urls>|^\*:\/\/\*\/\*$/.test(h))).toEqual([]);
    expect(m.externally_connectable).toBeUndefined();
    expect(m.content_security_policy).toBeUndefined(); // the default extension CSP
  });

  test('Chrome gets a service worker, Firefox background scripts and a gecko id', () => {
    expect(manifest('chrome').background).toEqual({ service_worker: 'background.js', type: 'module' });
    const firefox = manifest('firefox');
    expect(firefox.background).toEqual({ scripts: ['background.js'], type: 'module' });
    expect((firefox.browser_specific_settings as { gecko: { id: string } }).gecko.id).toMatch(/@/);
  });
});

describe('no code from strings in the bundles', () => {
  const files = jsFiles(resolve(root, 'dist/chrome'));
  const FORBIDDEN: Array<[string, RegExp]> = [
    ['eval', /(?<![\w$.])eval\s*\(/],
    ['new Function', /new\s+Function\s*\(/],
    ['Function constructor via alias', /=\s*Function\s*[;,]/],
    ['Function called as a constructor', /(?<![\w$.])Function\s*\(/],
    ['string timer', /set(?:Timeout|Interval)\s*\(\s*["'`]/],
    ['remote script', /import\s*\(\s*["'`]https?:/],
  ];
  test('there are bundles to scan', () => {
    expect(files.map((f) => f.split('/').pop())).toEqual(expect.arrayContaining(['background.js', 'content.js', 'content-main.js', 'popup.js', 'options.js']));
  });
  test.each(FORBIDDEN)('no %s', (_name, re) => {
    const hits = files.filter((f) => re.test(readFileSync(f, 'utf8'))).map((f) => f.slice(root.length + 1));
    expect(hits).toEqual([]);
  });
  // The loader (content.js) and the readers it has the background run (content-main.js).
  const CONTENT = ['content.js', 'content-main.js'];
  test.each(CONTENT)('%s does not listen to the page: no message or custom events, no window.postMessage', (file) => {
    const content = readFileSync(resolve(root, 'dist/chrome', file), 'utf8');
    expect(content).not.toMatch(/addEventListener\(\s*["'`]message["'`]|\bonmessage\s*=|postMessage\s*\(/);
  });
  test.each(CONTENT)('%s is one self-contained file (no imports)', (file) => {
    const content = readFileSync(resolve(root, 'dist/chrome', file), 'utf8');
    expect(content).not.toMatch(/^\s*import\s|\bimport\s*\(/m);
  });
});
