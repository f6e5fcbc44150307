// npm run bench: every benchmark, each against a baseline measured in the same run (machines are noisy;
// ratios are what we compare). Targets (issue 2): catalog ≥ 50% of the trivial route's throughput; the
// citizen home page's first-load JavaScript ≤ 200 KB gzipped.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { load, root, row, startServer } from './lib.mjs';

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const browserHeaders = { 'accept-encoding': 'gzip, deflate, br' };
const results = {
  date: new Date().toISOString(),
  database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
  checks: [],
};

function check(name, ok, detail) {
  results.checks.push({ name, ok, detail });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}`);
}

// 1. Catalog and search under load, against /healthz on the same server.
const server = await startServer();
try {
  // warm up (JIT, snapshot caches)
  await load(`${server.url}/api/v1/catalog?city=440100`, { duration: 2, headers: browserHeaders });
  const trivial = await load(`${server.url}/healthz`, { duration, headers: browserHeaders });
  const catalog = await load(`${server.url}/api/v1/catalog?city=440100`, { duration, headers: browserHeaders });
  // What people type: Chinese, full pinyin, initials, typos — rotated per connection.
  const queries = [
    'gjj',
    '公积金',
    'shebao',
    '社保缴费',
    'gongjijing',
    '违法查询',
    'weifa',
    '燃气',
    'ranqi',
    'gs',
    '个税',
    '取名',
    'quming',
    '护照',
    'huzhao',
    '签注',
    '居住证',
    'jzz',
    '医保',
    'yibao',
    '结婚',
    '出生',
    '低保',
    '残疾人证',
    '发票',
    'fapiao',
    '不动产',
    '律师',
    '公证',
    '移车',
    'yiche',
    '驾驶证',
    '身份证',
    'shenfenzheng',
    '学校',
    '高考',
    '信用',
    'xinyong',
  ];
  const paths = queries.map((q) => `/api/v1/catalog/search?q=${encodeURIComponent(q)}&city=440100`);
  const search = await load(server.url, { duration, headers: browserHeaders, paths });
  const rows = [
    row('GET /healthz (trivial baseline)', trivial),
    row('GET /api/v1/catalog?city=440100', catalog, trivial),
    row(`GET /api/v1/catalog/search (${queries.length} queries)`, search, trivial),
  ];
  console.table(rows.map(({ ratio, ...r }) => r));
  results.http = rows;
  check('catalog throughput ≥ 50% of trivial route', rows[1].ratio >= 0.5, `${(rows[1].ratio * 100).toFixed(0)}%`);
} finally {
  await server.stop();
}

// 2. Citizen app: every JavaScript file Chromium loads to show the home page (entry, vendor chunks, the
// home page's own lazy chunk), measured gzipped — what a phone downloads on its first visit.
const browserServer = await startServer();
try {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const scripts = new Map();
  page.on('response', async (res) => {
    if (res.request().resourceType() === 'script')
      scripts.set(
        res.url(),
        res.body().catch(() => Buffer.alloc(0)),
      );
  });
  await page.goto(`${browserServer.url}/`, { waitUntil: 'networkidle' });
  let gz = 0;
  for (const body of scripts.values()) gz += gzipSync(await body).length;
  await browser.close();
  const kb = gz / 1024;
  results.firstLoadJsGzipKb = Number(kb.toFixed(1));
  check('home first-load JS ≤ 200 KB gzipped', kb <= 200, `${kb.toFixed(1)} KB in ${scripts.size} files`);
} finally {
  await browserServer.stop();
}

mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(path.join(root, 'bench/results/latest.json'), JSON.stringify(results, null, 2));
if (results.checks.some((c) => !c.ok)) process.exitCode = 1;
