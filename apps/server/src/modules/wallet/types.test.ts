import {
  CREDENTIAL_TYPES,
  type CredentialType,
  credentialTypeSpec,
  type Verdict,
  WALLET_PURPOSES,
  type WalletPurpose,
} from '@yss/contracts';
import { sql } from 'kysely';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPerson } from '../../departments/kit/demo.js';
import { createDepartments } from '../../departments/registry.js';
import { zhengzhaoServices } from '../../services/zhengzhao/index.js';
import { createTestApp, ENGINES, type TestApp } from '../../test-support/test-app.js';
import { FieldCipher } from '../privacy/index.js';
import { issueCompact } from './compact.js';
import { BIRTH_COVERAGE, CREDENTIAL_DOCUMENTS, REPORT_CARD_COVERAGE } from './credential-sources.js';
import { compressPoint, generateEs256 } from './es256.js';
import { type HolderKey, holderKeys, presentQr } from './holder.js';
import { ISSUER_CODES, issuerOfType } from './issuers.js';
import { type IssuedCertificate, WalletService } from './wallet-service.js';

/**
 * Every certificate type of the guide (issue 6: "link each certificate the guide lists"): per type the demo
 * person who has it links it, a person without gets WALLET_NO_RECORD, the guide's link rules, a verify round
 * trip with the reference holder for each disclosure profile, and every profile within QR version 20 at M.
 */

const id = (name: string) => demoPerson(name).idNumber;
const TYPES = Object.keys(CREDENTIAL_TYPES) as CredentialType[];
const purposesOf = (type: CredentialType) => Object.keys(credentialTypeSpec(type).profiles) as WalletPurpose[];
const qrVersion = (text: string) => QRCode.create(text, { errorCorrectionLevel: 'M' }).version;

/** Long but real-looking values of every claim of every type: the worst case for the QR size. */
const WORST: Record<CredentialType, Record<string, unknown>> = {
  'resident-id': {
    name: '欧阳明月',
    sex: 'female',
    birthDate: '1990-01-25',
    idNumber: '440105199001250424',
    idNumberLast4: '0424',
    address: '广东省广州市天河区天河北路一二三四五号六七八九大厦十一楼一一零二室',
    photoRef: 'AAAAAAAAAAAAAAAAAAAAAA',
    validFrom: '2026-01-01',
    validUntil: '2026-01-31',
  },
  'driving-licence': {
    name: '欧阳明月',
    licenceNumber: '440105199001250424',
    licenceClass: 'A1',
    licenceStatus: 'overdue-renewal',
    firstIssuedOn: '2008-01-01',
    validFrom: '2014-01-01',
    validUntil: '2030-01-01',
    issuedBy: '广东省东莞市公安局交通警察支队车辆管理所',
    archiveNumber: '441900123456',
  },
  'vehicle-licence': {
    ownerName: '欧阳明月',
    plate: '粤Z3C8F港',
    plateType: 'small-new-energy',
    vehicleType: '小型普通客车',
    brandModel: '比亚迪牌BYD6480STHEV3插电式混合动力多用途乘用车',
    vin: 'LGXC16DF9N0123456',
    address: '广东省广州市天河区天河北路一二三四五号六七八九大厦十一楼一一零二室',
    registeredOn: '2019-01-01',
    inspectionValidUntil: '2029-01-31',
    vehicleStatus: 'overdue-inspection',
  },
  passport: {
    name: '欧阳明月',
    documentNumber: 'EA1234567',
    issuedOn: '2024-01-01',
    validUntil: '2034-01-01',
    issuedBy: '中华人民共和国国家移民管理局',
    issuePlace: '广东',
  },
  'hk-macao-permit': {
    name: '欧阳明月',
    documentNumber: 'C12345678',
    issuedOn: '2024-01-01',
    validUntil: '2034-01-01',
    issuedBy: '中华人民共和国出入境管理局',
    issuePlace: '广东',
  },
  'taiwan-permit': {
    name: '欧阳明月',
    documentNumber: 'L12345678',
    issuedOn: '2024-01-01',
    validUntil: '2034-01-01',
    issuedBy: '中华人民共和国出入境管理局',
    issuePlace: '广东',
  },
  'housing-fund': {
    name: '欧阳明月',
    accountNumber: '44010012345678',
    centreName: '东莞市住房公积金管理中心',
    accountStatus: 'sealed',
    unitName: '广州岭南恒通科技股份有限公司天河北路第一分公司（普通合伙）',
    openedOn: '2010-07-01',
    lastDepositMonth: '2025-12',
  },
  'social-security-card': {
    name: '欧阳明月',
    cardNumber: 'A12345678',
    issuingCity: '广州',
    bankName: '中国邮政储蓄银行股份有限公司',
    issuedOn: '2016-01-01',
  },
  'disability-certificate': {
    name: '欧阳明月',
    certificateNumber: '44010519900125042472',
    category: '精神残疾',
    grade: '四级',
    firstIssuedOn: '2009-01-01',
    issuedOn: '2019-01-01',
    validUntil: '2029-01-01',
    issuedBy: '广州市天河区残疾人联合会',
  },
  'residence-permit': {
    name: '欧阳明月',
    permitKind: 'hk-macao-taiwan',
    cardNumber: '810000199001250424',
    address: '广东省深圳市南山区粤海街道科技园社区科苑路一二三号四五六大厦七楼七零一',
    issuedBy: '深圳市公安局南山分局',
    issuedOn: '2024-01-01',
    validUntil: '2029-01-01',
    endorsedUntil: '2027-01-01',
  },
  'birth-certificate': {
    certificateNumber: 'O440512873',
    childName: '欧阳明月',
    childSex: 'female',
    birthDate: '2020-01-25',
    birthTime: '23:59',
    birthPlace: '广州医科大学附属第三医院（广州重症孕产妇救治中心）',
    motherName: '司马慧敏',
    fatherName: '欧阳建国',
    issuedOn: '2020-02-01',
  },
  'marriage-certificate': {
    name: '欧阳明月',
    spouseName: '司马建国',
    certificateNumber: 'J440106-2015-004217',
    registeredOn: '2015-01-01',
    registry: '广州市天河区民政局婚姻登记处',
  },
  'divorce-certificate': {
    name: '欧阳明月',
    spouseName: '司马建国',
    certificateNumber: 'L440106-2019-004217',
    registeredOn: '2019-01-01',
    registry: '广州市天河区民政局婚姻登记处',
  },
  'graduate-report-card': {
    name: '欧阳明月',
    certificateNumber: '20104401064998518',
    graduationYear: '2010',
    // Longer than the longest names of the sandbox's reference data (10 and 11 characters).
    institution: '广东外语外贸大学南国商学院',
    authority: '广东省高等学校毕业生就业指导中心',
    major: '机械设计制造及其自动化（师范）',
    level: 'doctor',
  },
  'real-estate-proof': {
    name: '欧阳明月',
    proofNumber: '粤(2025)深圳市不动产证明第0012345号',
    proofKind: 'pre-sale',
    location: '深圳市南山区学府路120号12栋2301房',
    obligor: '深圳华润置业有限公司',
    registeredOn: '2025-01-01',
  },
  'real-estate-title': {
    name: '欧阳明月',
    certificateNumber: '粤(2019)广州市不动产权第0123456号',
    unitNumber: '440106001001GB00001F00010001',
    location: '广州市天河区天河路385号3栋1201房',
    use: '住宅',
    floorArea: '189.56',
    shareKind: '按份共有',
    rightStatus: '抵押',
    registeredOn: '2019-01-01',
    landUseUntil: '2089-01-01',
  },
  'volunteer-card': {
    name: '欧阳明月',
    volunteerNumber: '4419201503050417',
    starLevel: '5',
    serviceHours: '9999.5',
    hoursAsOf: '2026-01-01',
    registeredOn: '2010-01-01',
    // Longer than the sandbox's longest (a district association of a 东莞 town).
    organisation: '东莞市松山湖高新技术产业开发区管理委员会青年志愿者协会',
    city: '东莞',
  },
};

describe('credential types: the data', () => {
  it('every type has its own code, an issuer with a code, a catalog 我的证照 entry and a department source', () => {
    const codes = TYPES.map((t) => credentialTypeSpec(t).code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const type of TYPES) {
      const spec = credentialTypeSpec(type);
      expect(issuerOfType(type).id, type).toBe(spec.issuerDepartment);
      expect(ISSUER_CODES).toHaveProperty(spec.issuerDepartment);
      const service = zhengzhaoServices.find((s) => s.id === spec.serviceId);
      expect(service?.name, type).toBe(spec.name);
      expect(service?.department, type).toBe(spec.issuerDepartment);
      expect(CREDENTIAL_DOCUMENTS[type], type).toBeTypeOf('function');
      const claims = Object.keys(spec.claims.shape);
      expect(Object.keys(spec.claimKeys).sort(), type).toEqual([...claims].sort());
      expect(Object.keys(spec.labels).sort(), type).toEqual([...claims].sort());
      const keys = Object.values(spec.claimKeys);
      expect(new Set(keys).size, type).toBe(keys.length);
      for (const c of spec.dateClaims) expect(claims, type).toContain(c);
      for (const profile of Object.values(spec.profiles)) for (const c of profile ?? []) expect(claims).toContain(c);
      // The worst-case values are valid claims of the type.
      expect(spec.claims.safeParse(WORST[type]).success, type).toBe(true);
    }
    // Every 我的证照 entry of the catalog has a type (注册志愿者证 was the last: the volunteer registry).
    const missing = zhengzhaoServices
      .map((s) => s.id)
      .filter((sid) => !TYPES.some((t) => credentialTypeSpec(t).serviceId === sid));
    expect(missing).toEqual([]);
  });
});

describe.each(ENGINES)('every certificate type of the guide on %s', (engine) => {
  let t: TestApp;
  const linked = new Map<string, { cert: IssuedCertificate; keys: HolderKey[] }>();

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  /** app.wallet.issue for a demo person (or an ID number) with fresh holder keys. */
  async function link(
    type: CredentialType,
    who: string,
    extra: { city?: string; documentNumber?: string } = {},
    wallet = t.app.wallet,
  ) {
    const keys = holderKeys(Math.max(1, purposesOf(type).length));
    const cert = await wallet.issue({
      type,
      idNumber: /^\d/.test(who) ? who : id(who),
      holderKeys: keys.map((k) => k.publicJwk),
      ...(extra as { city?: '440100'; documentNumber?: string }),
    });
    linked.set(`${type}:${who}`, { cert, keys });
    return { cert, keys };
  }

  const refusal = (type: CredentialType, who: string, extra: { city?: string; documentNumber?: string } = {}) =>
    link(type, who, extra).then(
      () => ({ code: 'LINKED', detail: '' }),
      (e: { code: string; detail: string }) => ({ code: e.code, detail: e.detail }),
    );

  /** The claims of a certificate as the holder stores them (the SD-JWT's disclosures). */
  function claimsOf(cert: IssuedCertificate): Record<string, unknown> {
    const parts = (cert.credentials[0]?.sdJwt ?? '').split('~').slice(1, -1);
    return Object.fromEntries(
      parts.map((p) => {
        const [, claim, value] = JSON.parse(Buffer.from(p, 'base64url').toString());
        return [claim, value];
      }),
    );
  }

  /**
   * Present the certificate for each of its type's purposes (one batch member each) and verify it through
   * POST /api/v1/verify: valid, and exactly the profile's claims (those the document has) disclosed.
   */
  async function roundTrips(type: CredentialType, cert: IssuedCertificate, keys: HolderKey[], wallet?: WalletService) {
    const spec = credentialTypeSpec(type);
    const all = claimsOf(cert);
    const out: Partial<Record<WalletPurpose, Verdict>> = {};
    for (const [i, purpose] of purposesOf(type).entries()) {
      const now = wallet ? FIXED_NOW : Date.now();
      const qr = presentQr({
        compact: cert.credentials[i]?.compact ?? '',
        key: keys[i] as HolderKey,
        type,
        purpose,
        now,
      });
      expect(qrVersion(qr), `${type} ${purpose} (${qr.length} characters)`).toBeLessThanOrEqual(20);
      if (process.env.WALLET_SIZES) console.log(type, purpose, qr.length, qrVersion(qr));
      const v: Verdict = wallet
        ? await wallet.verify(qr, { purpose })
        : (await t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: { payload: qr, purpose } })).json();
      expect(v, `${type} ${purpose}`).toMatchObject({
        verdict: 'valid',
        credentialType: { id: type, name: spec.name },
        purpose: { id: purpose, name: WALLET_PURPOSES[purpose].name },
        issuer: { id: spec.issuerDepartment },
      });
      const profile = spec.profiles[purpose] as readonly string[];
      expect(v.disclosed.map((d) => d.claim)).toEqual(profile.filter((c) => c in all));
      for (const d of v.disclosed) expect(d.value ?? null).toEqual(all[d.claim] ?? null);
      out[purpose] = v;
    }
    if (purposesOf(type).length === 0) {
      // A type without a profile cannot be shown to any verifier.
      expect(() =>
        presentQr({
          compact: cert.credentials[0]?.compact ?? '',
          key: keys[0] as HolderKey,
          type,
          purpose: 'employer',
        }),
      ).toThrow(expect.objectContaining({ code: 'WALLET_PURPOSE_NOT_SUPPORTED' }));
    }
    return out;
  }

  const shown = (v: Verdict | undefined) => Object.fromEntries((v?.disclosed ?? []).map((d) => [d.claim, d.display]));

  /** The sandbox province lives on 2026-01-01 (DEFAULT_AS_OF): a wallet on that day sees the demo data as written. */
  const FIXED_NOW = Date.parse('2026-01-02T10:00:00+08:00');
  const fixedWallet = () =>
    new WalletService({
      db: t.database.db,
      cipher: new FieldCipher(t.config.dataEncryptionKey as Buffer),
      departments: createDepartments(t.config, t.database.db),
      baseUrl: t.config.publicOrigins[0] ?? '',
      now: () => FIXED_NOW,
    });

  it('each new issuer publishes its own JWKS', async () => {
    const kids = new Set<string>();
    for (const issuer of Object.keys(ISSUER_CODES)) {
      await t.app.wallet.keys.signingKey(issuer as keyof typeof ISSUER_CODES);
      const res = await t.app.inject(`/api/v1/issuers/${issuer}/jwks.json`);
      expect(res.statusCode, issuer).toBe(200);
      const kid = res.json().keys[0].kid as string;
      expect(kids.has(kid)).toBe(false);
      kids.add(kid);
    }
  });

  it('every profile of every type fits QR version ≤ 20 at level M with worst-case values', async () => {
    for (const type of TYPES) {
      const issuer = issuerOfType(type);
      const key = await t.app.wallet.keys.signingKey(issuer.id);
      const holder = generateEs256();
      const compact = issueCompact({
        key,
        issuerCode: issuer.code,
        type,
        claims: WORST[type],
        iat: 1,
        exp: 2,
        status: { listId: 1, idx: 65_535 },
        holderPoint: compressPoint(holder.publicJwk),
      }).toString('base64url');
      for (const purpose of purposesOf(type)) {
        const qr = presentQr({ compact, key: holder, type, purpose });
        expect(qrVersion(qr), `${type} ${purpose} (${qr.length} characters)`).toBeLessThanOrEqual(20);
        if (process.env.WALLET_SIZES) console.log('worst', type, purpose, qr.length, qrVersion(qr));
      }
    }
  });

  it('行驶证: 张伟 links 粤A8K2M6; the police see the vehicle; one certificate per vehicle, chosen by plate', async () => {
    const { cert, keys } = await link('vehicle-licence', '张伟');
    expect(cert.issuer.id).toBe('gd-traffic-police');
    const v = await roundTrips('vehicle-licence', cert, keys);
    expect(shown(v.police)).toMatchObject({ ownerName: '张伟', plate: '粤A8K2M6', vehicleStatus: '正常' });
    expect(JSON.stringify(v.police)).not.toContain(id('张伟'));
    // 李娜 by her plate; a plate that is not hers is not found.
    const { cert: lina } = await link('vehicle-licence', '李娜', { documentNumber: '粤BD88661' });
    expect(claimsOf(lina)).toMatchObject({ plate: '粤BD88661', plateType: 'small-new-energy' });
    expect(await refusal('vehicle-licence', '李娜', { documentNumber: '粤A8K2M6' })).toMatchObject({
      code: 'WALLET_NO_RECORD',
    });
    expect(await refusal('vehicle-licence', '张梓轩')).toEqual({
      code: 'WALLET_NO_RECORD',
      detail: '未查询到登记在您名下的机动车，暂无法关联行驶证。',
    });
    // A generated owner of two vehicles: two documents, two distinct certificates.
    const owner = (
      await sql<{ owner: string }>`select owner_id_number as owner from dept_jiaoguan.vehicles
        group by owner_id_number having count(*) = 2 order by owner_id_number limit 1`.execute(t.database.db)
    ).rows[0]?.owner as string;
    const docs = await t.app.wallet.documents({ type: 'vehicle-licence', idNumber: owner });
    expect(docs).toHaveLength(2);
    const plates = docs.map((d) => d.documentNumber);
    expect(new Set(plates).size).toBe(2);
    for (const plate of plates) {
      const { cert: c } = await link('vehicle-licence', owner, { documentNumber: plate });
      expect(claimsOf(c).plate).toBe(plate);
    }
  });

  it('护照: 张伟 links his; hotel, coach station and police; 张建国’s expired G passport is refused', async () => {
    const { cert, keys } = await link('passport', '张伟');
    expect(cert.issuer.id).toBe('gd-exit-entry');
    const v = await roundTrips('passport', cert, keys);
    expect(shown(v.hotel)).toMatchObject({ name: '张伟', documentNumber: 'E83921564' });
    expect(Object.keys(shown(v.hotel))).not.toContain('issuedBy');
    expect(await refusal('passport', '张建国')).toMatchObject({
      code: 'WALLET_DOCUMENT_INVALID',
      detail: expect.stringContaining('您的护照已过期'),
    });
    expect(await refusal('passport', '张梓轩')).toMatchObject({ code: 'WALLET_NO_RECORD' });
  });

  it('港澳通行证: 张伟 links C32815406; 刘洋’s permit issued in 湖南 is not 广东省内签发', async () => {
    const { cert, keys } = await link('hk-macao-permit', '张伟');
    const v = await roundTrips('hk-macao-permit', cert, keys);
    expect(shown(v['coach-station'])).toEqual({
      name: '张伟',
      documentNumber: 'C32815406',
      validUntil: expect.any(String),
    });
    const liu = await refusal('hk-macao-permit', '刘洋');
    expect(liu.code).toBe('WALLET_NOT_COVERED');
    expect(liu.detail).toContain('目前支持关联广东省内签发的港澳通行证');
    expect(await refusal('hk-macao-permit', '张梓轩')).toMatchObject({ code: 'WALLET_NO_RECORD' });
  });

  it('台湾通行证: 刘芳 links hers (police only); 张伟 has none', async () => {
    const { cert, keys } = await link('taiwan-permit', '刘芳');
    const v = await roundTrips('taiwan-permit', cert, keys);
    expect(shown(v.police).name).toBe('刘芳');
    expect(await refusal('taiwan-permit', '张伟')).toEqual({
      code: 'WALLET_NO_RECORD',
      detail: '未查询到您的台湾通行证信息。目前支持关联广东省内签发的台湾通行证。',
    });
  });

  it('公积金: the account at the chosen city’s centre; not 东莞/惠州/揭阳; elsewhere → switch the city', async () => {
    const { cert, keys } = await link('housing-fund', '张伟', { city: '440100' });
    expect(cert.issuer).toEqual({ id: 'housing-fund-centres', name: '各地市住房公积金管理中心' });
    const v = await roundTrips('housing-fund', cert, keys);
    expect(shown(v.employer)).toMatchObject({
      name: '张伟',
      centreName: '广州市住房公积金管理中心',
      accountStatus: '正常',
    });
    // 深圳: his sealed account from 2011–2018 (封存) is his too.
    const { cert: sz } = await link('housing-fund', '张伟', { city: '440300' });
    expect(claimsOf(sz)).toMatchObject({ centreName: '深圳市住房公积金管理中心', accountStatus: 'sealed' });
    // Without a city: the account being paid into.
    expect(claimsOf((await link('housing-fund', '张伟')).cert).centreName).toBe('广州市住房公积金管理中心');
    const lina = await refusal('housing-fund', '李娜', { city: '440100' });
    expect(lina.code).toBe('WALLET_SWITCH_CITY');
    expect(lina.detail).toContain('您的公积金账户在深圳');
    expect(lina.detail).toContain('切换为您所缴纳公积金的城市');
    for (const city of ['441900', '441300', '445200']) {
      const r = await refusal('housing-fund', '张伟', { city });
      expect(r.code).toBe('SERVICE_NOT_IN_CITY');
      expect(r.detail).toContain('暂不支持东莞、惠州、揭阳');
    }
    expect(await refusal('housing-fund', '张梓轩', { city: '440100' })).toMatchObject({ code: 'WALLET_NO_RECORD' });
  });

  it('社保卡: second-generation cards only; the city where contributions are paid; not 港澳 insured people', async () => {
    const { cert, keys } = await link('social-security-card', '张伟', { city: '440100' });
    const v = await roundTrips('social-security-card', cert, keys);
    expect(shown(v.employer)).toMatchObject({ name: '张伟', issuingCity: '广州' });
    expect(claimsOf(cert).bankName).toBe('中国工商银行');
    const first = await refusal('social-security-card', '陈志强', { city: '440600' });
    expect(first.code).toBe('WALLET_DOCUMENT_INVALID');
    expect(first.detail).toContain('具有银联标识的为二代社保卡');
    const elsewhere = await refusal('social-security-card', '张伟', { city: '440300' });
    expect(elsewhere.code).toBe('WALLET_SWITCH_CITY');
    expect(elsewhere.detail).toContain('您的社保参保地为广州');
    expect(elsewhere.detail).toContain('切换为您所缴纳社保的城市');
    expect(await refusal('social-security-card', '陈嘉欣')).toMatchObject({ code: 'SOCIAL_INSURANCE_HK_MACAU' });
    expect(await refusal('social-security-card', '张梓轩')).toMatchObject({ code: 'WALLET_NO_RECORD' });
  });

  it('残疾人证: 张建国 links his; the coach station sees category and grade, never the number (his ID number)', async () => {
    const { cert, keys } = await link('disability-certificate', '张建国');
    const v = await roundTrips('disability-certificate', cert, keys);
    expect(shown(v['coach-station'])).toMatchObject({ name: '张建国', category: '视力残疾', grade: '二级' });
    expect(JSON.stringify(v['coach-station'])).not.toContain(id('张建国'));
    expect(shown(v.employer).certificateNumber).toMatch(new RegExp(`^${id('张建国')}\\d\\d$`));
    expect(await refusal('disability-certificate', '张伟')).toMatchObject({ code: 'WALLET_NO_RECORD' });
  });

  it('居住证: linked while valid and endorsed (签注); the credential never outlives the 签注', async () => {
    // The sandbox's records describe 2026-01-01; the wallet's own clock is real. From 2026-05-31 陈嘉欣’s
    // 港澳台居民居住证 has expired, and from 2026-09-30 刘洋’s 广东省居住证 needs its yearly 签注.
    if (Date.now() > Date.parse('2026-05-31T00:00:00+08:00')) {
      expect(await refusal('residence-permit', '陈嘉欣')).toEqual({
        code: 'WALLET_DOCUMENT_INVALID',
        detail: '您的居住证已过期，无法关联居住证电子证照，请重新申领居住证。',
      });
    }
    if (Date.now() > Date.parse('2026-09-30T00:00:00+08:00')) {
      const r = await refusal('residence-permit', '刘洋');
      expect(r.code).toBe('WALLET_DOCUMENT_INVALID');
      expect(r.detail).toMatch(/请先办理签注居住证后再关联|已过期/);
    }
    // On 2026-01-02, the day the data describes, both link.
    const wallet = fixedWallet();
    const { cert, keys } = await link('residence-permit', '陈嘉欣', {}, wallet);
    const v = await roundTrips('residence-permit', cert, keys, wallet);
    expect(shown(v.police)).toMatchObject({ name: '陈嘉欣', cardNumber: expect.stringMatching(/^810000/) });
    expect(shown(v.employer)).toMatchObject({ name: '陈嘉欣', permitKind: '港澳台居民居住证' });
    expect(Object.keys(shown(v.employer))).not.toContain('cardNumber');
    expect(JSON.stringify(v.employer)).not.toContain(claimsOf(cert).cardNumber as string);
    expect(claimsOf(cert).endorsedUntil).toBeUndefined();
    // 刘洋: his renewed permit links; the expired earlier one is listed, not linkable.
    const docs = await wallet.documents({ type: 'residence-permit', idNumber: id('刘洋') });
    expect(docs.map((d) => d.linkable).sort()).toEqual([false, true]);
    expect(docs.find((d) => !d.linkable)?.refusal?.message).toContain('已过期');
    const { cert: liu, keys: liuKeys } = await link('residence-permit', '刘洋', {}, wallet);
    expect(claimsOf(liu)).toMatchObject({ permitKind: 'guangdong', endorsedUntil: '2026-09-29' });
    expect(Date.parse(liu.expiresAt)).toBeLessThanOrEqual(Date.parse('2026-09-29T23:59:59+08:00'));
    await roundTrips('residence-permit', liu, liuKeys, wallet);
    // Choosing the expired one says why.
    const expired = docs.find((d) => !d.linkable)?.documentNumber as string;
    await expect(
      wallet.issue({
        type: 'residence-permit',
        idNumber: id('刘洋'),
        holderKeys: [generateEs256().publicJwk],
        documentNumber: expired,
      }),
    ).rejects.toMatchObject({ code: 'WALLET_DOCUMENT_INVALID' });
    expect(await refusal('residence-permit', '张伟')).toMatchObject({ code: 'WALLET_NO_RECORD' });
  });

  it('出生医学证明: the guide’s dates by city of birth; a parent links a covered one and shows it', async () => {
    const fang = await refusal('birth-certificate', '刘芳');
    expect(fang.code).toBe('WALLET_NOT_COVERED');
    expect(fang.detail).toContain('2017-04-15');
    expect(fang.detail).toContain(BIRTH_COVERAGE);
    expect(await refusal('birth-certificate', '张伟')).toMatchObject({ code: 'WALLET_NOT_COVERED' });
    expect(await refusal('birth-certificate', '李娜')).toMatchObject({ code: 'WALLET_NO_RECORD' });
    // Generated births: one covered (a 广州/深圳/佛山/珠海 birth from 2018-05-01 or another city’s from 2014),
    // one in a late city between 2014-01-01 and 2018-04-30 (not covered).
    const late = `city_code in ('440100', '440300', '440600', '440400')`;
    const pick = async (where: string) =>
      (
        await sql<{ mother: string; number: string }>`select mother_id_number as mother, certificate_number as number
          from dept_weijian.birth_certificates where ${sql.raw(where)} order by certificate_number limit 1`.execute(
          t.database.db,
        )
      ).rows[0];
    const covered = await pick(`(${late} and birth_date >= '2018-05-01') or (not ${late})`);
    const uncovered = await pick(`${late} and birth_date < '2018-05-01' and birth_date >= '2014-01-01'`);
    expect(covered && uncovered).toBeTruthy();
    const { cert, keys } = await link('birth-certificate', covered?.mother as string, {
      documentNumber: covered?.number as string,
    });
    expect(cert.issuer.id).toBe('gd-health');
    const v = await roundTrips('birth-certificate', cert, keys);
    expect(Object.keys(shown(v['coach-station']))).toEqual(['childName', 'childSex', 'birthDate']);
    expect(
      await refusal('birth-certificate', uncovered?.mother as string, { documentNumber: uncovered?.number as string }),
    ).toMatchObject({ code: 'WALLET_NOT_COVERED' });
  });

  it('结婚证 / 离婚证: 张伟 links his 结婚证; 陈志强’s 结婚证 ended in divorce, his 离婚证 links (no verifier profile)', async () => {
    const { cert, keys } = await link('marriage-certificate', '张伟');
    expect(cert.issuer.id).toBe('gd-civil-affairs');
    const v = await roundTrips('marriage-certificate', cert, keys);
    expect(shown(v.employer)).toMatchObject({
      name: '张伟',
      spouseName: '刘芳',
      certificateNumber: 'J440106-2015-004217',
    });
    const chen = await refusal('marriage-certificate', '陈志强');
    expect(chen.code).toBe('WALLET_DOCUMENT_INVALID');
    expect(chen.detail).toContain('婚姻关系已解除');
    const { cert: divorce, keys: dk } = await link('divorce-certificate', '陈志强');
    expect(claimsOf(divorce).certificateNumber).toMatch(/^L/);
    await roundTrips('divorce-certificate', divorce, dk);
    expect(await refusal('divorce-certificate', '张伟')).toMatchObject({ code: 'WALLET_NO_RECORD' });
    expect(await refusal('marriage-certificate', '李娜')).toMatchObject({ code: 'WALLET_NO_RECORD' });
  });

  it('高校毕业生就业报到证: 张伟 (2010届) links and shows it to an employer; outside 2006–2016 the guide’s words', async () => {
    const { cert, keys } = await link('graduate-report-card', '张伟');
    const v = await roundTrips('graduate-report-card', cert, keys);
    expect(shown(v.employer)).toMatchObject({
      name: '张伟',
      certificateNumber: '20104401064998518',
      graduationYear: '2010',
      institution: '华南理工大学',
      level: '本科',
    });
    for (const who of ['陈志强', '刘洋']) {
      const r = await refusal('graduate-report-card', who);
      expect(r.code).toBe('WALLET_NO_RECORD');
      expect(r.detail).toContain(REPORT_CARD_COVERAGE);
    }
    // The rule itself, for a department that answered a class outside the window.
    const departments = {
      education: {
        client: {
          employmentCertificate: async () => ({
            certificate: { ...WORST['graduate-report-card'], graduationYear: 2017, level: 'master' },
          }),
        },
      },
    } as unknown as Parameters<(typeof CREDENTIAL_DOCUMENTS)['graduate-report-card']>[1]['departments'];
    const [doc] = await CREDENTIAL_DOCUMENTS['graduate-report-card']('x', {
      departments,
      today: '2026-01-01',
      credentialUntil: '2026-01-31',
    });
    expect(doc?.refusal).toMatchObject({
      code: 'WALLET_NOT_COVERED',
      detail: `您为2017届毕业生。${REPORT_CARD_COVERAGE}`,
    });
  });

  it('不动产登记证明 and 不动产权证书: 李娜’s 预告登记; one certificate per title (陈志强 has two); no 房地产权证', async () => {
    const { cert: proof, keys: pk } = await link('real-estate-proof', '李娜');
    expect(claimsOf(proof)).toMatchObject({
      proofNumber: '粤(2025)深圳市不动产证明第0012345号',
      proofKind: 'pre-sale',
      obligor: '深圳华润置业有限公司',
    });
    await roundTrips('real-estate-proof', proof, pk);
    expect(await refusal('real-estate-proof', '刘洋')).toMatchObject({ code: 'WALLET_NO_RECORD' });

    const { cert: title, keys: tk } = await link('real-estate-title', '张伟');
    expect(claimsOf(title)).toMatchObject({
      certificateNumber: '粤(2019)广州市不动产权第0123456号',
      floorArea: '89.56',
      shareKind: '共同共有',
      rightStatus: '抵押',
    });
    await roundTrips('real-estate-title', title, tk);
    const docs = await t.app.wallet.documents({ type: 'real-estate-title', idNumber: id('陈志强') });
    expect(docs.map((d) => d.documentNumber).sort()).toEqual([
      '粤(2016)佛山市不动产权第0345678号',
      '粤(2025)肇庆市不动产权第0056789号',
    ]);
    const { cert: zq } = await link('real-estate-title', '陈志强', {
      documentNumber: '粤(2025)肇庆市不动产权第0056789号',
    });
    expect(claimsOf(zq).certificateNumber).toBe('粤(2025)肇庆市不动产权第0056789号');
    // Full-width parentheses select the same title.
    const { cert: fs } = await link('real-estate-title', '陈志强', {
      documentNumber: '粤（2016）佛山市不动产权第0345678号',
    });
    expect(claimsOf(fs).certificateNumber).toBe('粤(2016)佛山市不动产权第0345678号');
    const legacy = await refusal('real-estate-title', '张建国');
    expect(legacy.code).toBe('WALLET_NOT_COVERED');
    expect(legacy.detail).toContain('房地产权证');
    expect(await refusal('real-estate-title', '刘洋')).toMatchObject({ code: 'WALLET_NO_RECORD' });
  });

  it('注册志愿者证: 李娜 (二星级, 深圳) shows name, number, star and hours to an employer; 注销 is refused', async () => {
    const { cert, keys } = await link('volunteer-card', '李娜');
    expect(cert.issuer).toEqual({ id: 'gd-volunteers', name: '广东省志愿者联合会' });
    expect(claimsOf(cert)).toMatchObject({
      volunteerNumber: '4403201503050417',
      registeredOn: '2015-03-05',
      organisation: '深圳市义工联合会',
      city: '深圳',
    });
    const v = await roundTrips('volunteer-card', cert, keys);
    expect(shown(v.employer)).toEqual({
      name: '李娜',
      volunteerNumber: '4403201503050417',
      starLevel: '二星级志愿者',
      serviceHours: '356.5',
      hoursAsOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(JSON.stringify(v.employer)).not.toContain(id('李娜'));
    expect(JSON.stringify(v.employer)).not.toContain('义工联合会');
    // 张伟: registered in 广州 with 48 hours, no star yet.
    expect(claimsOf((await link('volunteer-card', '张伟')).cert)).toMatchObject({
      starLevel: '0',
      serviceHours: '48',
      city: '广州',
    });
    const docs = await t.app.wallet.documents({ type: 'volunteer-card', idNumber: id('李娜') });
    expect(docs[0]?.label).not.toContain('4403201503050417');
    // 刘洋 cancelled his registration in 2024; 陈志强 never registered.
    expect(await refusal('volunteer-card', '刘洋')).toEqual({
      code: 'WALLET_DOCUMENT_INVALID',
      detail:
        '您的注册志愿者信息已于2024-03-12注销，无法关联注册志愿者证电子证照。如需继续参加志愿服务，请重新注册志愿者。',
    });
    expect(await refusal('volunteer-card', '陈志强')).toEqual({
      code: 'WALLET_NO_RECORD',
      detail: '未查询到您的注册志愿者信息，请先在“i志愿”系统注册成为志愿者后再关联注册志愿者证。',
    });
    // A generated volunteer of the province: the registry's star level is the claim's.
    const generated = (
      await sql<{ id: string; hours: string }>`select id_number as id, service_hours as hours
        from dept_zhiyuan.volunteers where status = 'normal' and service_hours >= 100
        order by volunteer_number limit 1`.execute(t.database.db)
    ).rows[0];
    expect(generated).toBeDefined();
    const { cert: g } = await link('volunteer-card', generated?.id as string);
    expect(Number(claimsOf(g).serviceHours)).toBe(Number(generated?.hours));
    expect(Number(claimsOf(g).starLevel)).toBeGreaterThanOrEqual(1);
  });

  it('the other demo people docs/wallet.md names link too', async () => {
    const cases: [CredentialType, string, { city?: string }?][] = [
      ['driving-licence', '刘芳'],
      ['driving-licence', '李娜'],
      ['driving-licence', '陈志强'],
      ['vehicle-licence', '刘芳'],
      ['passport', '陈志强'],
      ['housing-fund', '刘芳', { city: '440100' }],
      ['housing-fund', '李娜', { city: '440300' }],
      ['housing-fund', '刘洋', { city: '440100' }],
      ['housing-fund', '陈志强', { city: '440600' }],
      ['housing-fund', '陈嘉欣', { city: '440300' }],
      ['social-security-card', '刘芳', { city: '440100' }],
      ['social-security-card', '李娜', { city: '440300' }],
      ['social-security-card', '刘洋', { city: '440100' }],
      ['marriage-certificate', '刘芳'],
      ['marriage-certificate', '张建国'],
      ['graduate-report-card', '刘芳'],
      ['graduate-report-card', '李娜'],
      ['real-estate-title', '刘芳'],
      ['real-estate-title', '李娜'],
    ];
    for (const [type, who, extra] of cases) {
      expect(await refusal(type, who, extra), `${type} ${who}`).toEqual({ code: 'LINKED', detail: '' });
    }
    expect(await refusal('resident-id', '王秀英')).toMatchObject({ code: 'WALLET_NO_RECORD' });
    expect(await refusal('real-estate-proof', '张伟')).toMatchObject({ code: 'WALLET_NO_RECORD' });
  });

  it('documents(): labels mask personal numbers; a refused document says why', async () => {
    const docs = await t.app.wallet.documents({ type: 'passport', idNumber: id('张伟') });
    expect(docs[0]).toMatchObject({ documentNumber: 'E83921564', linkable: true, refusal: null });
    expect(docs[0]?.label).not.toContain('E83921564');
    const own = await t.app.wallet.documents({ type: 'resident-id', idNumber: id('张伟') });
    expect(own[0]?.label).not.toContain(id('张伟'));
    const old = await t.app.wallet.documents({ type: 'passport', idNumber: id('张建国') });
    expect(old[0]).toMatchObject({ linkable: false, refusal: { code: 'WALLET_DOCUMENT_INVALID' } });
    await expect(t.app.wallet.documents({ type: 'passport', idNumber: id('张梓轩') })).rejects.toMatchObject({
      code: 'WALLET_NO_RECORD',
    });
  });
});
