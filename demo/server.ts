/**
 * The demo CRM: a tiny server-rendered CRM on node:http that `npm start` serves and the browser
 * tests use. Pages: /deals (list), /board (stage columns), /deals/{id} (record), /blog (not a CRM
 * page), /health. `?snapshot=2|3` shows the deals as of a later scripted visit.
 *
 * Run directly: `npx tsx demo/server.ts` listens on 127.0.0.1:4173 (or $PORT).
 * `DEMO_TODAY=YYYY-MM-DD` (or `startDemoServer({ today })`) pins "today".
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  type DemoDeal,
  type IsoDay,
  OPEN_STAGES,
  type Snapshot,
  STAGES,
  dayToUtcMs,
  daysBetween,
  demoDeals,
  isOpenStage,
  isSnapshot,
  toDay,
} from './data';

export const DEFAULT_PORT = 4173;
export const DEFAULT_HOST = '127.0.0.1';

export interface DemoServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Pins "today": a Date (its local day) or `YYYY-MM-DD`. Else $DEMO_TODAY, else the clock per request. */
  today?: Date | IsoDay;
}

export interface DemoServer {
  /** Origin without a trailing slash, e.g. `http://127.0.0.1:4173`. */
  url: string;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// HTML building: every interpolated value is escaped unless it is already `Html`.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Markup that is already safe. Only `html` and `raw` make one. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Interpolation = string | number | Html | null | undefined | false | readonly Interpolation[];

function renderValue(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return escapeHtml(String(value));
  return value.map(renderValue).join('');
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += renderValue(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** For the fixed stylesheet only: text written here, never data. */
function raw(text: string): Html {
  return new Html(text);
}

// ---------------------------------------------------------------------------------------------
// Formatting like a US CRM.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const EMPTY = '--';

/** `Nov 3, 2026` */
export function formatDay(day: IsoDay): string {
  const d = new Date(dayToUtcMs(day));
  return `${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/** `Today`, `Yesterday`, `3 days ago` within the last week, else the date. */
export function formatRecentDay(day: IsoDay, today: IsoDay): string {
  const ago = daysBetween(day, today);
  if (ago === 0) return 'Today';
  if (ago === 1) return 'Yesterday';
  if (ago >= 2 && ago <= 6) return `${ago} days ago`;
  return formatDay(day);
}

/** `$12,500.00` */
export function formatUsd(amount: number): string {
  const [whole = '0', cents = '00'] = Math.abs(amount).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount < 0 ? '-' : ''}$${grouped}.${cents}`;
}

type ActivityState = 'overdue' | 'today' | 'none' | 'planned';

const ACTIVITY_LABELS: Record<ActivityState, string> = {
  overdue: 'Overdue activity',
  today: 'Activity today',
  none: 'No activity scheduled',
  planned: 'Activity planned',
};

function activityState(deal: DemoDeal, today: IsoDay): ActivityState {
  if (deal.nextActivity === null) return 'none';
  const d = daysBetween(today, deal.nextActivity);
  if (d < 0) return 'overdue';
  if (d === 0) return 'today';
  return 'planned';
}

// ---------------------------------------------------------------------------------------------
// Pages.

interface View {
  snapshot: Snapshot;
  today: IsoDay;
}

/** A link that keeps the snapshot. */
function link(path: string, snapshot: Snapshot): string {
  return snapshot === 1 ? path : `${path}?snapshot=${snapshot}`;
}

function stageSlug(stage: string): string {
  return stage.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

const STYLE = raw(`
:root {
  --bg: #f3f5f8; --panel: #fff; --ink: #1f2933; --muted: #616e7c; --line: #dde3ea;
  --brand: #1b3a5c; --accent: #2563eb; --red: #d64545; --green: #2f9e58; --amber: #e0a800; --grey: #9aa5b1;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 14px; color: var(--ink); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.topbar { display: flex; align-items: center; gap: 24px; padding: 0 24px; height: 52px; background: var(--brand); color: #fff; }
.brand { font-weight: 700; font-size: 16px; letter-spacing: .02em; }
.brand span { font-weight: 400; opacity: .7; margin-left: 6px; }
.topbar nav { display: flex; gap: 4px; }
.topbar nav a { color: #dbe6f3; padding: 6px 12px; border-radius: 6px; }
.topbar nav a[aria-current="page"] { background: rgba(255,255,255,.16); color: #fff; }
.visits { margin-left: auto; display: flex; gap: 4px; align-items: center; color: #b8c7d9; font-size: 12px; }
.visits a { color: #dbe6f3; padding: 3px 8px; border-radius: 10px; border: 1px solid rgba(255,255,255,.25); }
.visits a[aria-current="true"] { background: #fff; color: var(--brand); }
main { padding: 20px 24px 40px; }
.page-head { display: flex; align-items: baseline; gap: 12px; margin-bottom: 14px; }
.page-head h1 { font-size: 20px; margin: 0; }
.page-head p { margin: 0; color: var(--muted); }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; white-space: nowrap; }
caption { text-align: left; padding: 10px 12px; color: var(--muted); }
th, td { padding: 9px 12px; border-bottom: 1px solid var(--line); text-align: left; }
th { background: #f8fafc; font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; position: sticky; top: 0; }
tbody tr:nth-child(even) { background: #fbfcfd; }
tbody tr:hover { background: #eef4ff; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.empty { color: var(--grey); }
td.name { white-space: normal; min-width: 260px; font-weight: 500; }
td.step { white-space: normal; min-width: 180px; }
.stage { display: inline-block; padding: 2px 8px; border-radius: 10px; background: #e6eefb; color: #234a7a; font-size: 12px; }
.stage.closed-won { background: #e1f5e8; color: #1d6b3b; }
.stage.closed-lost { background: #f9e3e3; color: #8a2a2a; }
.board { display: flex; gap: 12px; align-items: flex-start; overflow-x: auto; }
.column { flex: 0 0 250px; background: #e9edf2; border-radius: 8px; padding: 10px; }
.column h2 { font-size: 13px; margin: 2px 4px 10px; text-transform: uppercase; letter-spacing: .03em; color: #3e4c59; }
.column h2 .count { color: var(--muted); font-weight: 400; }
.card { position: relative; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 30px 10px 12px; margin-bottom: 8px; box-shadow: 0 1px 2px rgba(16,24,40,.06); }
.card h3 { font-size: 13px; margin: 0 0 6px; font-weight: 600; line-height: 1.35; }
.card p { margin: 2px 0; color: var(--muted); font-size: 12px; }
.card .card-value { color: var(--ink); font-weight: 600; }
.activity { position: absolute; top: 12px; right: 10px; width: 12px; height: 12px; border-radius: 50%; }
.activity-overdue { background: var(--red); }
.activity-today { background: var(--green); }
.activity-planned { background: var(--grey); }
.activity-none { border-radius: 0; width: 0; height: 0; border-left: 7px solid transparent; border-right: 7px solid transparent; border-bottom: 12px solid var(--amber); }
.record { max-width: 900px; }
.record h1 { font-size: 22px; margin: 0 0 4px; overflow-wrap: anywhere; }
.record .sub { color: var(--muted); margin: 0 0 16px; }
.path { display: flex; list-style: none; padding: 0; margin: 0 0 20px; }
.path li { flex: 1; text-align: center; padding: 8px 6px; background: #e4e9ef; color: #52606d; font-size: 12px; font-weight: 600; margin-right: 3px; }
.path li:first-child { border-radius: 16px 0 0 16px; }
.path li:last-child { border-radius: 0 16px 16px 0; margin-right: 0; }
.path li.done { background: #cfe0f7; color: #234a7a; }
.path li[aria-current="step"] { background: var(--brand); color: #fff; }
.path li.won[aria-current="step"] { background: var(--green); }
.path li.lost[aria-current="step"] { background: var(--red); }
dl.fields { display: grid; grid-template-columns: 180px 1fr; margin: 0; padding: 6px 16px; }
dl.fields dt, dl.fields dd { padding: 9px 0; border-bottom: 1px solid var(--line); margin: 0; }
dl.fields dt { color: var(--muted); }
.back { display: inline-block; margin-bottom: 12px; }
`);

const LIST_COLUMNS = [
  'Deal Name',
  'Stage',
  'Amount',
  'Close Date',
  'Last Activity',
  'Next Activity',
  'Next Step',
  'Owner',
  'Contacts',
  'Created',
  'Stage Entered',
] as const;

type Section = 'list' | 'board' | 'record';

function layout(title: string, view: View, section: Section, path: string, body: Html): string {
  const navLink = (href: string, label: string, active: boolean): Html =>
    html`<a href="${link(href, view.snapshot)}"${active ? raw(' aria-current="page"') : ''}>${label}</a>`;
  const visits = ([1, 2, 3] as const).map(
    (s) =>
      html`<a href="${link(path, s)}"${s === view.snapshot ? raw(' aria-current="true"') : ''}>Visit ${s}</a>`,
  );
  return html`<!doctype html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title} · Demo CRM</title>
<style>${STYLE}</style>
</head>
<body>
<header class="topbar">
  <div class="brand">Demo CRM<span>Trackwise Sales</span></div>
  <nav aria-label="Main">
    ${navLink('/deals', 'List', section === 'list' || section === 'record')}
    ${navLink('/board', 'Board', section === 'board')}
  </nav>
  <div class="visits" aria-label="Scripted visits">Data as of ${visits}</div>
</header>
<main>
${body}
</main>
</body>
</html>
`.text;
}

function cell(text: string | null, className = ''): Html {
  if (text === null || text === '') return html`<td class="empty ${className}">${EMPTY}</td>`;
  return html`<td${className ? html` class="${className}"` : ''}>${text}</td>`;
}

function stageBadge(stage: string): Html {
  return html`<span class="stage ${stageSlug(stage)}">${stage}</span>`;
}

function listPage(deals: DemoDeal[], view: View): string {
  const rows = deals.map(
    (d) => html`
<tr>
  <td class="name"><a href="${link(`/deals/${d.id}`, view.snapshot)}">${d.name}</a></td>
  <td>${stageBadge(d.stage)}</td>
  ${cell(formatUsd(d.amount), 'num')}
  ${cell(formatDay(d.closeDate))}
  ${cell(formatRecentDay(d.lastActivity, view.today))}
  ${cell(d.nextActivity === null ? null : formatDay(d.nextActivity))}
  ${cell(d.nextStep, 'step')}
  ${cell(d.owner)}
  ${cell(String(d.contacts.length), 'num')}
  ${cell(formatDay(d.created))}
  ${cell(formatDay(d.stageEntered))}
</tr>`,
  );
  const open = deals.filter((d) => isOpenStage(d.stage));
  const pipeline = open.reduce((sum, d) => sum + d.amount, 0);
  const body = html`
<div class="page-head">
  <h1>Deals</h1>
  <p>${deals.length} deals · ${open.length} open · ${formatUsd(pipeline)} open pipeline</p>
</div>
<div class="panel">
<table>
  <caption>All deals</caption>
  <thead><tr>${LIST_COLUMNS.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
  <tbody>${rows}
  </tbody>
</table>
</div>`;
  return layout('Deals', view, 'list', '/deals', body);
}

function boardPage(deals: DemoDeal[], view: View): string {
  const columns = OPEN_STAGES.map((stage) => {
    const inStage = deals.filter((d) => d.stage === stage);
    const id = `stage-${stageSlug(stage)}`;
    const cards = inStage.map((d) => {
      const state = activityState(d, view.today);
      const label = ACTIVITY_LABELS[state];
      return html`
  <article class="card">
    <h3><a href="${link(`/deals/${d.id}`, view.snapshot)}">${d.name}</a></h3>
    <p class="card-value">${formatUsd(d.amount)}</p>
    <p class="card-owner">${d.owner}</p>
    <span class="activity activity-${state}" role="img" aria-label="${label}" title="${label}"></span>
  </article>`;
    });
    return html`
<section class="column" aria-labelledby="${id}">
  <h2 id="${id}">${stage} <span class="count">(${inStage.length})</span></h2>${cards}
</section>`;
  });
  const body = html`
<div class="page-head">
  <h1>Pipeline</h1>
  <p>Open deals by stage</p>
</div>
<div class="board">${columns}
</div>`;
  return layout('Board', view, 'board', '/board', body);
}

function recordPage(deal: DemoDeal, view: View): string {
  const currentIndex = STAGES.indexOf(deal.stage);
  const open = isOpenStage(deal.stage);
  const pathStages: string[] = [...OPEN_STAGES, open ? 'Closed' : deal.stage];
  const steps = pathStages.map((stage, i) => {
    const current = stage === deal.stage;
    const done = open ? i < currentIndex : !current;
    const classes = [
      done ? 'done' : '',
      stage === 'Closed Won' ? 'won' : '',
      stage === 'Closed Lost' ? 'lost' : '',
    ]
      .filter(Boolean)
      .join(' ');
    return html`<li${classes ? html` class="${classes}"` : ''}${current ? raw(' aria-current="step"') : ''}>${stage}</li>`;
  });
  const fields: Array<[string, string | null]> = [
    ['Stage', deal.stage],
    ['Amount', formatUsd(deal.amount)],
    ['Close Date', formatDay(deal.closeDate)],
    ['Last Activity', formatDay(deal.lastActivity)],
    ['Next Activity', deal.nextActivity === null ? null : formatDay(deal.nextActivity)],
    ['Next Step', deal.nextStep],
    ['Owner', deal.owner],
    ['Contacts', deal.contacts.join(', ')],
    ['Created', formatDay(deal.created)],
    ['Stage Entered', formatDay(deal.stageEntered)],
  ];
  const body = html`
<div class="record">
<a class="back" href="${link('/deals', view.snapshot)}">← All deals</a>
<h1>${deal.name}</h1>
<p class="sub">Deal #${deal.id} · ${deal.owner}</p>
<ol class="path" aria-label="Stage path">${steps}</ol>
<div class="panel">
<dl class="fields">${fields.map(
    ([label, value]) => html`
  <dt>${label}</dt><dd>${value === null || value === '' ? EMPTY : value}</dd>`,
  )}
</dl>
</div>
</div>`;
  return layout(deal.name, view, 'record', `/deals/${deal.id}`, body);
}

function blogPage(): string {
  return html`<!doctype html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Five habits of calm sellers · Field Notes</title>
<style>
body { margin: 0; font-family: Georgia, "Times New Roman", serif; color: #222; background: #fffdf8; }
article { max-width: 680px; margin: 48px auto; padding: 0 20px; line-height: 1.65; font-size: 18px; }
h1 { font-size: 34px; line-height: 1.2; margin-bottom: 6px; }
.byline { color: #777; font-size: 15px; margin-top: 0; }
</style>
</head>
<body>
<article>
  <h1>Five habits of calm sellers</h1>
  <p class="byline">Field Notes · a blog about the craft of selling</p>
  <p>The calmest sellers we know do not work less than anyone else. They simply look at the facts before
  the facts look at them. Here are five habits they share.</p>
  <h2>1. They ask how, not why</h2>
  <p>When a deal goes quiet, "why does this always happen to me" leads nowhere. "How can I reach the
  person who decides?" leads to a phone call.</p>
  <h2>2. They find the cause, not the symptom</h2>
  <p>Silence is a symptom. A new manager, a frozen budget or a competing project is a cause.</p>
  <h2>3. They check good news as hard as bad news</h2>
  <p>A deal that doubled overnight deserves the same questions as one that halved.</p>
  <h2>4. They turn to a guide</h2>
  <p>Someone who has closed this kind of deal before is worth more than ten peers who have not.</p>
  <h2>5. They stay consistent</h2>
  <p>They keep at an approach that works for others and adapt it until it works for them.</p>
</article>
</body>
</html>
`.text;
}

function messagePage(title: string, message: string): string {
  return html`<!doctype html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>${title} · Demo CRM</title>
</head>
<body>
<h1>${title}</h1>
<p>${message}</p>
<p><a href="/deals">Back to deals</a></p>
</body>
</html>
`.text;
}

// ---------------------------------------------------------------------------------------------
// Server.

const HTML_TYPE = 'text/html; charset=utf-8';

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: string,
  type = HTML_TYPE,
  extra: Record<string, string> = {},
): void {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': String(bytes.length),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

function todaySource(today: Date | IsoDay | undefined): () => IsoDay {
  const pinned = today ?? process.env.DEMO_TODAY;
  if (pinned !== undefined && pinned !== '') {
    const day = toDay(pinned);
    return () => day;
  }
  return () => toDay(new Date());
}

function handle(req: IncomingMessage, res: ServerResponse, today: () => IsoDay): void {
  const url = new URL(req.url ?? '/', 'http://demo.invalid');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(req, res, 405, messagePage('Method not allowed', 'Only GET and HEAD.'), HTML_TYPE, {
      Allow: 'GET, HEAD',
    });
    return;
  }
  const param = url.searchParams.get('snapshot');
  const snapshotNumber = param === null ? 1 : Number(param);
  if (!isSnapshot(snapshotNumber)) {
    send(req, res, 400, messagePage('Bad request', 'snapshot must be 1, 2 or 3.'));
    return;
  }
  const view: View = { snapshot: snapshotNumber, today: today() };
  const path = url.pathname;

  if (path === '/') {
    res.writeHead(302, { Location: link('/deals', view.snapshot), 'Cache-Control': 'no-store' });
    res.end();
    return;
  }
  if (path === '/health') {
    send(req, res, 200, 'ok', 'text/plain; charset=utf-8');
    return;
  }
  if (path === '/blog') {
    send(req, res, 200, blogPage());
    return;
  }
  const deals = demoDeals(view.snapshot, view.today);
  if (path === '/deals') {
    send(req, res, 200, listPage(deals, view));
    return;
  }
  if (path === '/board') {
    send(req, res, 200, boardPage(deals, view));
    return;
  }
  const record = /^\/deals\/(\d{1,9})$/.exec(path);
  const deal = record ? deals.find((d) => d.id === Number(record[1])) : undefined;
  if (deal) {
    send(req, res, 200, recordPage(deal, view));
    return;
  }
  send(req, res, 404, messagePage('Not found', `There is no page at ${path}.`));
}

export function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? 0;
  const today = todaySource(options.today);
  const server = createServer((req, res) => {
    try {
      handle(req, res, today);
    } catch (error) {
      if (!res.headersSent) send(req, res, 500, messagePage('Server error', String(error)));
      else res.destroy();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new RangeError(`Bad PORT: ${process.env.PORT}`);
  const server = await startDemoServer({ port, host: DEFAULT_HOST });
  console.log(`Demo CRM listening on ${server.url}/deals`);
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (isMain()) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
