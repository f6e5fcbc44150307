import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { SoftAuthenticator } from '../../test-support/soft-authenticator.js';
import { createTestApp, SESSION_ENGINES, type TestApp } from '../../test-support/test-app.js';

const COOKIE = '__Host-yss_session';

describe.each(SESSION_ENGINES)('passkeys (WebAuthn) on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true' });
  });
  afterAll(() => t?.close());

  let ip = 0;
  const post = (url: string, body?: object, cookie?: string) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: {
        'x-forwarded-for': `10.3.0.${++ip}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(cookie ? { cookie: `${COOKIE}=${cookie}` } : {}),
      },
      payload: body ? JSON.stringify(body) : undefined,
    });
  const cookieOf = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === COOKIE)?.value ?? '';

  async function registeredCitizen() {
    const p = DEMO_PEOPLE.find((d) => d.name === '刘芳');
    if (!p?.phone) throw new Error('demo person missing');
    await post('/api/v1/auth/sms/send', { phone: p.phone });
    const outbox = (await t.app.inject(`/api/v1/dev/sms-outbox?phone=${p.phone}`)).json();
    const code = /验证码为(\d{6})/.exec(outbox[0].text)?.[1];
    const cookie = cookieOf(await post('/api/v1/auth/sms/login', { phone: p.phone, code }));
    expect((await post('/api/v1/me/real-name', { name: p.name, idNumber: p.idNumber }, cookie)).statusCode).toBe(200);
    const authenticator = new SoftAuthenticator();
    const options = (await post('/api/v1/me/passkeys/options', undefined, cookie)).json();
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    const created = await post(
      '/api/v1/me/passkeys',
      { response: authenticator.register(options), nickname: '测试手机' },
      cookie,
    );
    expect(created.statusCode, created.body).toBe(201);
    return { cookie, authenticator };
  }

  it('registers a passkey, logs in with it, and refuses replays, stale counters, missing UV and foreign origins', async () => {
    const { cookie, authenticator } = await registeredCitizen();
    const me = (await t.app.inject({ url: '/api/v1/me', headers: { cookie: `${COOKIE}=${cookie}` } })).json();
    expect(me).toMatchObject({ passkeyCount: 1, defaultLoginMethod: 'passkey' });

    const options = (await post('/api/v1/auth/passkey/options')).json();
    const assertion = authenticator.assert(options);
    const login = await post('/api/v1/auth/passkey/login', { response: assertion });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json()).toMatchObject({ method: 'passkey' });
    expect(login.json().account.verifiedUntil).toBeTruthy(); // UV counts as a verification

    // the same assertion again: its challenge was used up
    const replay = await post('/api/v1/auth/passkey/login', { response: assertion });
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ code: 'PASSKEY_FAILED' });

    // a fresh challenge signed with a counter that did not move on (a cloned authenticator)
    authenticator.counter -= 1;
    const cloned = await post('/api/v1/auth/passkey/login', {
      response: authenticator.assert((await post('/api/v1/auth/passkey/options')).json()),
    });
    expect(cloned.json()).toMatchObject({ code: 'PASSKEY_FAILED' });

    // a bare touch without the face/fingerprint check
    const noUv = await post('/api/v1/auth/passkey/login', {
      response: authenticator.assert((await post('/api/v1/auth/passkey/options')).json(), { userVerified: false }),
    });
    expect(noUv.json()).toMatchObject({ code: 'PASSKEY_FAILED' });

    // signed for another site
    const phishing = await post('/api/v1/auth/passkey/login', {
      response: authenticator.assert((await post('/api/v1/auth/passkey/options')).json(), {
        origin: 'https://evil.example',
      }),
    });
    expect(phishing.json()).toMatchObject({ code: 'PASSKEY_FAILED' });

    // a different key claiming the same credential id
    const impostor = new SoftAuthenticator();
    Object.assign(impostor, { credentialId: authenticator.credentialId, counter: 100 });
    const forged = await post('/api/v1/auth/passkey/login', {
      response: impostor.assert((await post('/api/v1/auth/passkey/options')).json()),
    });
    expect(forged.json()).toMatchObject({ code: 'PASSKEY_FAILED' });

    // and the genuine authenticator still works
    authenticator.counter += 10;
    const again = await post('/api/v1/auth/passkey/login', {
      response: authenticator.assert((await post('/api/v1/auth/passkey/options')).json()),
    });
    expect(again.statusCode).toBe(200);
  });
});
