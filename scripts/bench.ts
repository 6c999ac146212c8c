/**
 * `npm run bench`: builds, runs every tests/bench/*.bench.ts, and gathers their figures into
 * one table (figure, baseline, ratio, target, pass/fail), printed and written to
 * bench-results.json (gitignored). `--docs` also writes docs/benchmarks.md, which the README links.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BenchResult } from '../tests/bench/report';

const root = resolve(import.meta.dirname, '..');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const benches = readdirSync(resolve(root, 'tests/bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

type Row = BenchResult & { bench: string; ratio: number | null };
const rows: Row[] = [];
let broken = 0;
for (const file of benches) {
  console.log(`\n▶ ${file}`);
  const run = spawnSync('npx', ['tsx', `tests/bench/${file}`], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const out = `${run.stdout}${run.stderr}`;
  const lines = out.split('\n').filter((l) => !l.includes('unexpected operator'));
  const json = lines.filter((l) => l.startsWith('BENCH_JSON '));
  console.log(lines.filter((l) => !l.startsWith('BENCH_JSON ')).join('\n').trim());
  if (run.status !== 0 || json.length === 0) {
    broken++;
    console.log(`✗ ${file} did not report (exit ${run.status})`);
    continue;
  }
  for (const line of json) {
    for (const r of JSON.parse(line.slice('BENCH_JSON '.length)) as Row[]) rows.push({ ...r, bench: file.replace('.bench.ts', '') });
  }
}

const fmt = (n: number | null, unit = '') => (n === null ? '—' : `${n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)}${unit}`);
const table = [
  '| bench | figure | value | baseline | ratio | target | result |',
  '|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.bench} | ${r.name} | ${fmt(r.value, ` ${r.unit}`)} | ${fmt(r.baseline, r.baseline === null ? '' : ` ${r.unit}`)} | ${r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`} | ${r.target ?? '—'} | ${r.pass === null ? 'for the record' : r.pass ? 'pass' : 'FAIL'} |`,
  ),
].join('\n');
console.log(`\n${table}\n`);
const meta = { when: new Date().toISOString(), node: process.version, cpus: 2 };
writeFileSync(resolve(root, 'bench-results.json'), `${JSON.stringify({ ...meta, results: rows }, null, 2)}\n`);
if (process.argv.includes('--docs')) {
  writeFileSync(
    resolve(root, 'docs/benchmarks.md'),
    `# Benchmarks\n\nLatest \`npm run bench\` on ${meta.when.slice(0, 10)} (Node ${meta.node}, Debian's Chromium, 2 cores). Every ratio is against a baseline measured in the same run.\n\n${table}\n`,
  );
}
console.log(`${rows.filter((r) => r.pass === true).length} of ${rows.filter((r) => r.pass !== null).length} figures meet their target${broken ? `; ${broken} bench(es) failed to run` : ''}. Written to bench-results.json.`);
