import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Builds the extension when the builds these tests load are missing (`npm test` builds before the browser tests). */
export default function setup(): void {
  const root = resolve(import.meta.dirname, '../..');
  const needed = ['dist/firefox-dev/manifest.json', 'dist/chrome-dev/manifest.json'];
  if (needed.some((file) => !existsSync(resolve(root, file)))) {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }
}
