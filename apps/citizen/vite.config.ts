import { createHash } from 'node:crypto';
import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const contracts = fileURLToPath(new URL('../../packages/contracts/src/index.ts', import.meta.url));
/**
 * The wallet codec (CBOR, COSE, base45: cbor-x) is a subpath of the contracts, not in their index, so that only
 * the pages that show or verify a QR load it. Listed before '@yss/contracts', which would match it too.
 */
const walletCodec = fileURLToPath(new URL('../../packages/contracts/src/wallet-codec/index.ts', import.meta.url));
const api = { '/api': { target: 'http://localhost:3000', changeOrigin: true } };

/**
 * Vendor chunks (the rolldown form of `manualChunks`), cached across releases:
 * - react-vendor: React, ReactDOM and the router, needed by every page;
 * - antd-vendor: the antd-mobile core (theme, config, portal/animation helpers) every page shares.
 * antd-mobile components used by a single page stay in that page's chunk, so the home page does not download
 * the form or side-bar code of other pages.
 */
const vendorGroups = [
  {
    name: 'react-vendor',
    test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/,
    priority: 20,
  },
  {
    name: 'antd-vendor',
    // The 支付密码 keyboard (PasscodeInput, NumberKeyboard) is shared by the login, security and verification
    // chunks only: it stays with them instead of joining the vendor chunk every page downloads.
    test: /[\\/]node_modules[\\/](?!antd-mobile[\\/]es[\\/]components[\\/](?:passcode-input|number-keyboard)[\\/])(antd-mobile|antd-mobile-icons|@react-spring|@use-gesture|ahooks|rc-[\w-]+|@rc-component|classnames|staged-components|use-sync-external-store|runes2|lodash|dayjs|@floating-ui|tslib|@babel)[\\/]/,
    minShareCount: 2,
    priority: 10,
  },
];

/**
 * @yss/contracts builds its zod schemas at module level (`export const X = z.object(...).meta(...)`). The app
 * uses only the types and constants, but a bundler must keep a call it cannot prove pure, and zod with it
 * (~25 KB gzipped). This marks each top-level `const` initialiser of the contracts sources as pure (an
 * annotated IIFE), so that what the app does not use is dropped. Nothing else changes: used values are kept.
 */
function pureContracts(): Plugin {
  const contractsDir = fileURLToPath(new URL('../../packages/contracts/src/', import.meta.url)).replace(/\\/g, '/');
  type Node = { type: string; start: number; end: number; [key: string]: unknown };
  const WRAP = new Set(['CallExpression', 'NewExpression', 'ObjectExpression', 'ArrayExpression']);
  return {
    name: 'yss-pure-contracts',
    apply: 'build',
    transform: {
      filter: { id: /packages[\\/]contracts[\\/]src[\\/].*\.ts$/ },
      handler(code, id) {
        if (!id.replace(/\\/g, '/').startsWith(contractsDir)) return null;
        const program = this.parse(code, { lang: 'ts' }) as unknown as { body: Node[] };
        const inits: Node[] = [];
        for (const statement of program.body) {
          const declaration = (statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement) as
            | (Node & { kind?: string; declarations?: Array<{ init: Node | null }> })
            | null;
          if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
          for (const d of declaration.declarations ?? []) {
            if (d.init && WRAP.has(d.init.type)) inits.push(d.init);
          }
        }
        if (inits.length === 0) return null;
        let out = code;
        for (const init of inits.sort((a, b) => b.start - a.start)) {
          out = `${out.slice(0, init.start)}/* @__PURE__ */ (() => (${out.slice(init.start, init.end)}))()${out.slice(init.end)}`;
        }
        return { code: out, map: null };
      },
    },
  };
}

/** Pages that must open after a reload without a network: 我的证照 (出示二维码 offline) and 证照核验 (离线核验). */
const OFFLINE_PAGES = new Set(['Wallet', 'WalletDetail', 'WalletShow', 'Verify']);

/**
 * Stamps dist/sw.js (copied from public/) with a release id and the files of the app shell: the entry, what
 * it imports, its CSS, the home page and OFFLINE_PAGES. Other page chunks are cached on first use.
 */
function serviceWorkerManifest(): Plugin {
  let outDir = 'dist';
  let files: string[] = [];
  let version = 'dev';
  return {
    name: 'yss-service-worker-manifest',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    generateBundle(_options, bundle) {
      const shell = new Set<string>();
      const add = (fileName: string) => {
        if (shell.has(fileName)) return;
        const item = bundle[fileName];
        if (!item) return;
        shell.add(fileName);
        if (item.type === 'chunk') {
          for (const imported of item.imports) add(imported);
          for (const css of item.viteMetadata?.importedCss ?? []) shell.add(css);
          // files the code imports by URL (the QR reader's WebAssembly of the verifier page)
          for (const asset of item.viteMetadata?.importedAssets ?? []) shell.add(asset);
        }
      };
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        const page = item.facadeModuleId?.replace(/\\/g, '/').match(/\/src\/pages\/(\w+)\.tsx$/)?.[1];
        if (item.isEntry || page === 'Home') add(item.fileName);
        if (page && OFFLINE_PAGES.has(page)) {
          // usable without a network once installed: the page and what it loads on demand (the QR reader)
          add(item.fileName);
          for (const dynamic of item.dynamicImports) add(dynamic);
        }
      }
      files = [...shell].sort().map((f) => `/${f}`);
      version = createHash('sha256').update(Object.keys(bundle).sort().join('\n')).digest('hex').slice(0, 12);
    },
    async closeBundle() {
      const file = path.join(outDir, 'sw.js');
      const source = await readFile(file, 'utf8').catch(() => null);
      if (source === null) return;
      // Only files that were written: a chunk holding nothing but CSS (a page's stylesheet shared by several
      // pages) is still in the bundle when generateBundle runs, then dropped by Vite. One missing URL fails the
      // worker's cache.addAll, so the worker never installs and nothing works offline.
      const written = (
        await Promise.all(files.map(async (f) => ((await exists(path.join(outDir, f))) ? f : null)))
      ).filter((f): f is string => f !== null);
      const stamped = source
        .replace("'__YSS_BUILD__'", JSON.stringify(version))
        .replace('const PRECACHE = []; /* __YSS_PRECACHE__ */', `const PRECACHE = ${JSON.stringify(written)};`);
      await writeFile(file, stamped);
    },
  };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

export default defineConfig({
  plugins: [pureContracts(), react(), serviceWorkerManifest()],
  resolve: {
    alias: { '@yss/contracts/wallet-codec': walletCodec, '@yss/contracts': contracts },
    // antd-mobile and react-router resolve `react` from the workspace root; force the app's React 19.
    dedupe: ['react', 'react-dom'],
  },
  server: { proxy: api },
  preview: { proxy: api },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
});
