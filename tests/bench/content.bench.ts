/**
 * Reading benchmark in real Chromium (`npm run bench`): the content script on a generated
 * 10,000-row list page, each figure beside a baseline measured in the same run. Script time comes
 * from a trace of the page's renderer (./profile.ts), as main-thread CPU time; the reading baselines
 * are traced the same way.
 *   1. full scan: main-thread time of the content script vs a baseline that only runs
 *      querySelectorAll over the rows and reads each cell's textContent (target ≤ 3×). The baseline
 *      runs in a fresh isolated world, where content scripts run: the first touch of each node there
 *      builds that world's wrapper for it, a cost any content script pays and page script does not.
 *      The same baseline in the page's own world is printed beside it;
 *   2. the longest task the content script causes: its work inside one main-thread task (target < 50 ms);
 *   3. re-scan after 10 rows change (target < 5 ms), baseline: reading those 10 rows' cells;
 *   4. a page that is not a CRM page (target < 1 ms), baseline: the same page's own parse, with
 *      the store build, whose content script runs on CRM hosts only; and the same page in the
 *      development build, which reads loopback as a CRM the user added: a CRM page with no deals,
 *      where only the loader runs its check (src/content/loader.ts; our own budget, < 5 ms). Both
 *      count the exact thread time of evaluating our scripts (compile included) too;
 *   5. the content scripts, gzip: the loader and the readers it loads where a page may show deals
 *      (target ≤ 20 KB for both);
 *   6. for the record: how long, from opening the page, until the background has stored the whole
 *      scan (wall clock, while traced), on the first visit and on visits again, and how many warnings
 *      each visit wrote;
 *   7. for the record: scrolling down the list once it is read, 200 px a frame for 150 frames, as
 *      the median and the slowest twentieth of frame times, against the same page with the store
 *      build (no content script on loopback). Markers go into the list's rows as they come near
 *      the view, and anything added to a table has the browser lay the whole table out again.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import { launchWithExtension, readStore, tabIdOf, waitForTab } from '../../scripts/browser';
import type { Warning } from '../../src/radar/model';
import type { TabRecord } from '../../src/store/records';
import { BLOG_PAGE, listPage } from './list-page';
import { startProfile, stopProfile } from './profile';
import { type BenchResult, printResults } from './report';

const ROWS = 10_000;
/** Both content scripts, by their URLs: the loader (content.js) and the readers (content-main.js). */
const CONTENT = '/content';
const RUNS = 3;
const root = resolve(import.meta.dirname, '../..');
const dist = process.env.BENCH_DIST ?? resolve(root, 'dist/chrome-dev');
/** The store build: it reads CRM hosts only, so a loopback page is a page of some other site to it. */
const storeDist = process.env.BENCH_STORE_DIST ?? resolve(root, 'dist/chrome');

const pages = new Map([
  ['/deals', listPage(ROWS)],
  ['/blog', BLOG_PAGE],
]);
const server = createServer((req, res) => {
  const body = pages.get((req.url ?? '').split('?')[0] ?? '');
  if (body)
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  else res.writeHead(404).end();
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await launchWithExtension(dist);

/** Up to 3 minutes: on a loaded machine the background scores the whole site after each batch. */
const waitDone = (tabId: number, accept: (t: TabRecord) => boolean) => waitForTab(browser, tabId, accept, 180_000);

/** The baseline: querySelectorAll over the rows and every cell's textContent, in the page. */
function baseline(only: number[] | null): number {
  const t0 = performance.now();
  let chars = 0;
  const trs = document.querySelectorAll('#deals tbody tr');
  const pick = only ? only.map((i) => trs[i] as Element) : [...trs];
  for (const tr of pick) for (const td of tr.querySelectorAll('td')) chars += (td.textContent ?? '').length;
  if (chars < 0) console.log(chars);
  return performance.now() - t0;
}

const BASELINE_URL = 'deal-radar-baseline.js';

/**
 * The baseline measured as the content script is: traced, its samples attributed by its script's
 * URL (the tracing profiler slows DOM-heavy code too; both sides of the ratio pay for it).
 * `contextId`: run it in that world instead of the page's own.
 */
async function baselineScan(
  cdp: CDPSession,
  rows?: number[],
  contextId?: number,
): Promise<{ traced: number; plain: number }> {
  await startProfile(cdp);
  const expression = `(${baseline.toString()})(${JSON.stringify(rows ?? null)})\n//# sourceURL=${BASELINE_URL}`;
  const { result } = (await cdp.send('Runtime.evaluate', { expression, returnByValue: true, contextId })) as {
    result: { value: number };
  };
  return { traced: (await stopProfile(cdp, BASELINE_URL)).totalMs, plain: result.value };
}

/** A fresh isolated world in the page's main frame, like the one the content script runs in. */
async function isolatedWorld(cdp: CDPSession): Promise<number> {
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const world = (await cdp.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: 'bench',
  })) as {
    executionContextId: number;
  };
  return world.executionContextId;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Scrolls the page down 200 px a frame from the top, 150 frames: the median and 95th percentile frame times (ms). */
async function scrollFrames(page: Page) {
  // No named functions inside: the page runs this as written, without the helpers tsx adds for names.
  return page.evaluate(async () => {
    window.scrollTo(0, 0);
    const times: number[] = [];
    let last = 0;
    for (let i = -2; i < 150; i++) {
      if (i >= 0) window.scrollBy(0, 200);
      const now = await new Promise<number>((done) => requestAnimationFrame(done));
      if (i >= 0) times.push(now - last);
      last = now;
    }
    times.sort((a, b) => a - b);
    return { median: times[75] as number, p95: times[142] as number };
  });
}
const scrollMedian: number[] = [];
const scrollP95: number[] = [];
const scrollBaseMedian: number[] = [];
const scrollBaseP95: number[] = [];
const full: number[] = [];
const longest: number[] = [];
const base: number[] = [];
const basePlain: number[] = [];
const baseIsolated: number[] = [];
const rescan: number[] = [];
const rescanBase: number[] = [];
const blog: number[] = [];
const blogBase: number[] = [];
const blogSampled: number[] = [];
const blogEvaluated: number[] = [];
const nonCrm: number[] = [];
const nonCrmBase: number[] = [];
/** Per run: from opening the page until the background has stored the whole scan, and the warnings it wrote. */
const stored: number[] = [];
const written: number[] = [];

/**
 * Extension work on a page with no deals, in the 2 s after it is opened: the sampled time in our
 * scripts, or the exact thread time of evaluating them (compile included) and of their callbacks,
 * whichever is more; beside it, the page's own parse (response end to DOM interactive).
 */
async function quietPage(
  on: Awaited<ReturnType<typeof launchWithExtension>>,
  url: string,
): Promise<{ work: number; sampled: number; evaluated: number; parse: number }> {
  const page = await on.context.newPage();
  const cdp = await on.context.newCDPSession(page);
  await startProfile(cdp);
  await page.goto(url);
  await page.waitForTimeout(2000);
  const idle = await stopProfile(cdp, CONTENT);
  const parse = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return nav ? nav.domInteractive - nav.responseEnd : 0;
  });
  await page.close();
  return { work: Math.max(idle.totalMs, idle.evaluatedMs), sampled: idle.totalMs, evaluated: idle.evaluatedMs, parse };
}

for (let run = 0; run < RUNS; run++) {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await startProfile(cdp);
  const url = `${origin}/deals?run=${run}`;
  const opened = Date.now();
  await page.goto(url);
  const tabId = await tabIdOf(browser, url);
  await waitDone(tabId, (t) => t.done && t.dealIds.length === ROWS);
  stored.push(Date.now() - opened);
  written.push((await readStore<Warning>(browser, 'warnings')).filter((w) => w.updatedAt >= opened).length);
  const scan = await stopProfile(cdp, CONTENT);
  full.push(scan.totalMs);
  longest.push(scan.longestMs);
  // The isolated world first: it builds its own wrappers for the page's nodes either way.
  baseIsolated.push((await baselineScan(cdp, undefined, await isolatedWorld(cdp))).traced);
  const measured = await baselineScan(cdp);
  base.push(measured.traced);
  basePlain.push(measured.plain);

  // Ten rows change: the observer's debounced re-read touches only those.
  const changed = Array.from({ length: 10 }, (_, i) => 17 + i * 997);
  await startProfile(cdp);
  await page.evaluate((idx) => {
    const trs = document.querySelectorAll('#deals tbody tr');
    for (const i of idx) {
      const cell = (trs[i] as HTMLTableRowElement).cells[1] as HTMLTableCellElement;
      cell.textContent = cell.textContent === 'Proposal' ? 'Negotiation' : 'Proposal';
    }
  }, changed);
  await page.waitForTimeout(1500);
  rescan.push((await stopProfile(cdp, CONTENT)).totalMs);
  rescanBase.push((await baselineScan(cdp, changed)).traced);
  const scrolled = await scrollFrames(page);
  scrollMedian.push(scrolled.median);
  scrollP95.push(scrolled.p95);
  await page.close();

  // A page of a CRM host that shows no deals: the dev build reads loopback as a CRM the user added,
  // so the loader runs its check there and finds nothing.
  const quiet = await quietPage(browser, `${origin}/blog?run=${run}`);
  blog.push(quiet.work);
  blogSampled.push(quiet.sampled);
  blogEvaluated.push(quiet.evaluated);
  blogBase.push(quiet.parse);
}
await browser.close();

// A page that is not a CRM page: the store build, whose content script runs on CRM hosts only.
const store = await launchWithExtension(storeDist);
for (let run = 0; run < RUNS; run++) {
  const other = await quietPage(store, `${origin}/blog?run=${run}`);
  nonCrm.push(other.work);
  nonCrmBase.push(other.parse);
  // The list without the content script: the page's own scrolling.
  const list = await store.context.newPage();
  await list.goto(`${origin}/deals?run=${run}`);
  await list.waitForTimeout(1000);
  const scrolled = await scrollFrames(list);
  scrollBaseMedian.push(scrolled.median);
  scrollBaseP95.push(scrolled.p95);
  await list.close();
}
await store.close();
if (median(blogEvaluated) === 0) throw new Error('the trace saw no content script on the CRM host: its figures mean nothing');
server.close();

console.log(
  `Full-scan baseline: ${median(baseIsolated).toFixed(0)} ms traced in a fresh isolated world, where content scripts run ` +
    `(the figure compared); ${median(base).toFixed(0)} ms traced in the page's own world (untraced ${median(basePlain).toFixed(0)} ms), ` +
    `so the scan is ${(median(full) / median(base)).toFixed(2)}× that one.`,
);
// Each run apart, in order: the median hides how far the figures spread on a busy machine.
const each = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
console.log(
  `Full scan per run: ${each(full)} ms against baselines of ${each(baseIsolated)} ms ` +
    `(ratios ${full.map((x, i) => (x / (baseIsolated[i] ?? Number.NaN)).toFixed(2)).join(', ')}).`,
);
console.log(
  `CRM-host page without deals: ${median(blogSampled).toFixed(2)} ms sampled in the loader, ${median(blogEvaluated).toFixed(2)} ms of thread ` +
    'time evaluating it (compile included) and running its callbacks; the figure is the larger of the two.',
);
// The same deals on every run: the first is a first visit, the others are visits again (where
// only the ten rows the last run changed read differently).
console.log(
  `Background, from opening the page until the whole scan is stored (wall clock, traced): ${each(stored)} ms; ` +
    `warnings written in each run: ${written.join(', ')}.`,
);
const gzipOf = (file: string) => gzipSync(readFileSync(resolve(dist, file)), { level: 9 }).length / 1024;
// What every page of a CRM loads, and what a page with deals loads in all.
const loaderGzip = gzipOf('content.js');
const gzip = loaderGzip + gzipOf('content-main.js');
const results: BenchResult[] = [
  {
    name: `content full scan, ${ROWS.toLocaleString('en-US')} rows (main thread)`,
    value: median(full),
    unit: 'ms',
    baseline: median(baseIsolated),
    target: '≤ 3× baseline',
    pass: median(full) <= 3 * median(baseIsolated),
  },
  {
    name: 'content longest task (its work in one task)',
    value: median(longest),
    unit: 'ms',
    baseline: null,
    target: '< 50 ms',
    pass: median(longest) < 50,
  },
  {
    name: 're-scan after 10 rows change',
    value: median(rescan),
    unit: 'ms',
    baseline: median(rescanBase),
    target: '< 5 ms',
    pass: median(rescan) < 5,
  },
  {
    name: 'non-CRM page, extension work (store build)',
    value: median(nonCrm),
    unit: 'ms',
    baseline: median(nonCrmBase),
    target: '< 1 ms',
    pass: median(nonCrm) < 1,
  },
  {
    // Our own budget for the loader's one check (src/content/loader.ts): a tenth of a long task.
    name: 'CRM-host page without deals: the loader only',
    value: median(blog),
    unit: 'ms',
    baseline: median(blogBase),
    target: '< 5 ms',
    pass: median(blog) < 5,
  },
  {
    // For the record, no target: what the user waits for on a first visit and on a visit again.
    name: 'background: page opened to scan stored, first visit (wall)',
    value: stored[0] ?? Number.NaN,
    unit: 'ms',
    baseline: null,
    target: null,
    pass: null,
  },
  {
    name: 'background: page opened to scan stored, visit again (wall, the slowest)',
    value: Math.max(...stored.slice(1)),
    unit: 'ms',
    baseline: null,
    target: null,
    pass: null,
  },
  {
    // For the record, no target: the page's frames while the user scrolls the list.
    name: `scrolling the ${ROWS.toLocaleString('en-US')}-row list, median frame`,
    value: median(scrollMedian),
    unit: 'ms',
    baseline: median(scrollBaseMedian),
    target: null,
    pass: null,
  },
  {
    name: `scrolling the ${ROWS.toLocaleString('en-US')}-row list, 95th percentile frame`,
    value: median(scrollP95),
    unit: 'ms',
    baseline: median(scrollBaseP95),
    target: null,
    pass: null,
  },
  {
    // Our own budget: it is compiled on every page of a CRM, deals or not.
    name: 'content-script loader, gzip (every CRM page)',
    value: loaderGzip,
    unit: 'KB',
    baseline: null,
    target: '≤ 4 KB',
    pass: loaderGzip <= 4,
  },
  {
    name: 'content-script bundle, gzip (loader and readers)',
    value: gzip,
    unit: 'KB',
    baseline: null,
    target: '≤ 20 KB',
    pass: gzip <= 20,
  },
];
printResults('Reading (content script)', results);
