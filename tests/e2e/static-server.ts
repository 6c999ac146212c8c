import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

/**
 * Serves tests/e2e/pages on 127.0.0.1 for the live-page tests. Any path under a page's
 * name serves that page (`/spa/board` serves spa.html), as a single-page app's server would.
 */
export async function startPages(): Promise<{ url: string; close(): Promise<void> }> {
  const dir = resolve(import.meta.dirname, 'pages');
  const server = createServer(async (req, res) => {
    const name = (req.url ?? '/').split(/[/?#]/)[1] ?? '';
    if (!/^[a-z0-9-]+$/.test(name)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(resolve(dir, `${name}.html`));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
