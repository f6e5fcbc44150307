import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { checkoutPage, closedPage, notFoundPage, paidPage, refusedPage, sitePath } from './cashier-page.js';
import { SANDBOX_CHECKOUT_PATH, type SandboxPayProvider } from './provider.js';

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

/**
 * A form posted from another site (the cashier's own form posts from this one). The app's Referrer-Policy
 * (no-referrer) makes browsers send `Origin: null` with a form post, so Sec-Fetch-Site decides where the browser sends
 * it, and an Origin naming another host is refused.
 */
function crossSite(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

/**
 * The sandbox provider's hosted cashier (收银台), served by this server under /sandbox-pay/ — mounted only when
 * PAYMENT_PROVIDER is the sandbox. It is the provider's page, not the platform's API: no session, not in the OpenAPI
 * document; the provider payment id in the URL is a random 128-bit value. GET shows the order and the password
 * field; POST (form-urlencoded) pays, then 303 to the merchant's result page, or shows 余额不足 to try again.
 */
export const sandboxCashierRoutes =
  ({ provider }: { provider: SandboxPayProvider }): FastifyPluginAsync =>
  async (app) => {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 2048 },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );

    app.get<{ Params: { id: string } }>(
      `${SANDBOX_CHECKOUT_PATH}/:id`,
      { schema: { hide: true } },
      async (req, reply) => {
        const view = await provider.view(req.params.id);
        switch (view.kind) {
          case 'not-found':
            return html(reply, 404, notFoundPage());
          case 'paid':
            return html(reply, 200, paidPage(view.returnUrl));
          case 'closed':
            return html(reply, 410, closedPage(view.expired, view.cancelUrl));
          case 'payable':
            return html(reply, 200, checkoutPage(view));
        }
      },
    );

    app.post<{ Params: { id: string } }>(
      `${SANDBOX_CHECKOUT_PATH}/:id`,
      { schema: { hide: true }, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
      async (req, reply) => {
        if (crossSite(req)) {
          req.log.warn(
            { origin: req.headers.origin, site: req.headers['sec-fetch-site'] },
            'cross-site cashier post refused',
          );
          return html(reply, 403, refusedPage());
        }
        const body = req.body as Record<string, unknown> | null | undefined;
        const password = typeof body?.password === 'string' ? body.password.trim() : '';
        if (!/^\d{6}$/.test(password)) {
          const view = await provider.view(req.params.id);
          if (view.kind === 'payable') return html(reply, 400, checkoutPage(view, 'format'));
          if (view.kind === 'not-found') return html(reply, 404, notFoundPage());
          if (view.kind === 'paid') return html(reply, 200, paidPage(view.returnUrl));
          return html(reply, 410, closedPage(view.expired, view.cancelUrl));
        }
        const result = await provider.pay(req.params.id, password);
        switch (result.kind) {
          case 'not-found':
            return html(reply, 404, notFoundPage());
          case 'closed':
            return html(reply, 410, closedPage(result.expired, result.cancelUrl));
          case 'declined':
            return html(reply, 200, checkoutPage(result.view, 'declined'));
          case 'paid':
            return reply.code(303).header('cache-control', 'no-store').redirect(sitePath(result.returnUrl), 303);
        }
      },
    );
  };
