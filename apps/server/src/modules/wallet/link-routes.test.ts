import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../departments/population-register/generator.js';
import { citizenClient } from '../../test-support/citizen-client.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { type HolderKey, holderKeys, presentQr } from './holder.js';

const demo = (name: string) => {
  const p = DEMO_PEOPLE.find((x) => x.name === name);
  if (!p) throw new Error(`no demo person ${name}`);
  return p;
};
const LINKS = '/api/v1/me/certificates';
const GZ = '440100';

interface Batch {
  certificateId: string;
  credentials: { sdJwt: string; compact: string; holderKeyThumbprint: string }[];
}

describe.each(ENGINES)('我的证照: links of an account on %s', (engine) => {
  let t: TestApp;
  const c = citizenClient(() => t);
  beforeAll(async () => {
    t = await createTestApp(engine, { TRUST_PROXY: 'true', SMS_RESEND_SECONDS: '1' });
  });
  afterAll(() => t?.close());

  const pub = (keys: HolderKey[]) => keys.map((k) => k.publicJwk);
  const verify = async (
    batch: Batch,
    keys: HolderKey[],
    i: number,
    type: 'resident-id' | 'driving-licence',
    purpose: 'hotel' | 'police',
  ) => {
    const payload = presentQr({
      compact: (batch.credentials[i] as Batch['credentials'][number]).compact,
      key: keys[i] as HolderKey,
      type,
      purpose,
    });
    return (await c.call('POST', '/api/v1/verify', { payload, purpose })).json() as {
      verdict: string;
      disclosed: { claim: string; display: string }[];
    };
  };

  it('lists every certificate type with its issuer and the city rule (anonymous)', async () => {
    const res = await c.call('GET', `/api/v1/wallet/types?city=${GZ}`);
    expect(res.statusCode, res.body).toBe(200);
    const types = res.json().types as {
      type: string;
      name: string;
      issuer: { name: string };
      available: boolean;
      purposes: string[];
    }[];
    expect(types.find((x) => x.type === 'resident-id')).toMatchObject({
      name: '居民身份电子凭证',
      available: true,
      purposes: ['hotel', 'police', 'employer', 'coach-station'],
    });
    expect(types.find((x) => x.type === 'driving-licence')).toMatchObject({
      name: '驾驶证',
      purposes: ['police', 'employer'],
    });
    for (const x of types) expect(x.issuer.name.length).toBeGreaterThan(2);
    expect((await c.call('GET', '/api/v1/wallet/types?city=110000')).statusCode).toBe(400);
  });

  it('links 张伟’s e-ID: a batch for the phone’s keys, each credential verifies; the server keeps a masked summary only', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const keys = holderKeys(3);
    const res = await c.call('POST', LINKS, { type: 'resident-id', holderKeys: pub(keys), city: GZ }, zhang.cookie);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.link).toMatchObject({
      type: 'resident-id',
      typeName: '居民身份电子凭证',
      status: 'valid',
      summary: { holderNameMasked: '张*', numberLabel: '公民身份号码', numberMasked: '440***********031X' },
    });
    expect(body.batch.credentials).toHaveLength(3);
    expect(res.body).not.toContain(zhang.person.idNumber);
    for (const i of [0, 2]) {
      const v = await verify(body.batch, keys, i, 'resident-id', 'hotel');
      expect(v.verdict).toBe('valid');
      expect(v.disclosed.map((d) => d.claim).sort()).toEqual(['idNumberLast4', 'name', 'validFrom', 'validUntil']);
    }
    // Stored: the certificate id, type and masked summary — no claims, no full number.
    const rows = await t.database.db.selectFrom('wallet_links').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(zhang.person.idNumber);
    expect(JSON.stringify(rows)).not.toContain('张伟');
    const list = await c.call('GET', LINKS, undefined, zhang.cookie);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().links).toEqual([expect.objectContaining({ id: body.link.id, status: 'valid' })]);
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, zhang.cookie)).json() as {
      action: string;
      actionLabel: string;
      detail: string;
    }[];
    expect(log).toContainEqual(
      expect.objectContaining({ action: 'wallet.link', actionLabel: '关联电子证照', detail: '居民身份电子凭证' }),
    );
  });

  it('refresh gives a new batch and revokes the previous one; linking the type again (a new phone) does the same', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const keys1 = holderKeys(2);
    const first = await c.call(
      'POST',
      LINKS,
      { type: 'driving-licence', holderKeys: pub(keys1), city: GZ },
      zhang.cookie,
    );
    expect(first.statusCode, first.body).toBe(201);
    const link = first.json().link;
    expect(link.summary).toMatchObject({ numberLabel: '证号', numberMasked: '440***********031X' });

    const keys2 = holderKeys(2);
    const refreshed = await c.call(
      'POST',
      `${LINKS}/${link.id}/refresh`,
      { holderKeys: pub(keys2), city: GZ },
      zhang.cookie,
    );
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    const r = refreshed.json();
    expect(r.link.id).toBe(link.id);
    expect(r.link.certificateId).not.toBe(link.certificateId);
    expect(r.batch.credentials[0].compact).not.toBe(first.json().batch.credentials[0].compact);
    expect((await verify(r.batch, keys2, 0, 'driving-licence', 'police')).verdict).toBe('valid');
    expect((await verify(first.json().batch, keys1, 1, 'driving-licence', 'police')).verdict).toBe('revoked');

    const keys3 = holderKeys(1);
    const again = await c.call(
      'POST',
      LINKS,
      { type: 'driving-licence', holderKeys: pub(keys3), city: GZ },
      zhang.cookie,
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().link.id).toBe(link.id);
    expect((await verify(r.batch, keys2, 1, 'driving-licence', 'police')).verdict).toBe('revoked');
    expect((await verify(again.json().batch, keys3, 0, 'driving-licence', 'police')).verdict).toBe('valid');
    const links = (await c.call('GET', LINKS, undefined, zhang.cookie)).json().links as { type: string }[];
    expect(links.filter((l) => l.type === 'driving-licence')).toHaveLength(1);
  });

  it('shows the status list’s word: a suspended certificate reads suspended and cannot be refreshed until reinstated', async () => {
    const fang = await c.verifiedAccount(demo('刘芳'));
    const keys = holderKeys(1);
    const res = await c.call('POST', LINKS, { type: 'driving-licence', holderKeys: pub(keys), city: GZ }, fang.cookie);
    expect(res.statusCode, res.body).toBe(201);
    const { id, certificateId } = res.json().link;
    await t.app.wallet.suspend(certificateId);
    const list = (await c.call('GET', LINKS, undefined, fang.cookie)).json();
    expect(list.links[0]).toMatchObject({ id, status: 'suspended' });
    const refused = await c.call(
      'POST',
      `${LINKS}/${id}/refresh`,
      { holderKeys: pub(holderKeys(1)), city: GZ },
      fang.cookie,
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'WALLET_CERTIFICATE_INACTIVE',
      detail: '您的驾驶证已被暂停使用，暂不能更新。',
    });
    const relink = await c.call(
      'POST',
      LINKS,
      { type: 'driving-licence', holderKeys: pub(holderKeys(1)), city: GZ },
      fang.cookie,
    );
    expect(relink.json().code).toBe('WALLET_CERTIFICATE_INACTIVE');
    await t.app.wallet.reinstate(certificateId);
    expect((await c.call('GET', LINKS, undefined, fang.cookie)).json().links[0].status).toBe('valid');
  });

  it('reveal is audited; unlink revokes the certificate, and only the owner can touch a link', async () => {
    const fang = await c.verifiedAccount(demo('刘芳'));
    const zhang = await c.verifiedAccount(demo('张伟'));
    const keys = holderKeys(1);
    const res = await c.call('POST', LINKS, { type: 'resident-id', holderKeys: pub(keys), city: GZ }, fang.cookie);
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json().link;
    // someone else's link: the same answer as no link at all
    for (const [m, u] of [
      ['POST', `${LINKS}/${id}/reveal`],
      ['DELETE', `${LINKS}/${id}`],
    ] as const) {
      const other = await c.call(m, u, undefined, zhang.cookie);
      expect(other.statusCode, `${m} ${u}`).toBe(404);
      expect(other.json().code).toBe('WALLET_LINK_NOT_FOUND');
    }
    const refreshOther = await c.call(
      'POST',
      `${LINKS}/${id}/refresh`,
      { holderKeys: pub(holderKeys(1)), city: GZ },
      zhang.cookie,
    );
    expect(refreshOther.statusCode).toBe(404);

    expect((await c.call('POST', `${LINKS}/${id}/reveal`, undefined, fang.cookie)).statusCode).toBe(204);
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, fang.cookie)).json() as { action: string }[];
    expect(log.some((e) => e.action === 'wallet.reveal')).toBe(true);

    expect((await c.call('DELETE', `${LINKS}/${id}`, undefined, fang.cookie)).statusCode).toBe(204);
    expect((await verify(res.json().batch, keys, 0, 'resident-id', 'hotel')).verdict).toBe('revoked');
    const after = (await c.call('GET', LINKS, undefined, fang.cookie)).json().links as { type: string }[];
    expect(after.some((l) => l.type === 'resident-id')).toBe(false);
    expect((await c.call('DELETE', `${LINKS}/${id}`, undefined, fang.cookie)).statusCode).toBe(404);
    // linking again after unlinking: a new link
    const relinked = await c.call(
      'POST',
      LINKS,
      { type: 'resident-id', holderKeys: pub(holderKeys(1)), city: GZ },
      fang.cookie,
    );
    expect(relinked.statusCode).toBe(201);
    expect(relinked.json().link.id).not.toBe(id);
  });

  it('refuses with the department’s words: 刘洋’s overdue licence, 张建国 without one; nothing is linked, the failure is audited', async () => {
    const liu = await c.verifiedAccount(demo('刘洋'));
    const res = await c.call(
      'POST',
      LINKS,
      { type: 'driving-licence', holderKeys: pub(holderKeys(1)), city: GZ },
      liu.cookie,
    );
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'WALLET_DOCUMENT_INVALID',
      detail: '您的驾驶证已超过有效期，请先办理驾驶证换证后再关联。',
    });
    expect((await c.call('GET', LINKS, undefined, liu.cookie)).json().links).toEqual([]);
    const log = (await c.call('GET', '/api/v1/me/access-log', undefined, liu.cookie)).json() as {
      action: string;
      result: string;
    }[];
    expect(log).toContainEqual(expect.objectContaining({ action: 'wallet.link', result: 'failure' }));

    const father = await c.verifiedAccount(demo('张建国'));
    const none = await c.call(
      'POST',
      LINKS,
      { type: 'driving-licence', holderKeys: pub(holderKeys(1)), city: GZ },
      father.cookie,
    );
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({
      code: 'WALLET_NO_RECORD',
      detail: '未查询到您名下的驾驶证，暂无法关联电子驾驶证。',
    });
  });

  it('refuses bad input with problems, never a 500', async () => {
    const zhang = await c.verifiedAccount(demo('张伟'));
    const key = holderKeys(1)[0] as HolderKey;
    const cases: [object, number, string][] = [
      [{ type: 'passport-x', holderKeys: [key.publicJwk], city: GZ }, 400, 'VALIDATION_FAILED'],
      [{ type: 'resident-id', holderKeys: [], city: GZ }, 400, 'VALIDATION_FAILED'],
      [
        { type: 'resident-id', holderKeys: [{ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' }], city: GZ },
        400,
        'WALLET_HOLDER_KEY_INVALID',
      ],
      [{ type: 'resident-id', holderKeys: [key.publicJwk, key.publicJwk], city: GZ }, 400, 'WALLET_HOLDER_KEY_INVALID'],
      [{ type: 'resident-id', holderKeys: [key.publicJwk], city: '999999' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await c.call('POST', LINKS, body, zhang.cookie);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().code, res.body).toBe(code);
    }
    expect(
      (await c.call('POST', `${LINKS}/not-a-uuid/refresh`, { holderKeys: [key.publicJwk], city: GZ }, zhang.cookie))
        .statusCode,
    ).toBe(400);
  });
});
