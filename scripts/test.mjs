// `npm test`: install what is missing, build (the end-to-end tests drive the built app), make sure a
// Chromium is there for the browser tests, then run every test (unit, API, end-to-end).
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureBuilt, ensureInstalled } from './ensure.mjs';

ensureInstalled();
ensureBuilt();

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.getuid?.() === 0) {
    console.log('› installing Debian chromium for the browser tests…');
    execSync('apt-get install -y chromium || (apt-get update && apt-get install -y chromium)', { stdio: 'inherit' });
  } else {
    console.error(
      `Chromium not found at ${chromium}: install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
}

// Lint and format first: one tool (Biome), cheap, and it keeps the tree consistent for the next reader.
const lint = spawnSync('npx', ['biome', 'check', '.'], { stdio: 'inherit' });
if (lint.status !== 0) process.exit(lint.status ?? 1);

const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
