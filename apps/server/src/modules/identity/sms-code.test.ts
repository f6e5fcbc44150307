import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';

describe.each(ENGINES)('SMS codes on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  });
  afterAll(() => t?.close());

  it('a code expires ten minutes after it was sent, even if never tried', async () => {
    const phone = '13700001001';
    const sent = await c.call('POST', '/api/v1/auth/sms/send', { phone, purpose: 'login' });
    expect(sent.json().expiresInSeconds).toBe(600);
    const code = await c.latestCode(phone);
    const { rows } = await sql<{ minutes: number }>`
      select extract(epoch from expires_at - created_at) / 60 as minutes from identity_sms_codes`.execute(
      t.database.db,
    );
    expect(Number(rows[0]?.minutes)).toBeCloseTo(10, 1);
    // the ten minutes pass: the code is still unused, but too old
    await sql`update identity_sms_codes set expires_at = now() - interval '1 second'`.execute(t.database.db);
    const late = await c.call('POST', '/api/v1/auth/sms/login', { phone, code });
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({ code: 'SMS_CODE_EXPIRED', detail: '验证码已失效，请重新获取验证码。' });
    expect(c.cookieOf(late)).toBeUndefined();
    // a new code works
    await new Promise((r) => setTimeout(r, 1100));
    await c.call('POST', '/api/v1/auth/sms/send', { phone, purpose: 'login' });
    const fresh = await c.call('POST', '/api/v1/auth/sms/login', { phone, code: await c.latestCode(phone) });
    expect(fresh.statusCode, fresh.body).toBe(200);
  });

  it('a login code does not confirm a delegation, and a consent code does not log in', async () => {
    const phone = '13700001002';
    await c.call('POST', '/api/v1/auth/sms/send', { phone, purpose: 'login' });
    const loginCode = await c.latestCode(phone);
    await sql`update identity_sms_codes set purpose = 'consent'`.execute(t.database.db);
    const res = await c.call('POST', '/api/v1/auth/sms/login', { phone, code: loginCode });
    expect(res.json().code).toBe('SMS_CODE_EXPIRED');
  });
});
