import { CREDENTIAL_TYPES } from '@yss/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { type HolderKey, holderKeys, presentQr } from './holder.js';

/**
 * 注册志愿者证 through the account's routes, as the phone does it: find it in the "+" list (and by pinyin),
 * 授权关联 as 李娜, read the details from the stored credential, show it to an employer and verify it with
 * POST /api/v1/verify; 陈志强 (never registered) and 刘洋 (注销) are refused in the guide's style.
 */

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const LINKS = '/api/v1/me/certificates';
const SZ = '440300';

/** The claims a credential of the batch holds (its SD-JWT disclosures: what the detail page shows). */
const claimsOf = (sdJwt: string) =>
  Object.fromEntries(
    sdJwt
      .split('~')
      .slice(1, -1)
      .map((p) => {
        const [, claim, value] = JSON.parse(Buffer.from(p, 'base64url').toString());
        return [claim, value];
      }),
  );

describe.each(ENGINES)('注册志愿者证 on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  });
  afterAll(() => t?.close());

  it('is in the "+" list in every city, issued by 广东省志愿者联合会, for employers; found by 志愿 and zyz', async () => {
    for (const city of ['440100', SZ, '441900']) {
      const res = await c.call('GET', `/api/v1/wallet/types?city=${city}`);
      expect(res.json().types.find((x: { type: string }) => x.type === 'volunteer-card')).toMatchObject({
        name: '注册志愿者证',
        issuer: { id: 'gd-volunteers', name: '广东省志愿者联合会' },
        serviceId: 'zz-zhuce-zhiyuanzhe-zheng',
        available: true,
        purposes: ['employer'],
        keywords: expect.arrayContaining(['志愿者']),
      });
    }
    for (const q of ['志愿', 'zyz', 'zhiyuanzhe']) {
      const hits = (await c.call('GET', `/api/v1/catalog/search?q=${encodeURIComponent(q)}&city=${SZ}`)).json();
      const ids = (Array.isArray(hits) ? hits : hits.results).map((h: { service: { id: string } }) => h.service.id);
      expect(ids, q).toContain('zz-zhuce-zhiyuanzhe-zheng');
    }
  });

  it('李娜 links hers; the details hold her registration; shown to an employer it verifies with exactly the employer profile', async () => {
    const lina = await c.verifiedAccount(demo('李娜'));
    const keys = holderKeys(2);
    const res = await c.call(
      'POST',
      LINKS,
      { type: 'volunteer-card', holderKeys: keys.map((k) => k.publicJwk), city: SZ },
      lina.cookie,
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.link).toMatchObject({
      type: 'volunteer-card',
      typeName: '注册志愿者证',
      status: 'valid',
      summary: { holderNameMasked: '李*', numberLabel: '志愿者编号' },
    });
    // The server keeps the number masked only; the full number is on the phone.
    expect(body.link.summary.numberMasked).not.toBe('4403201503050417');
    expect(JSON.stringify(body.link)).not.toContain('4403201503050417');
    expect(claimsOf(body.batch.credentials[0].sdJwt)).toMatchObject({
      name: '李娜',
      volunteerNumber: '4403201503050417',
      starLevel: '2',
      serviceHours: '356.5',
      registeredOn: '2015-03-05',
      organisation: '深圳市义工联合会',
      city: '深圳',
    });
    // 显示 the full number: a fresh verification, audited.
    expect((await c.call('POST', `${LINKS}/${body.link.id}/reveal`, undefined, lina.cookie)).statusCode).toBe(204);

    const payload = presentQr({
      compact: body.batch.credentials[1].compact,
      key: keys[1] as HolderKey,
      type: 'volunteer-card',
      purpose: 'employer',
    });
    const v = (await c.call('POST', '/api/v1/verify', { payload, purpose: 'employer', city: '440100' })).json();
    expect(v).toMatchObject({
      verdict: 'valid',
      issuer: { id: 'gd-volunteers', name: '广东省志愿者联合会' },
      credentialType: { id: 'volunteer-card', name: '注册志愿者证' },
      purpose: { id: 'employer' },
    });
    expect(v.disclosed.map((d: { claim: string }) => d.claim)).toEqual(
      CREDENTIAL_TYPES['volunteer-card'].profiles.employer,
    );
    expect(
      Object.fromEntries(v.disclosed.map((d: { label: string; display: string }) => [d.label, d.display])),
    ).toEqual({
      姓名: '李娜',
      志愿者编号: '4403201503050417',
      星级: '二星级志愿者',
      '累计志愿服务时长（小时）': '356.5',
      时长统计截至: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    // Not for a hotel: the type has no hotel profile.
    expect(() =>
      presentQr({
        compact: body.batch.credentials[0].compact,
        key: keys[0] as HolderKey,
        type: 'volunteer-card',
        purpose: 'hotel',
      }),
    ).toThrow(expect.objectContaining({ code: 'WALLET_PURPOSE_NOT_SUPPORTED' }));
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, lina.cookie)).json() as { action: string }[];
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['wallet.link', 'wallet.reveal']));
  });

  it('陈志强 has no registration: WALLET_NO_RECORD; 刘洋’s was cancelled: WALLET_DOCUMENT_INVALID; nothing linked', async () => {
    const chen = await c.verifiedAccount(demo('陈志强'));
    const none = await c.call(
      'POST',
      LINKS,
      { type: 'volunteer-card', holderKeys: [holderKeys(1)[0]?.publicJwk], city: '440600' },
      chen.cookie,
    );
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({
      code: 'WALLET_NO_RECORD',
      detail: '未查询到您的注册志愿者信息，请先在“i志愿”系统注册成为志愿者后再关联注册志愿者证。',
    });
    const liu = await c.verifiedAccount(demo('刘洋'));
    const cancelled = await c.call(
      'POST',
      LINKS,
      { type: 'volunteer-card', holderKeys: [holderKeys(1)[0]?.publicJwk], city: '440100' },
      liu.cookie,
    );
    expect(cancelled.statusCode).toBe(409);
    expect(cancelled.json()).toMatchObject({ code: 'WALLET_DOCUMENT_INVALID' });
    expect(cancelled.json().detail).toContain('注销');
    for (const who of [chen, liu]) {
      expect((await c.call('GET', LINKS, undefined, who.cookie)).json().links).toEqual([]);
    }
  });
});
