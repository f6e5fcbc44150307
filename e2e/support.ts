import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningPlatform {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Start the built platform as `npm start` does (node apps/server/dist/main.js, embedded PGlite in a fresh
 * DATA_DIR) and wait until it is ready. Uses the host name localhost (WebAuthn needs it).
 */
export async function startPlatform(env: Record<string, string> = {}): Promise<RunningPlatform> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yss-e2e-'));
  // With REDIS_URL (CI) sessions and rate limits live in Redis, which other runs may share: a prefix of our own.
  const redisPrefix = `yss-e2e-${randomBytes(6).toString('hex')}:`;
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'apps/server/dist/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      REDIS_KEY_PREFIX: redisPrefix,
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become ready in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
      if (process.env.REDIS_URL) await deleteRedisKeys(process.env.REDIS_URL, redisPrefix);
    },
  };
}

/** Our own keys only (never FLUSHDB: the Redis may be shared). */
async function deleteRedisKeys(url: string, prefix: string) {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await r.connect();
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await r.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone-sized context, as citizens use the app (UI.md: 390×844). */
export function phoneContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    ...options,
  });
}

const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Run axe-core (WCAG 2.1 A/AA rules) in the page; return serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline scripts) rightly blocks a script tag.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ ...v, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
}

/** A demo person of the sandbox departments (README, demo accounts) that a journey logs in as. */
export interface DemoCitizen {
  name: string;
  idNumber: string;
  phone: string;
}

/** The PIN the journeys set: six digits that are neither a run nor a repeat, so the PIN rules accept it. */
export const DEMO_PIN = '385172';

/** The code the sandbox SMS gateway last sent to `phone` (its outbox stands in for the phone). */
export async function latestSmsCode(baseUrl: string, phone: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/dev/sms-outbox?phone=${phone}`);
  const code = /验证码为(\d{6})/.exec((await res.json())[0]?.text ?? '')?.[1];
  if (!code) throw new Error(`no SMS code for ${phone} in the sandbox outbox`);
  return code;
}

/**
 * Log in through the login page's 短信验证码 tab, as a citizen does; resolves once the app has left /login.
 * `city` (a 行政区划 code) is chosen before logging in, for journeys that depend on the city.
 */
export async function smsLogin(page: Page, baseUrl: string, phone: string, options: { city?: string } = {}) {
  const input = (testId: string) => page.locator(`input[data-testid="${testId}"]`).first();
  await page.goto(`${baseUrl}/login`);
  if (options.city) await page.evaluate((c) => localStorage.setItem('yss.city', c), options.city);
  await page.getByTestId('login-method-sms').click();
  await input('phone-input').fill(phone);
  await page.getByTestId('sms-send').click();
  await page.waitForTimeout(300);
  await input('sms-code-input').fill(await latestSmsCode(baseUrl, phone));
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * `person` logged in by SMS, real name bound, PIN set and verified: the starting point of the journeys that
 * need personal data. Real name and PIN go through the API (the identity journeys test their pages).
 */
export async function loginVerifiedCitizen(
  page: Page,
  baseUrl: string,
  person: DemoCitizen,
  options: { pin?: string; city?: string } = {},
) {
  await smsLogin(page, baseUrl, person.phone, { city: options.city });
  const statuses = await page.evaluate(
    async ({ name, idNumber, pin }) => {
      const json = { 'content-type': 'application/json' };
      const post = (url: string, body: object, method = 'POST') =>
        fetch(url, { method, headers: json, body: JSON.stringify(body) }).then((r) => r.status);
      return [
        await post('/api/v1/me/real-name', { name, idNumber }),
        await post('/api/v1/me/pin', { pin }, 'PUT'),
        await post('/api/v1/me/verify/pin', { pin }),
      ];
    },
    { name: person.name, idNumber: person.idNumber, pin: options.pin ?? DEMO_PIN },
  );
  expect(statuses).toEqual([200, 204, 200]);
}

/** The demo people the journeys log in as (README, demo accounts; their records live in the sandboxes). */
export const ZHANG_WEI: DemoCitizen = { name: '张伟', idNumber: '44010619880512031X', phone: '13800138000' };
export const LI_NA: DemoCitizen = { name: '李娜', idNumber: '440304199208200461', phone: '13800138001' };
export const CHEN_ZHIQIANG: DemoCitizen = { name: '陈志强', idNumber: '440604197911030174', phone: '13800138002' };
export const LIU_FANG: DemoCitizen = { name: '刘芳', idNumber: '440105199001250424', phone: '13800138006' };
