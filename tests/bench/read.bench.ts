/**
 * Reader benchmark: `npx tsx tests/bench/read.bench.ts` (npm run bench). Page text is hostile
 * input: a board's column header could be 2,000 characters of digits and separators, made to
 * stall a reader whose patterns backtrack. Times `cleanStage` (the stage name from a column
 * header) on such headers, against a baseline in the same run: `clean`, the whitespace clean-up
 * every header goes through first, on the same text. A board has a few dozen columns at most,
 * read in one task, so the slowest header must stay far below the 50 ms of a long task.
 * Median of RUNS rounds after a warm-up. The slowest header is the one whose median over the
 * rounds is highest: a pattern that backtracks is slow in every round, whereas a pause of the
 * machine or the collector lands on one header of one round (the slowest single time is given
 * for the record). The last line is `BENCH_JSON [...]` for a runner.
 */
import { cleanStage } from '../../src/content/read/board';
import { clean } from '../../src/content/read/text';
import { type BenchResult, printResults } from './report';

const RUNS = 15;
const TARGET_SLOWEST_MS = 2.5;
const UNITS = ['1', '1 ', '1,', '1.', '1 ,', ' ·1', 'a1', '$1', '1 deals ', '(1', '-1', '1-', ':1', '1:', '/1', '1/', '1e', '12 000 ', '1 M '];
const TAILS = ['', ' x', 'x', ')', ' deals', ' ago', '!', ' €'];
const headers = UNITS.flatMap((unit) =>
  TAILS.map((tail) => unit.repeat(Math.ceil(1990 / unit.length)).slice(0, 1990) + tail),
);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Total time of `fn` over every header, each header's time into `times` (when given), and the slowest. */
function pass(fn: (text: string) => string, times?: number[][]): { total: number; slowest: number; out: number } {
  let total = 0;
  let slowest = 0;
  let out = 0;
  headers.forEach((header, h) => {
    const start = performance.now();
    out += fn(header).length;
    const took = performance.now() - start;
    total += took;
    if (took > slowest) slowest = took;
    times?.[h]?.push(took);
  });
  return { total, slowest, out };
}

for (let i = 0; i < 3; i++) {
  pass(cleanStage);
  pass(clean);
}
const totals: number[] = [];
const slowest: number[] = [];
const base: number[] = [];
const perHeader: number[][] = headers.map(() => []);
for (let i = 0; i < RUNS; i++) {
  const s = pass(cleanStage, perHeader);
  totals.push(s.total);
  slowest.push(s.slowest);
  base.push(pass(clean).total);
}
const worst = Math.max(...perHeader.map(median));
const results: BenchResult[] = [
  {
    name: `read.clean_stage.hostile_headers (${headers.length} of 2,000 chars, total)`,
    value: median(totals),
    unit: 'ms',
    baseline: median(base),
    target: null,
    pass: null,
  },
  {
    name: 'read.clean_stage.slowest_header (the highest median of a header over the rounds)',
    value: worst,
    unit: 'ms',
    baseline: null,
    target: TARGET_SLOWEST_MS,
    pass: worst < TARGET_SLOWEST_MS,
  },
  {
    name: 'read.clean_stage.slowest_single_time (any header, any round)',
    value: Math.max(...slowest),
    unit: 'ms',
    baseline: null,
    target: null,
    pass: null,
  },
];
printResults('Stage names from hostile column headers', results);
