/**
 * `npm test`: typecheck, lint, unit tests, build, Firefox lint, browser tests.
 * Ends with one line `N passed, N failed` counting every test and check it ran (CI reads it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const artifacts = resolve(root, '.artifacts');
mkdirSync(artifacts, { recursive: true });

let passed = 0;
let failed = 0;
const failures: string[] = [];

function run(cmd: string, args: string[]): { ok: boolean; out: string } {
  const started = Date.now();
  console.log(`\n▶ ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const out = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  process.stdout.write(out);
  console.log(`◀ ${result.status === 0 ? 'ok' : `failed (exit ${result.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { ok: result.status === 0, out };
}

/** A whole command counted as one check. */
function check(name: string, cmd: string, args: string[], ok?: (out: string) => boolean): boolean {
  const result = run(cmd, args);
  const good = result.ok && (ok ? ok(result.out) : true);
  if (good) passed++;
  else {
    failed++;
    failures.push(name);
  }
  return good;
}

/** A Vitest run: counts its tests from the JSON report. */
function vitest(name: string, args: string[]): void {
  const report = resolve(artifacts, `${name}.json`);
  rmSync(report, { force: true });
  const result = run('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (!existsSync(report)) {
    failed++;
    failures.push(`${name} (no report)`);
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTests: number; testResults: Array<{ status: string; name: string }> };
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A test file that failed to load has no tests to count: count it as one failure.
  const broken = json.testResults.filter((f) => f.status === 'failed').length;
  if (json.numFailedTests === 0 && (broken > 0 || !result.ok)) {
    failed += Math.max(1, broken);
    failures.push(`${name}: ${broken} test file(s) failed to run`);
  }
  if (json.numFailedTests > 0) failures.push(`${name}: ${json.numFailedTests} failed`);
}

check('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
check('lint', 'npx', ['biome', 'lint', '.']);
vitest('unit', []);
const built = check('build', 'npm', ['run', 'build']);
if (built) {
  check('web-ext lint (0 errors)', 'npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--output', 'json', '--boring'], (out) => {
    const start = out.indexOf('{');
    const summary = JSON.parse(out.slice(start, out.lastIndexOf('}') + 1)) as { summary: { errors: number; warnings: number } };
    console.log(`web-ext lint: ${summary.summary.errors} errors, ${summary.summary.warnings} warnings`);
    return summary.summary.errors === 0;
  });
  vitest('e2e', ['--config', 'tests/e2e/vitest.config.ts']);
  vitest('e2e-firefox', ['--config', 'tests/e2e-firefox/vitest.config.ts']);
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
