import type { Config } from '../../config.js';

/** The staff login rules in one place; session limits are the citizens' (same config). */
export interface StaffSettings {
  cookieName: string;
  cookieSecure: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** Between the password and the TOTP code. */
  pendingMs: number;
  maxFailures: number;
  lockMs: number;
  totpIssuer: string;
}

export function staffSettings(config: Config): StaffSettings {
  return {
    // Its own cookie: a citizen session never reaches a staff route, nor a staff session a citizen route.
    // __Host- cookies must be Secure, host-only and Path=/: no subdomain can set or read them.
    cookieName: config.cookieSecure ? '__Host-yss_staff' : 'yss_staff',
    cookieSecure: config.cookieSecure,
    sessionIdleMs: config.sessionIdleMs,
    sessionAbsoluteMs: config.sessionAbsoluteMs,
    pendingMs: 5 * 60_000,
    maxFailures: 5,
    lockMs: 10 * 60_000,
    totpIssuer: '粤省事工作台',
  };
}
