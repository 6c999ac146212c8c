/**
 * `npm start`: builds Deal Radar, serves the demo CRM on 127.0.0.1 and opens it in
 * Chromium or Chrome with the development build loaded. Without a display (a server,
 * CI) it runs headless: visits each demo page, prints the warnings it found, writes
 * screenshots of the demo and the popup, and exits 0.
 *
 *   npm start                      # a window where there is a display
 *   npm start -- --headless        # the headless tour anywhere
 *   npm start -- --out DIR         # where the headless tour writes its screenshots
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startDemoServer } from '../demo/server';
import { findChrome, hasDisplay, INSTALL_HINT, type Launched, launchWithExtension, readPopup, tabIdOf, waitForBadge } from './browser';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const headless = args.includes('--headless') || !hasDisplay();
const outArg = args[args.indexOf('--out') + 1];
const out = resolve(root, args.includes('--out') && outArg ? outArg : '.artifacts/start');

/** The popup as it appears over the page: its screenshot laid over the demo's, as the toolbar shows it. */
async function composite(launched: Launched, pagePng: string, popupPng: string, outPng: string): Promise<void> {
  const page = await launched.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  const src = (file: string) => `data:image/png;base64,${readFileSync(file).toString('base64')}`;
  await page.setContent(
    `<body style="margin:0"><img src="${src(pagePng)}" style="display:block;width:1280px;filter:brightness(.92)">` +
      `<img src="${src(popupPng)}" style="position:absolute;top:8px;right:16px;width:420px;border-radius:8px;` +
      'box-shadow:0 12px 32px rgba(0,0,0,.35);border:1px solid #cbd5e1"></body>',
  );
  await page.screenshot({ path: outPng });
  await page.close();
}

async function main(): Promise<number> {
  if (!findChrome()) {
    console.error(INSTALL_HINT);
    return 1;
  }
  console.log('Building Deal Radar…');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) return build.status ?? 1;

  const server = await startDemoServer({ port: Number(process.env.PORT ?? 4173) }).catch(() => startDemoServer({ port: 0 }));
  console.log(`Demo CRM at ${server.url}/deals`);
  const launched = await launchWithExtension(resolve(root, 'dist/chrome-dev'), { headless });

  if (!headless) {
    const page = launched.context.pages()[0] ?? (await launched.context.newPage());
    await page.goto(`${server.url}/deals`);
    console.log('Chromium is open with Deal Radar loaded. Close the window to stop.');
    await new Promise<void>((done) => launched.context.on('close', () => done()));
    await server.close();
    return 0;
  }

  mkdirSync(out, { recursive: true });
  const page = launched.context.pages()[0] ?? (await launched.context.newPage());
  const tour: Array<[string, string]> = [
    ['list', '/deals'],
    ['board', '/board'],
    ['list, a week later (history-based rules)', '/deals?snapshot=2'],
    ['record', '/deals/1015?snapshot=2'],
  ];
  let first = true;
  for (const [label, path] of tour) {
    const url = `${server.url}${path}`;
    await page.goto(url);
    const tabId = await tabIdOf(launched, url);
    const badge = await waitForBadge(launched, tabId);
    const slug = label.split(/[ ,]/)[0] + (path.includes('snapshot') ? '-later' : '');
    await page.screenshot({ path: resolve(out, `demo-${slug}.png`) });
    const popup = await readPopup(launched, tabId);
    console.log(`\n${label}: ${url}\n  badge: ${badge || '(none)'} · ${popup.status}`);
    for (const facts of popup.pipeline) console.log(`  ▲ Pipeline: ${facts.join(' · ')}`);
    for (const deal of popup.deals) {
      console.log(`  • ${deal.name}`);
      for (const w of deal.warnings) console.log(`      ${w.title}: ${w.facts.join(' · ')}`);
    }
    // The whole list in one picture: cards below the fold skip painting until scrolled to
    // (content-visibility in popup.css), so the picture would show them empty.
    await popup.page.addStyleTag({ content: '.deal { content-visibility: visible !important; }' });
    await popup.page.screenshot({ path: resolve(out, `popup-${slug}.png`), fullPage: true });
    if (first) {
      await popup.page.screenshot({ path: resolve(out, 'popup.png') });
      await composite(launched, resolve(out, `demo-${slug}.png`), resolve(out, 'popup.png'), resolve(out, 'popup-over-demo.png'));
      first = false;
    }
    await popup.page.close();
  }
  // The in-page markers, with one marker's card open.
  const listUrl = `${server.url}/deals?snapshot=2`;
  await page.goto(listUrl);
  const listTab = await tabIdOf(launched, listUrl);
  await waitForBadge(launched, listTab);
  await page.waitForSelector('deal-radar-marker', { state: 'attached' });
  const box = await page.locator('deal-radar-marker').first().boundingBox();
  if (box) await page.mouse.click(box.x - 7, box.y);
  await page.screenshot({ path: resolve(out, 'markers.png') });
  // The dashboard (the popup opened as a tab) and the options page.
  const dashboard = await launched.context.newPage();
  await dashboard.setViewportSize({ width: 1280, height: 900 });
  await dashboard.goto(`chrome-extension://${launched.extensionId}/popup/index.html?mode=dashboard&tab=${listTab}`);
  await dashboard.waitForTimeout(1500);
  await dashboard.screenshot({ path: resolve(out, 'dashboard.png') });
  await dashboard.goto(`chrome-extension://${launched.extensionId}/options/index.html`);
  await dashboard.waitForTimeout(1500);
  await dashboard.screenshot({ path: resolve(out, 'options.png') });
  await launched.close();
  await server.close();
  console.log(`\nScreenshots in ${out}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
