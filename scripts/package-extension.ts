/**
 * After `vite build`: writes each target's manifest, copies the Chrome build to the
 * Firefox and development targets (chrome-dev, firefox-dev), and zips the two store builds.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { buildManifest, type Target } from '../manifest/manifest';
import { hostPermissions } from '../src/sites/registry';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function zipDir(dir: string, out: string): void {
  const entries: Record<string, Uint8Array> = {};
  for (const file of filesUnder(dir)) entries[relative(dir, file).split('\\').join('/')] = readFileSync(file);
  // A fixed mtime keeps the archives reproducible.
  writeFileSync(out, zipSync(entries, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }));
}

async function packageExtension(root: string): Promise<void> {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
  const dist = resolve(root, 'dist');
  const chrome = join(dist, 'chrome');
  const input = { version: pkg.version, crmHosts: hostPermissions() };
  // firefox-dev (issue 6.7): the Firefox build with the loopback hosts, for the Firefox browser test; never zipped.
  const targets: Target[] = ['firefox', 'chrome-dev', 'firefox-dev'];
  for (const target of targets) {
    const dir = join(dist, target);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(chrome, dir, { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(buildManifest(target, input), null, 2)}\n`);
  }
  writeFileSync(join(chrome, 'manifest.json'), `${JSON.stringify(buildManifest('chrome', input), null, 2)}\n`);
  zipDir(chrome, join(dist, 'deal-radar-chrome.zip'));
  zipDir(join(dist, 'firefox'), join(dist, 'deal-radar-firefox.zip'));
}

await packageExtension(resolve(import.meta.dirname, '..'));
console.log('dist/chrome, dist/firefox, dist/chrome-dev, dist/firefox-dev, dist/deal-radar-chrome.zip, dist/deal-radar-firefox.zip');
