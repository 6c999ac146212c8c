import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Builds the extension when no build is there (`npm test` builds before the browser tests). */
export default function setup(): void {
  const root = resolve(import.meta.dirname, '../..');
  if (!existsSync(resolve(root, 'dist/chrome-dev/manifest.json'))) {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }
}
