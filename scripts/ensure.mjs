// Make a checkout runnable: install dependencies when missing or stale, build what is older than its
// sources. `npm start`, `npm test` and `npm run bench` call this first, so a fresh clone needs nothing else.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' });

function newest(dir) {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

export function ensureInstalled() {
  const marker = path.join(root, 'node_modules/.package-lock.json');
  if (!existsSync(marker) || mtime(path.join(root, 'package-lock.json')) > mtime(marker)) {
    console.log('› installing dependencies (npm ci)…');
    run('npm ci --no-audit --no-fund');
  }
}

const targets = [
  {
    name: 'contracts',
    stamp: 'packages/contracts/dist/.stamp',
    sources: ['packages/contracts/src'],
    cmd: 'npm run build -w packages/contracts',
  },
  {
    name: 'server',
    stamp: 'apps/server/dist/.stamp',
    sources: ['apps/server/src', 'packages/contracts/src'],
    cmd: 'npm run build -w apps/server',
  },
  {
    name: 'citizen app',
    stamp: 'apps/citizen/dist/.stamp',
    sources: [
      'apps/citizen/src',
      'apps/citizen/public',
      'apps/citizen/index.html',
      'apps/citizen/vite.config.ts',
      'packages/contracts/src',
    ],
    cmd: 'npm run build -w apps/citizen',
  },
  {
    name: 'staff console',
    stamp: 'apps/console/dist/.stamp',
    sources: [
      'apps/console/src',
      'apps/console/public',
      'apps/console/index.html',
      'apps/console/vite.config.ts',
      'packages/contracts/src',
    ],
    cmd: 'npm run build -w apps/console',
  },
];

export function ensureBuilt() {
  for (const t of targets) {
    const stamp = path.join(root, t.stamp);
    const sourceTime = Math.max(
      ...t.sources.map((s) => {
        const p = path.join(root, s);
        return existsSync(p) && statSync(p).isDirectory() ? newest(p) : mtime(p);
      }),
    );
    if (mtime(stamp) >= sourceTime) continue;
    console.log(`› building ${t.name}…`);
    run(t.cmd);
    writeFileSync(stamp, new Date().toISOString());
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureInstalled();
  ensureBuilt();
}
