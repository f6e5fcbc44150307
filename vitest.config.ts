import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const contracts = fileURLToPath(new URL('./packages/contracts/src/index.ts', import.meta.url));
const citizenModules = fileURLToPath(new URL('./apps/citizen/node_modules/', import.meta.url));
// The wallet codec is a subpath of its own (not in the index: see packages/contracts/src/wallet-codec/index.ts);
// listed first, since '@yss/contracts' would also match '@yss/contracts/wallet-codec'.
const alias = {
  '@yss/contracts/wallet-codec': fileURLToPath(
    new URL('./packages/contracts/src/wallet-codec/index.ts', import.meta.url),
  ),
  '@yss/contracts': contracts,
};

// The console's React 19 lives in apps/console/node_modules (the workspace root holds React 18 for other
// packages). Its tests load antd, react-router and Testing Library through Vite (inlined, below) so that every
// `react` import resolves to that one copy, as the console's own build does with `dedupe`.
const consoleModules = fileURLToPath(new URL('./apps/console/node_modules/', import.meta.url));
const consoleAlias = [
  { find: /^react-dom(\/.*)?$/, replacement: `${consoleModules}react-dom$1` },
  { find: /^react(\/.*)?$/, replacement: `${consoleModules}react$1` },
  ...Object.entries(alias).map(([find, replacement]) => ({ find, replacement })),
];

export default defineConfig({
  resolve: { alias },
  test: {
    // Two workers on the 2-core CI machine (the default there is cores − 1 = one): much of every file waits on
    // PostgreSQL, PGlite, the platform's start or Chromium, and each e2e file has its own platform (port, data
    // folder, Redis prefix), so two files side by side are independent. One worker took ~28 min on this machine.
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/server/src/**/*.test.ts',
            'apps/citizen/src/**/*.test.ts',
            'apps/console/src/**/*.test.ts',
          ],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // The files of a worker share one module graph instead of importing the platform anew each (~1 s a
          // file, ~140 s of a run; the unit project 331 → 227 s on the CI machine). Safe here because every
          // file builds its own apps and databases, no file mocks a module, and what a file stubs is undone
          // after each test (unstubGlobals; fake timers are restored in a finally). What modules keep at the
          // top level is meant to be shared: the database templates, the named-statement registry.
          isolate: false,
          unstubGlobals: true,
        },
      },
      {
        resolve: {
          alias: consoleAlias,
          mainFields: ['module', 'main'],
          conditions: ['module', 'browser', 'development'],
        },
        test: {
          name: 'console',
          include: ['apps/console/src/**/*.test.tsx'],
          environment: 'jsdom',
          // antd's CSS-in-JS under jsdom is slow: a test that opens dialogs and selects takes seconds
          testTimeout: 60_000,
          setupFiles: ['apps/console/src/test/setup.ts'],
          unstubGlobals: true,
          server: {
            deps: { inline: [/[\\/]node_modules[\\/](antd|@ant-design|rc-[^\\/]+|@rc-component|react-router)[\\/]/] },
          },
        },
      },
      {
        // The citizen app's component tests (*.test.tsx): its pages rendered in happy-dom with fetch mocked. The
        // app runs React 19 from its own node_modules while an older React is hoisted to the root (another
        // package's): imports of React resolve to the app's copy (these aliases for transformed modules, the
        // setup file for the CommonJS ones Node loads), as the app's Vite build dedupes it.
        resolve: {
          alias: [
            // the wallet codec subpath first ('@yss/contracts' would also match it): pages such as /verify load it
            { find: '@yss/contracts/wallet-codec', replacement: alias['@yss/contracts/wallet-codec'] },
            { find: '@yss/contracts', replacement: contracts },
            { find: /^react$/, replacement: `${citizenModules}react/index.js` },
            { find: /^react\/(.*)$/, replacement: `${citizenModules}react/$1` },
            { find: /^react-dom$/, replacement: `${citizenModules}react-dom/index.js` },
            { find: /^react-dom\/(.*)$/, replacement: `${citizenModules}react-dom/$1` },
          ],
        },
        test: {
          name: 'citizen-ui',
          include: ['apps/citizen/src/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['apps/citizen/src/test/setup-react.ts', 'apps/citizen/src/test/setup-settle.ts'],
          server: { deps: { inline: true } },
          testTimeout: 30_000,
          unstubGlobals: true,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          setupFiles: ['e2e/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // expect.poll waits 1 s by default: a server round trip and a re-render under CI load (two cores, the
          // other suites beside) took longer, and 已退票 / the moved 预约 time were read before they showed.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
