/** One benchmark figure, as every bench prints it and `npm run bench` gathers it. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Measured in the same run; null where the target is absolute. */
  baseline: number | null;
  /** null for a figure given for the record, with no target. */
  target: string | number | null;
  pass: boolean | null;
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** Prints a table and, last, one line `BENCH_JSON [...]` with ratios for the runner. */
export function printResults(title: string, results: BenchResult[]): void {
  console.log(`\n${title}`);
  for (const r of results) {
    const ratio = r.baseline ? ` · baseline ${fmt(r.baseline)} ${r.unit} · ratio ${(r.value / r.baseline).toFixed(2)}×` : '';
    const result = r.pass === null ? '    ' : r.pass ? 'PASS' : 'FAIL';
    console.log(`  ${result}  ${r.name}: ${fmt(r.value)} ${r.unit}${ratio} (target ${r.target ?? 'none'})`);
  }
  const json = results.map((r) => ({ ...r, ratio: r.baseline ? r.value / r.baseline : null }));
  console.log(`BENCH_JSON ${JSON.stringify(json)}`);
}
