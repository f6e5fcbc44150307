import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from './test-app.js';

export const SESSION_COOKIE = '__Host-yss_session';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A citizen's side of the API for tests: requests come from rotating client addresses (the app trusts
 * X-Forwarded-For in tests) so per-IP rate limits do not leak between tests; SMS codes are read from the
 * sandbox outbox as a developer would.
 */
export function citizenClient(t: () => TestApp) {
  let ip = 0;
  const call = (method: Method, url: string, body?: object, cookie?: string, headers: Record<string, string> = {}) =>
    t().app.inject({
      method,
      url,
      headers: {
        'x-forwarded-for': `10.2.${Math.floor(++ip / 250)}.${ip % 250}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}),
        ...headers,
      },
      payload: body ? JSON.stringify(body) : undefined,
    });
  const cookieOf = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;

  /** The newest SMS text sent to a phone (sandbox outbox). */
  async function latestSms(phone: string): Promise<string> {
    const res = await call('GET', `/api/v1/dev/sms-outbox?phone=${phone}`);
    return (res.json()[0]?.text as string | undefined) ?? '';
  }

  async function latestCode(phone: string): Promise<string> {
    const code = /验证码为(\d{6})/.exec(await latestSms(phone))?.[1];
    if (!code) throw new Error(`no code in outbox for ${phone}`);
    return code;
  }

  async function smsLogin(phone: string): Promise<string> {
    let sent = await call('POST', '/api/v1/auth/sms/send', { phone, purpose: 'login' });
    if (sent.statusCode === 429) {
      // the resend interval (SMS_RESEND_SECONDS, 1 s in these suites) since another code to this phone
      await new Promise((r) => setTimeout(r, 1100));
      sent = await call('POST', '/api/v1/auth/sms/send', { phone, purpose: 'login' });
    }
    expect(sent.statusCode, sent.body).toBe(202);
    const res = await call('POST', '/api/v1/auth/sms/login', { phone, code: await latestCode(phone) });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = cookieOf(res);
    if (!cookie) throw new Error('no session cookie');
    return cookie;
  }

  /**
   * A real-name account with a PIN and a fresh verification: what most tests start from. Logging the same
   * person in again (a later test) reuses their account, real name and PIN.
   */
  async function verifiedAccount(person: { name: string; idNumber: string; phone: string | null }, pin = '385172') {
    if (!person.phone) throw new Error(`${person.name} has no phone`);
    const cookie = await smsLogin(person.phone);
    const before = (await call('GET', '/api/v1/me', undefined, cookie)).json();
    if (!before.realName) {
      const bound = await call(
        'POST',
        '/api/v1/me/real-name',
        { name: person.name, idNumber: person.idNumber },
        cookie,
      );
      expect(bound.statusCode, bound.body).toBe(200);
    }
    if (!before.hasPin) {
      const set = await call('PUT', '/api/v1/me/pin', { pin }, cookie);
      expect(set.statusCode, set.body).toBe(204);
    }
    const verified = await call('POST', '/api/v1/me/verify/pin', { pin }, cookie);
    expect(verified.statusCode, verified.body).toBe(200);
    const id = (await call('GET', '/api/v1/me', undefined, cookie)).json().id as string;
    return { person, cookie, pin, id };
  }

  /**
   * The principal consents to a delegation on the agent's phone, by the SMS code sent to the principal's registered
   * phone. A code to that phone within SMS_RESEND_SECONDS (1 s in these suites) of another is refused as too soon:
   * wait that second out once.
   */
  async function consentBySms(delegationId: string, agentCookie: string, principalPhone: string): Promise<void> {
    const send = () => call('POST', `/api/v1/delegations/${delegationId}/consent/sms`, undefined, agentCookie);
    let sent = await send();
    if (sent.statusCode === 429) {
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      sent = await send();
    }
    if (sent.statusCode !== 202) throw new Error(`consent SMS: ${sent.statusCode} ${sent.body}`);
    const consented = await call(
      'POST',
      `/api/v1/delegations/${delegationId}/consent`,
      { method: 'sms', code: await latestCode(principalPhone) },
      agentCookie,
    );
    if (consented.statusCode !== 200) throw new Error(`consent: ${consented.statusCode} ${consented.body}`);
  }

  return { call, cookieOf, consentBySms, latestSms, latestCode, smsLogin, verifiedAccount };
}
