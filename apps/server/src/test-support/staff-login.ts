import { expect } from 'vitest';
import type { citizenClient } from './citizen-client.js';

/** The staff session cookie (console and verifier page), apart from the citizens'. */
export const STAFF_COOKIE = '__Host-yss_staff';

/** The demo staff accounts' password (modules/staff: DEMO_STAFF). */
export const DEMO_STAFF_PASSWORD = 'yss-demo-2026';

/**
 * A demo staff member logged in through the API: password, then the TOTP code the demo-only endpoint gives
 * (it stands in for the authenticator app). Resolves to the Cookie header value of the staff session.
 */
export async function staffLogin(call: ReturnType<typeof citizenClient>['call'], username: string): Promise<string> {
  const pending = await call('POST', '/api/v1/staff/auth/login', { username, password: DEMO_STAFF_PASSWORD });
  expect(pending.statusCode, pending.body).toBe(200);
  const pendingCookie = pending.cookies.find((x) => x.name === STAFF_COOKIE)?.value ?? '';
  const code = (await call('GET', `/api/v1/dev/staff-totp/${username}`)).json().code as string;
  const done = await call('POST', '/api/v1/staff/auth/totp', { code }, undefined, {
    cookie: `${STAFF_COOKIE}=${pendingCookie}`,
  });
  expect(done.statusCode, done.body).toBe(200);
  return `${STAFF_COOKIE}=${done.cookies.find((x) => x.name === STAFF_COOKIE)?.value}`;
}
