/// <reference types="vitest/config" />
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * Zod keeps `new Function` for its JIT even when configured `jitless` (src/platform/zod-config.ts):
 * take the constructor out of the bundle so no eval path exists at all (MV3 forbids it anyway,
 * and web-ext lint flags it). A call that still got there would throw and Zod falls back.
 */
function zodWithoutEval(): Plugin {
  return {
    name: 'zod-without-eval',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(id) || !code.includes('const F = Function;')) return null;
      return code.replaceAll('const F = Function;', 'const F = function () { throw new Error("code generation is disabled"); };');
    },
  };
}
/**
 * Vite's own module preload is off (its helper touches `document`, which the service worker does
 * not have), so a page would fetch its entry, then the chunks the entry imports, one round after
 * another. The popup's 150 ms budget (tests/bench/popup.bench.ts) notices: this lists every chunk a
 * page's entry imports, directly or not, as `<link rel="modulepreload">`, fetched with the entry.
 */
function preloadPageChunks(): Plugin {
  return {
    name: 'preload-page-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const { chunk, bundle } = ctx;
        if (!chunk || !bundle) return;
        const found = new Set<string>();
        const visit = (file: string) => {
          const c = bundle[file];
          if (c?.type !== 'chunk') return;
          for (const dep of c.imports) {
            if (found.has(dep)) continue;
            found.add(dep);
            visit(dep);
          }
        };
        visit(chunk.fileName);
        const preloads = [...found].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head' as const,
        }));
        // A page's boot script (src/popup/boot.ts): no imports, so it runs as soon as it is fetched.
        const boot = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === `${chunk.name}-boot`);
        if (!boot) return preloads;
        if (boot.type === 'chunk' && boot.imports.length > 0) throw new Error(`${boot.fileName} must not import anything`);
        return [
          { tag: 'script', attrs: { type: 'module', async: true, src: `/${boot.fileName}` }, injectTo: 'head-prepend' as const },
          ...preloads,
        ];
      },
    },
  };
}

const outDir = resolve(root, 'dist/chrome');

/** A script the browser runs in pages: one self-contained IIFE (such scripts cannot import). */
function contentScript(name: string, entry: string) {
  return {
    // Without `consumer: 'client'` Vite treats this as a server build and leaves out webextension-polyfill.
    consumer: 'client' as const,
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      rolldownOptions: {
        input: { [name]: resolve(root, entry) },
        output: { format: 'iife' as const, entryFileNames: '[name].js' },
      },
    },
  };
}

/**
 * One build for everything (Vite's environments API):
 * - `client`: popup and options pages plus the background module (ES modules, shared chunks);
 * - `loader`: the content script the manifest names (content.js), a few kilobytes that check a page;
 * - `content`: the readers it has the background run where a page may show deals (content-main.js).
 * Then scripts/package-extension.ts writes the manifests, the other targets and the zips.
 */
export default defineConfig({
  root: resolve(root, 'src'),
  publicDir: resolve(root, 'public'),
  plugins: [preact(), zodWithoutEval(), preloadPageChunks()],
  build: {
    outDir,
    emptyOutDir: true,
    // The preload helper touches `document`, which a service worker does not have.
    modulePreload: false,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  environments: {
    client: {
      build: {
        outDir,
        rolldownOptions: {
          input: {
            background: resolve(root, 'src/background/index.ts'),
            popup: resolve(root, 'src/popup/index.html'),
            'popup-boot': resolve(root, 'src/popup/boot.ts'),
            options: resolve(root, 'src/options/index.html'),
          },
          output: {
            entryFileNames: '[name].js',
            chunkFileNames: 'chunks/[name]-[hash].js',
            assetFileNames: 'assets/[name]-[hash][extname]',
          },
        },
      },
    },
    content: contentScript('content-main', 'src/content/index.ts'),
    loader: contentScript('content', 'src/content/loader.ts'),
  },
  builder: {
    async buildApp(builder) {
      const { client, content, loader } = builder.environments;
      if (!client || !content || !loader) throw new Error('missing build environment');
      await builder.build(client);
      await builder.build(content);
      await builder.build(loader);
    },
  },
  test: {
    root,
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/conformance/**/*.test.ts'],
    environment: 'node',
    alias: { 'webextension-polyfill': resolve(root, 'tests/support/fake-browser.ts') },
  },
});
