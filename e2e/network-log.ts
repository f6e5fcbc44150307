import type { Browser, BrowserContext, Request } from 'playwright-core';

/**
 * What the browsers of this test worker asked of the platform, for a failed test's report: the requests still
 * unanswered (and for how long) and the last ones answered. A journey that waited 30–45 s for a change that never
 * showed failed in CI without saying whether the browser had sent the request, the server had not answered, or
 * the page had not drawn the answer; this says which.
 */
interface Sent {
  context: BrowserContext;
  method: string;
  url: string;
  started: number;
  ended?: number;
  outcome?: string;
}

const pending = new Map<Request, Sent>();
const answered: Sent[] = [];
const KEEP_ANSWERED = 15;

function track(context: BrowserContext) {
  context.on('request', (req) => {
    pending.set(req, { context, method: req.method(), url: shortUrl(req.url()), started: Date.now() });
  });
  const settle = (req: Request, outcome: string) => {
    const sent = pending.get(req);
    if (!sent) return;
    pending.delete(req);
    answered.push({ ...sent, ended: Date.now(), outcome });
    if (answered.length > KEEP_ANSWERED) answered.shift();
  };
  context.on('requestfinished', (req) => {
    void req.response().then(
      (res) => settle(req, String(res?.status() ?? 'no response')),
      () => settle(req, 'no response'),
    );
  });
  context.on('requestfailed', (req) => settle(req, `failed: ${req.failure()?.errorText ?? '?'}`));
  context.on('close', () => {
    for (const [req, sent] of [...pending]) if (sent.context === context) pending.delete(req);
  });
}

/** Track every context the browser makes from now on (Browser has no event for a new context). */
export function trackNetworkOf(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    track(context);
    return context;
  };
  return browser;
}

function shortUrl(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`.slice(0, 160);
}

/** The report: unanswered requests first (oldest first), then the last answered ones. */
export function networkReport(now = Date.now()): string {
  const lines: string[] = [];
  const open = [...pending.values()].filter((s) => !s.url.startsWith('/assets/') || now - s.started > 2_000);
  lines.push(open.length ? 'requests still unanswered:' : 'no request unanswered');
  for (const s of open) lines.push(`  ${s.method} ${s.url} — waiting ${now - s.started} ms`);
  lines.push('last answered:');
  for (const s of answered.slice(-KEEP_ANSWERED)) {
    lines.push(
      `  ${s.method} ${s.url} → ${s.outcome} in ${(s.ended ?? now) - s.started} ms, ${now - (s.ended ?? now)} ms ago`,
    );
  }
  return lines.join('\n');
}
