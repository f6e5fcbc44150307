// The component tests' first setup: one React (19, the app's own) for everything. The app keeps React 19 in its own
// node_modules while an older React is hoisted to the root for another package; CommonJS packages that Node loads
// from the root (ahooks/lib, react-router's "node" build, use-sync-external-store …) would require() that older
// copy. Their require('react…') is answered from the app's folder, as the app's Vite build dedupes it.
import Module from 'node:module';
import path from 'node:path';

// vitest runs from the repository's root (this module's own URL is not a file: URL under happy-dom)
const citizenRequire = Module.createRequire(path.resolve('apps/citizen/package.json'));
type Resolve = (request: string, ...rest: unknown[]) => string;
const mod = Module as unknown as { _resolveFilename: Resolve };
const original = mod._resolveFilename;
let inside = false;
mod._resolveFilename = function resolve(this: unknown, request: string, ...rest: unknown[]) {
  if (!inside && /^react(-dom)?(\/|$)/.test(request)) {
    inside = true;
    try {
      return citizenRequire.resolve(request);
    } finally {
      inside = false;
    }
  }
  return original.call(this, request, ...rest);
};
