import type { FastifyReply } from 'fastify';

/** Where a session cookie lives: its name and whether it needs HTTPS (citizen and staff sessions have their own). */
export interface SessionCookieSettings {
  cookieName: string;
  cookieSecure: boolean;
}

/**
 * The one shape of a session cookie, for citizens and staff alike: the whole site, never readable by scripts,
 * never sent cross-site (SameSite=Strict; csrf.ts checks Origin on top), gone when the session would expire.
 * Setting and clearing must use the same attributes, or the browser keeps the old cookie.
 */
const attributes = (settings: SessionCookieSettings) =>
  ({ path: '/', httpOnly: true, secure: settings.cookieSecure, sameSite: 'strict' }) as const;

export function setSessionCookie(reply: FastifyReply, settings: SessionCookieSettings, token: string, expires: Date) {
  return reply.setCookie(settings.cookieName, token, { ...attributes(settings), expires });
}

export function clearSessionCookie(reply: FastifyReply, settings: SessionCookieSettings) {
  return reply.clearCookie(settings.cookieName, attributes(settings));
}
