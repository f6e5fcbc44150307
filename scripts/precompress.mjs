// Write .br and .gz beside every compressible file of a built web app, once at build time, so the
// server sends compressed bytes (@fastify/static preCompressed) without compressing per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = path.resolve(process.argv[2] ?? 'dist');
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;

function walk(d) {
  for (const name of readdirSync(d)) {
    const p = path.join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (COMPRESSIBLE.test(name) && statSync(p).size > 512) {
      const data = readFileSync(p);
      writeFileSync(`${p}.gz`, gzipSync(data, { level: 9 }));
      writeFileSync(`${p}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
  }
}
walk(dir);
