import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import jsQRModule from 'jsqr';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { trackNetworkOf } from './network-log.js';

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
  const template = await seededTemplate();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yss-e2e-'));
  if (template) cpSync(template, dataDir, { recursive: true });
  return launchPlatform(dataDir, env);
}

/**
 * The data folder of a platform that has started once (migrated, demo province seeded) and stopped cleanly,
 * made once per test run and copied into each platform's own folder: seeding the province took ~20 s of every
 * e2e file's start on a slow machine, a start on a seeded folder ~10 s. A copy is the state a fresh start
 * leaves, before any request. The first worker to get here makes it; the others wait for it. Folders of
 * earlier runs are removed. E2E_FRESH_SEED=1 seeds every platform anew instead.
 */
async function seededTemplate(): Promise<string | undefined> {
  if (process.env.E2E_FRESH_SEED === '1') return undefined;
  // One vitest run: its workers share the parent process.
  const run = String(process.ppid);
  const prefix = 'yss-e2e-template-';
  const template = path.join(os.tmpdir(), `${prefix}${run}`);
  const lock = `${template}.lock`;
  let mine = false;
  try {
    mkdirSync(lock);
    mine = true;
  } catch {
    // another worker of this run is making it (or has made it)
  }
  if (mine) {
    for (const name of readdirSync(os.tmpdir())) {
      const pid = Number(name.slice(prefix.length).split('.')[0]);
      if (name.startsWith(prefix) && pid !== Number(run) && !processAlive(pid)) {
        rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
      }
    }
    const building = `${template}.building`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building);
    // Seeding the province from nothing takes ~20 s on a quiet machine, over a minute beside a loaded one.
    const platform = await launchPlatform(building, {}, { keepDataDir: true, readyWithinMs: 150_000 });
    await platform.stop();
    renameSync(building, template);
    return template;
  }
  const deadline = Date.now() + 180_000;
  while (!existsSync(template)) {
    if (Date.now() > deadline) throw new Error(`no seeded template at ${template} after 180 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return template;
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function launchPlatform(
  dataDir: string,
  env: Record<string, string>,
  { keepDataDir = false, readyWithinMs = 60_000 }: { keepDataDir?: boolean; readyWithinMs?: number } = {},
): Promise<RunningPlatform> {
  const port = await freePort();
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
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      // not left running: a live child keeps vitest from exiting
      child.kill('SIGKILL');
      if (!keepDataDir) rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`server did not become ready in ${readyWithinMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        // The server gives itself 10 s to stop. One that has not exited 15 s after SIGTERM has its event loop
        // blocked (its own exit timer cannot fire): kill it, and say so, rather than hang the run's teardown and
        // keep vitest from exiting (seen once in CI, after a page of that platform stopped loading).
        const killed = await Promise.race([
          exited.then(() => false),
          new Promise<boolean>((r) => setTimeout(() => r(true), 15_000).unref()),
        ]);
        if (killed) {
          console.error(`the platform at ${baseUrl} did not stop within 15 s of SIGTERM: killed (event loop blocked?)`);
          child.kill('SIGKILL');
          await exited;
        }
      }
      if (!keepDataDir) rmSync(dataDir, { recursive: true, force: true });
      if (process.env.REDIS_URL) await deleteRedisKeys(process.env.REDIS_URL, redisPrefix);
    },
  };
}

/**
 * Whether the platform answers at all, for a failure message: a page that did not load because the server stopped
 * answering (its event loop blocked) reads differently from one the browser failed to render. Seen twice in CI: a
 * page's load or a console request waited 30–45 s for nothing.
 */
export async function platformAnswers(baseUrl: string): Promise<string> {
  const started = performance.now();
  try {
    const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
    return `the platform's /healthz answered ${res.status} in ${Math.round(performance.now() - started)} ms`;
  } catch {
    return "the platform's /healthz did not answer within 5 s";
  }
}

/**
 * Pay the order the page shows (/pay/:id) with the sandbox card at the sandbox cashier, and wait for the result page
 * (its outcome is the caller's to check). 123456 pays; payments.e2e walks the cashier's other answers.
 */
export async function payAtSandboxCashier(page: Page): Promise<void> {
  const payUrl = page.url();
  await page.getByTestId('pay-channel-sandbox-card').click();
  await page.getByTestId('pay-submit').click();
  await page.waitForURL(/\/sandbox-pay\/checkout\//);
  await page.fill('#password', '123456');
  await page.click('button[type="submit"]');
  await page.waitForURL(`${payUrl}/result`);
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
  const browser = await chromium.launch({
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
  // Every context asks for reduced motion (the console then turns antd's motion off, the citizen app antd-mobile's).
  // A dialog zooms in from where the opening click was; Playwright measures a button, then clicks where it was, and on
  // a loaded machine the zoom could start between the two: the click landed beside 确认受理 and nothing was sent
  // (the console stalls of 2026-11, found by the report of what the console showed: dialog open, confirm enabled, no
  // request). A person sees the dialog settle before clicking.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ reducedMotion: 'reduce', ...options });
  // a failed test reports what the browser was still waiting for (e2e/setup.ts)
  return trackNetworkOf(browser);
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

/** A person's own phone: a phone-sized page in a context of its own, logged in, verified, in `city`. */
export async function verifiedPhone(
  journey: { browser: Browser; platform: RunningPlatform },
  person: DemoCitizen,
  city: string,
): Promise<Page> {
  const page = await (await phoneContext(journey.browser)).newPage();
  await loginVerifiedCitizen(page, journey.platform.baseUrl, person, { city });
  return page;
}

/**
 * A service's own page (/services/:id, once its heading `name` shows), then its action (在线办理, 在线预约 …), as a
 * person reaches a service from search or the catalog.
 */
export async function fromServicePage(
  page: Page,
  baseUrl: string,
  serviceId: string,
  name: string,
  action: string,
): Promise<void> {
  await page.goto(`${baseUrl}/services/${serviceId}`);
  await page.getByRole('heading', { name }).waitFor();
  await page.getByRole('button', { name: action }).click();
}

/** An input by its test id, whether the id is on the input itself or on its wrapper (antd-mobile's Input). */
export const inputByTestId = (page: Page, testId: string): Locator =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** What most journeys start from: the platform, a browser and one phone-sized page in its own context. */
export interface Journey {
  platform: RunningPlatform;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/**
 * startPlatform, launchBrowser and a phone page, for a beforeAll. If the browser does not start, the platform
 * is stopped again: the afterAll of a half-done beforeAll would not know of it.
 */
/**
 * A platform and a Chromium, started side by side (each is a process of its own: a few seconds less of every
 * file's start); whichever started is stopped again if the other failed.
 */
export async function startPlatformAndBrowser(
  env: Record<string, string> = {},
): Promise<{ platform: RunningPlatform; browser: Browser }> {
  const [started, launched] = await Promise.allSettled([startPlatform(env), launchBrowser()]);
  if (started.status === 'fulfilled' && launched.status === 'fulfilled') {
    return { platform: started.value, browser: launched.value };
  }
  if (launched.status === 'fulfilled') await launched.value.close();
  if (started.status === 'fulfilled') await started.value.stop();
  throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
}

export async function startJourney(env: Record<string, string> = {}): Promise<Journey> {
  const { platform, browser } = await startPlatformAndBrowser(env);
  try {
    const context = await phoneContext(browser);
    return { platform, browser, context, page: await context.newPage() };
  } catch (e) {
    await browser.close();
    await platform.stop();
    throw e;
  }
}

/** The afterAll of startJourney: the browser, then the platform (either, or both, missing if beforeAll failed). */
export async function endJourney(journey?: { browser?: Browser; platform?: RunningPlatform }): Promise<void> {
  await journey?.browser?.close();
  await journey?.platform?.stop();
}

const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/**
 * A journey's screenshots: with E2E_SCREENSHOTS=<dir>, `shot(page, name)` writes <dir>/<journey>-<name>.png (the
 * whole page); without it, nothing. Looking at them is how a journey is reviewed as its users see it.
 */
export function journeyScreenshots(journey: string): (page: Page, name: string) => Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  return async (page, name) => {
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${journey}-${name}.png`), fullPage: true });
  };
}

/** axe finds nothing serious or critical, once any toast has gone (a fading toast reads as low contrast). */
export async function expectNoSeriousViolations(page: Page): Promise<void> {
  await page.locator('.adm-toast-mask').waitFor({ state: 'detached' });
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/**
 * After an action that shows an antd-mobile toast (预约已取消, 退票成功): wait for it to appear, then to fade out.
 * Waiting only for "detached" raced the toast on a loaded machine (the page changed before the toast was added,
 * so axe then read the toast's half-transparent text as too little contrast).
 */
export async function toastShownAndGone(page: Page): Promise<void> {
  const toast = page.locator('.adm-toast-mask');
  await toast.waitFor({ state: 'attached', timeout: 5_000 }).catch(() => {
    // already gone on a fast machine: nothing to wait for
  });
  await toast.waitFor({ state: 'detached', timeout: 10_000 });
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
  // Read the outbox only once the platform has answered the send: under a loaded CI machine the send can take
  // longer than any fixed pause (a 300 ms one failed there with an empty outbox).
  const [sent] = await Promise.all([
    page.waitForResponse((res) => res.url().endsWith('/api/v1/auth/sms/send') && res.request().method() === 'POST', {
      timeout: 60_000,
    }),
    page.getByTestId('sms-send').click(),
  ]);
  expect(sent.status(), `SMS send for ${phone}: ${await sent.text()}`).toBe(202);
  await input('sms-code-input').fill(await latestSmsCode(baseUrl, phone));
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** One request of the citizen API, answered as status and body text; who sends it (the page, or this process
 * with a session cookie) is the caller's business. */
type CitizenCall = (
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: object,
) => Promise<{ status: number; text: string }>;

/**
 * After an SMS login: real name bound and PIN set unless the account has them already (the same person logged
 * in again, e.g. on a second device — a second PIN would need a step-up), then the PIN verified, which gives
 * the fresh verification that personal data needs. The one copy of these steps for pages and node-side callers.
 */
async function verifyLoggedInCitizen(call: CitizenCall, person: DemoCitizen, pin: string) {
  const expectStatus = (res: { status: number; text: string }, status: number, what: string) =>
    expect(res.status, `${what}: ${res.text}`).toBe(status);
  const me = await call('GET', '/api/v1/me');
  expectStatus(me, 200, 'GET /api/v1/me');
  const profile = JSON.parse(me.text) as { realName: unknown; hasPin: boolean };
  if (!profile.realName) {
    expectStatus(
      await call('POST', '/api/v1/me/real-name', { name: person.name, idNumber: person.idNumber }),
      200,
      'real-name binding',
    );
  }
  if (!profile.hasPin) expectStatus(await call('PUT', '/api/v1/me/pin', { pin }), 204, 'setting the PIN');
  expectStatus(await call('POST', '/api/v1/me/verify/pin', { pin }), 200, 'PIN verification');
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
  // In the page: its session cookie goes with the request, as the app's own calls.
  const inPage: CitizenCall = (method, url, body) =>
    page.evaluate(
      async ({ method, url, body }) => {
        const res = await fetch(url, {
          method,
          ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, text: await res.text() };
      },
      { method, url, body },
    );
  await verifyLoggedInCitizen(inPage, person, options.pin ?? DEMO_PIN);
}

/** A citizen's session held by this process (tests and scripts that act as a phone without a page). */
export interface CitizenSession {
  person: DemoCitizen;
  /** The Cookie header value of the session. */
  cookie: string;
  call: CitizenCall;
}

/**
 * The node-side sibling of loginVerifiedCitizen: `person` logged in through the SMS login API with the code
 * from the sandbox outbox, real name bound, PIN set and verified. Logging the same person in again (a browser
 * page later, or another session) within the platform's SMS resend interval fails: start the platform with
 * SMS_RESEND_SECONDS '1' where a test does that (one retry after 1.1 s is made here).
 */
export async function verifiedCitizenSession(
  baseUrl: string,
  person: DemoCitizen,
  options: { pin?: string } = {},
): Promise<CitizenSession> {
  const { call, cookie } = cookieJarCaller(baseUrl);
  const send = () => call('POST', '/api/v1/auth/sms/send', { phone: person.phone, purpose: 'login' });
  let sent = await send();
  if (sent.status === 429) {
    await new Promise((r) => setTimeout(r, 1100));
    sent = await send();
  }
  expect(sent.status, `SMS send: ${sent.text}`).toBe(202);
  const code = await latestSmsCode(baseUrl, person.phone);
  const login = await call('POST', '/api/v1/auth/sms/login', { phone: person.phone, code });
  expect(login.status, `SMS login: ${login.text}`).toBe(200);
  await verifyLoggedInCitizen(call, person, options.pin ?? DEMO_PIN);
  return { person, cookie: cookie(), call };
}

/**
 * JSON requests from this process that keep the cookies the platform sets, as a browser would: a citizen's
 * or a staff member's session held without a page. `cookie()` is the Cookie header value they add up to.
 */
function cookieJarCaller(baseUrl: string): { call: CitizenCall; cookie: () => string } {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const call: CitizenCall = async (method, url, body) => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(jar.size ? { cookie: cookie() } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0] ?? '';
      jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    return { status: res.status, text: await res.text() };
  };
  return { call, cookie };
}

/** The demo staff accounts' password (README, demo accounts). */
export const DEMO_STAFF_PASSWORD = 'yss-demo-2026';

/** The current TOTP code of a demo staff account (the demo-only endpoint stands in for the authenticator app). */
export async function staffTotp(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/dev/staff-totp/${username}`);
  expect(res.status, `TOTP code of ${username}`).toBe(200);
  return ((await res.json()) as { code: string }).code;
}

/** A demo staff member logged in through the console API (password, then TOTP), held by this process. */
export async function staffApiSession(baseUrl: string, username: string): Promise<CitizenCall> {
  const { call } = cookieJarCaller(baseUrl);
  const login = await call('POST', '/api/v1/staff/auth/login', { username, password: DEMO_STAFF_PASSWORD });
  expect(login.status, `staff login: ${login.text}`).toBe(200);
  const code = await staffTotp(baseUrl, username);
  let totp = await call('POST', '/api/v1/staff/auth/totp', { code });
  // each code is accepted once: the same account's last login may have used this one (wait for the next, as a
  // person would)
  if (totp.status === 401 && totp.text.includes('已使用过')) {
    totp = await call('POST', '/api/v1/staff/auth/totp', { code: await nextStaffTotp(baseUrl, username, code) });
  }
  expect(totp.status, `staff TOTP: ${totp.text}`).toBe(200);
  return call;
}

/** The account's next TOTP code: waits (up to one 30 s step and a little) until it differs from `used`. */
async function nextStaffTotp(baseUrl: string, username: string, used: string): Promise<string> {
  const deadline = Date.now() + 35_000;
  for (;;) {
    const code = await staffTotp(baseUrl, username);
    if (code !== used) return code;
    if (Date.now() > deadline) throw new Error(`no new TOTP code for ${username} within 35 s`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** A demo staff member logs in on the console's page (password, then TOTP); resolves on the console's home. */
export async function consoleLogin(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/console/`);
  await page.waitForURL('**/console/login');
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(DEMO_STAFF_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('totp-code').waitFor();
  const code = await staffTotp(baseUrl, username);
  await page.getByTestId('totp-code').fill(code);
  await page.getByTestId('totp-submit').click();
  const home = (url: URL) => url.pathname.replace(/\/$/, '') === '/console';
  // Each code is accepted once: when the same account logged in moments ago (two journeys' reviewers within one
  // 30 s step), the console says so and the reviewer waits for the next code, as a person would.
  const used = page.getByText('该动态验证码已使用过');
  const outcome = await Promise.race([
    page.waitForURL(home).then(() => 'in' as const),
    used.waitFor().then(() => 'used' as const),
  ]);
  if (outcome === 'used') {
    await page.getByTestId('totp-code').fill(await nextStaffTotp(baseUrl, username, code));
    await page.getByTestId('totp-submit').click();
    await page.waitForURL(home);
  }
}

/**
 * jsqr is CommonJS whose types declare `export default`: under NodeNext the default import is typed as the
 * module object ({ default }), while at run time it is the function itself — which carries .default too.
 */
const jsQR = jsQRModule.default;

/** The text of the QR code in RGBA pixels (row by row, 4 bytes a pixel), or null when none is found. */
export function decodeQr(rgba: ArrayLike<number>, width: number, height: number): string | null {
  return jsQR(Uint8ClampedArray.from(rgba), width, height)?.data ?? null;
}

/**
 * The QR code `element` shows, read off the screen: screenshotted (at its CSS size, as a photo of the phone
 * shows it, or at the device's pixel ratio) and decoded from the screenshot's pixels. Throws when unreadable.
 */
export async function readQrOnScreen(
  element: Locator,
  options: { scale?: 'css' | 'device' } = {},
): Promise<{ text: string; width: number }> {
  const png = await element.screenshot({ scale: options.scale ?? 'css' });
  // The PNG is decoded by the page's own image decoder: no image library in the test process.
  const { width, height, data } = await element.page().evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(img, 0, 0);
    return {
      width: img.width,
      height: img.height,
      data: Array.from(ctx.getImageData(0, 0, img.width, img.height).data),
    };
  }, png.toString('base64'));
  const text = decodeQr(data, width, height);
  if (text === null) throw new Error('QR not readable');
  return { text, width };
}

/** What POST /api/v1/me/certificates answers (授权关联): the link and the batch issued to the holder keys. */
export interface LinkedCertificate {
  link: { id: string; certificateId: string; status: string };
  batch: {
    certificateId: string;
    issuedAt: string;
    expiresAt: string;
    credentials: { sdJwt: string; compact: string }[];
  };
}

/**
 * 授权关联 as the phone does it (apps/citizen/src/lib/wallet/holder.ts): the session links `type` and gets a
 * batch bound to the public keys it sends, one credential per key in their order. Linking a type again (a new
 * phone) revokes the previous batch. `city` is the chosen city (default 广州).
 */
export async function linkCertificate(
  session: CitizenSession,
  type: string,
  publicJwks: object[],
  options: { city?: string } = {},
): Promise<LinkedCertificate> {
  const res = await session.call('POST', '/api/v1/me/certificates', {
    type,
    city: options.city ?? '440100',
    holderKeys: publicJwks,
  });
  expect([200, 201], `linking ${type}: ${res.text}`).toContain(res.status);
  return JSON.parse(res.text) as LinkedCertificate;
}

/** The demo people the journeys log in as (README, demo accounts; their records live in the sandboxes). */
export const ZHANG_WEI: DemoCitizen = { name: '张伟', idNumber: '44010619880512031X', phone: '13800138000' };
export const LI_NA: DemoCitizen = { name: '李娜', idNumber: '440304199208200461', phone: '13800138001' };
export const CHEN_ZHIQIANG: DemoCitizen = { name: '陈志强', idNumber: '440604197911030174', phone: '13800138002' };
export const LIU_FANG: DemoCitizen = { name: '刘芳', idNumber: '440105199001250424', phone: '13800138006' };
export const LIU_YANG: DemoCitizen = { name: '刘洋', idNumber: '430104199503210539', phone: '13800138004' };
