import { randomBytes } from 'node:crypto';
import { isCityCode, type StaffRole } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { DEPARTMENTS } from '../../services/departments.js';
import type { FieldCipher } from '../privacy/index.js';
import * as repo from './repository.js';
import { isStaffRole } from './roles.js';
import { encryptTotpSecret, hashStaffPassword, USERNAME_PATTERN } from './staff-service.js';

export class StaffAccountError extends Error {
  constructor(
    message: string,
    /** 'taken': the username exists (a form answers 该用户名已被使用); 'invalid': anything else. */
    readonly reason: 'taken' | 'invalid' = 'invalid',
  ) {
    super(message);
  }
}

export interface NewStaffGrant {
  role: string;
  departmentId: string;
  cityCode?: string | null;
}

function checkGrant(g: NewStaffGrant): { role: StaffRole; departmentId: string; cityCode: string | null } {
  if (!isStaffRole(g.role)) throw new StaffAccountError(`unknown role "${g.role}"`);
  if (!DEPARTMENTS.some((d) => d.id === g.departmentId)) {
    throw new StaffAccountError(`unknown department "${g.departmentId}" (see apps/server/src/services/departments.ts)`);
  }
  const cityCode = g.cityCode ?? null;
  if (cityCode !== null && !isCityCode(cityCode))
    throw new StaffAccountError(`"${cityCode}" is not a Guangdong city code`);
  return { role: g.role, departmentId: g.departmentId, cityCode };
}

/**
 * Create a staff account for an operator (CLI): a random one-time password, to be changed at the first
 * login, where the TOTP authenticator is enrolled too. The password is returned once and stored only as
 * an Argon2id hash.
 */
export async function createStaffAccount(
  db: Db,
  input: { username: string; displayName: string; grants: NewStaffGrant[] },
): Promise<{ id: string; username: string; password: string }> {
  if (input.grants.length === 0) throw new StaffAccountError('at least one role grant is needed');
  return openAccount(db, input, input.grants.map(checkGrant));
}

/**
 * Open an account with a one-time password (returned once, stored only as an Argon2id hash; the first login
 * changes it and enrols the authenticator). No grants: a verifier's account (核验单位管理), whose right to record
 * check-ins is its organisation membership, not a department grant.
 */
export async function openAccount(
  db: Db,
  input: { username: string; displayName: string },
  grants: { role: StaffRole; departmentId: string; cityCode: string | null }[],
): Promise<{ id: string; username: string; password: string }> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) {
    throw new StaffAccountError('username: 3-40 of a-z 0-9 . _ - (starting with a letter or digit)');
  }
  const displayName = input.displayName.trim();
  if (!displayName || [...displayName].length > 40) throw new StaffAccountError('name: 1-40 characters');
  // 16 characters of base64url: 96 bits, typed once.
  const password = randomBytes(12).toString('base64url');
  const created = await repo.insertAccount(
    db,
    {
      username,
      displayName,
      passwordHash: await hashStaffPassword(password),
      passwordChangeRequired: true,
      totpSecretEncrypted: null,
      totpConfirmed: false,
    },
    grants,
  );
  if (created === 'taken') throw new StaffAccountError(`username "${username}" is taken`, 'taken');
  return { id: created.id, username, password };
}

export interface DemoStaffAccount {
  username: string;
  displayName: string;
  password: string;
  /** Fixed demo TOTP secret (base32); null: enrolment at first login, as for a real new account. */
  totpSecret: string | null;
  grants: NewStaffGrant[];
}

/**
 * The demo staff of the README (demo mode only: prepareDatabase never calls this in production mode).
 * Known passwords and fixed TOTP secrets, so anyone can try the console; their codes are also served by
 * GET /api/v1/dev/staff-totp/:username.
 */
export const DEMO_STAFF: readonly DemoStaffAccount[] = [
  {
    username: 'gz.hrss.kefu',
    displayName: '陈晓敏（广州人社客服）',
    password: 'yss-demo-2026',
    totpSecret: 'GZHRSSKEFUDEMOTOTPSECRETAAAAAAAA',
    grants: [
      { role: 'service_desk', departmentId: 'gd-hrss', cityCode: '440100' },
      { role: 'service_desk', departmentId: 'shebao-agencies', cityCode: '440100' },
    ],
  },
  {
    username: 'sz.police.kefu',
    displayName: '黄振华（深圳公安客服）',
    password: 'yss-demo-2026',
    totpSecret: 'SZPOLICEKEFUDEMOTOTPSECRETAAAAAA',
    grants: [{ role: 'service_desk', departmentId: 'gd-public-security', cityCode: '440300' }],
  },
  {
    username: 'sz.police.reviewer',
    displayName: '林静（深圳公安审核）',
    password: 'yss-demo-2026',
    totpSecret: 'SZPOLICEREVIEWERDEMOTOTPSECRETAA',
    grants: [{ role: 'reviewer', departmentId: 'gd-public-security', cityCode: '440300' }],
  },
  {
    username: 'gz.police.reviewer',
    displayName: '郑伟明（广州公安审核）',
    password: 'yss-demo-2026',
    totpSecret: 'GZPOLICEREVIEWERDEMOTOTPSECRETAA',
    grants: [{ role: 'reviewer', departmentId: 'gd-public-security', cityCode: '440100' }],
  },
  {
    username: 'gz.hf.slots',
    displayName: '梁嘉欣（广州公积金号源管理）',
    password: 'yss-demo-2026',
    totpSecret: 'GZHFSLOTSDEMOTOTPSECRETAAAAAAAAA',
    grants: [{ role: 'slot_manager', departmentId: 'housing-fund-centres', cityCode: '440100' }],
  },
  {
    username: 'gz.civil.slots',
    displayName: '吴志强（广州民政号源管理）',
    password: 'yss-demo-2026',
    totpSecret: 'GZCIVILSLOTSDEMOTOTPSECRETAAAAAA',
    grants: [{ role: 'slot_manager', departmentId: 'gd-civil-affairs', cityCode: '440100' }],
  },
  {
    username: 'gz.traffic.slots',
    displayName: '黄志明（广州交警号源管理）',
    password: 'yss-demo-2026',
    totpSecret: 'GZTRAFFICSLOTSDEMOTOTPSECRETAAAA',
    grants: [{ role: 'slot_manager', departmentId: 'gd-traffic-police', cityCode: '440100' }],
  },
  {
    // 开锁便民服务's dispatch: publishes the locksmiths' visiting times and reads where each visit goes
    username: 'gz.locksmith.slots',
    displayName: '何志坚（广州开锁服务号源管理）',
    password: 'yss-demo-2026',
    totpSecret: 'GZLOCKSMITHSLOTSDEMOTOTPSECRETAA',
    grants: [{ role: 'slot_manager', departmentId: 'guangzhou-public-security', cityCode: '440100' }],
  },
  {
    username: 'gd.auditor',
    displayName: '周明（省政务服务数据管理局审计）',
    password: 'yss-demo-2026',
    totpSecret: 'GDAUDITORDEMOTOTPSECRETAAAAAAAAA',
    grants: [{ role: 'auditor', departmentId: 'gd-government-services-data', cityCode: null }],
  },
  {
    username: 'gd.platform.ops',
    displayName: '陈志远（省政务服务数据管理局平台运维）',
    password: 'yss-demo-2026',
    totpSecret: 'GDPLATFORMOPSDEMOTOTPSECRETAAAAA',
    grants: [{ role: 'platform_operator', departmentId: 'gd-government-services-data', cityCode: null }],
  },
  {
    // 核验单位管理 of 广州 only: registers its hotels, police stations, employers, coach stations and their verifiers
    username: 'gz.verifier.admin',
    displayName: '梁嘉欣（广州 核验单位管理）',
    password: 'yss-demo-2026',
    totpSecret: 'GZVERIFIERADMINDEMOTOTPSECRETAAA',
    grants: [{ role: 'verifier_admin', departmentId: 'gd-government-services-data', cityCode: '440100' }],
  },
  {
    username: 'gd.calendar.editor',
    displayName: '黄丽萍（省政务服务数据管理局事项管理）',
    password: 'yss-demo-2026',
    totpSecret: 'GDCALENDAREDITORDEMOTOTPSECRETAA',
    grants: [{ role: 'catalog_editor', departmentId: 'gd-government-services-data', cityCode: null }],
  },
  {
    username: 'fs.edu.editor',
    displayName: '何嘉怡（佛山教育事项管理）',
    password: 'yss-demo-2026',
    totpSecret: null,
    grants: [{ role: 'catalog_editor', departmentId: 'foshan-education', cityCode: '440600' }],
  },
  {
    username: 'gz.jifen.reviewer',
    displayName: '罗嘉豪（广州来穗局积分审核）',
    password: 'yss-demo-2026',
    totpSecret: 'GZJIFENREVIEWERDEMOTOTPSECRETAAA',
    grants: [{ role: 'reviewer', departmentId: 'guangzhou-migrant-services', cityCode: '440100' }],
  },
  {
    username: 'fs.huzheng.reviewer',
    displayName: '梁志伟（佛山公安户政审核）',
    password: 'yss-demo-2026',
    totpSecret: 'FSHUZHENGREVIEWERDEMOTOTPSECRETA',
    grants: [{ role: 'reviewer', departmentId: 'gd-public-security', cityCode: '440600' }],
  },
  {
    username: 'gz.hunyin.reviewer',
    displayName: '苏晓琳（广州民政婚姻登记审核）',
    password: 'yss-demo-2026',
    totpSecret: 'GZHUNYINREVIEWERDEMOTOTPSECRETAA',
    grants: [{ role: 'reviewer', departmentId: 'gd-civil-affairs', cityCode: '440100' }],
  },
  {
    username: 'gz.canlian.reviewer',
    displayName: '陈慧敏（广州残联审核）',
    password: 'yss-demo-2026',
    totpSecret: 'GZCANLIANREVIEWERDEMOTOTPSECRETA',
    grants: [{ role: 'reviewer', departmentId: 'gd-disabled-persons-federation', cityCode: '440100' }],
  },
  {
    // A second reviewer of the same office, so that 办件分派 (认领 / 分派给… / 退回) can be shown between two people.
    username: 'gz.canlian.reviewer2',
    displayName: '王丽娟（广州残联审核）',
    password: 'yss-demo-2026',
    totpSecret: 'GZCANLIANREVIEWER2DEMOTOTPSECRET',
    grants: [{ role: 'reviewer', departmentId: 'gd-disabled-persons-federation', cityCode: '440100' }],
  },
  {
    username: 'qy.civil.reviewer',
    displayName: '罗建华（清远民政审核）',
    password: 'yss-demo-2026',
    totpSecret: 'QYCIVILREVIEWERDEMOTOTPSECRETAAA',
    grants: [{ role: 'reviewer', departmentId: 'gd-civil-affairs', cityCode: '441800' }],
  },
  {
    username: 'gz.labour.reviewer',
    displayName: '邓丽华（广州劳动人事争议仲裁委审核）',
    password: 'yss-demo-2026',
    totpSecret: 'GZLABOURREVIEWERDEMOTOTPSECRETAA',
    grants: [{ role: 'reviewer', departmentId: 'labour-arbitration', cityCode: '440100' }],
  },
  {
    username: 'gz.justice.reviewer',
    displayName: '冯建国（广州司法行政审核）',
    password: 'yss-demo-2026',
    totpSecret: 'GZJUSTICEREVIEWERDEMOTOTPSECRETA',
    grants: [{ role: 'reviewer', departmentId: 'gd-justice', cityCode: '440100' }],
  },
  {
    username: 'gz.gas.reviewer',
    displayName: '罗志刚（广州燃气抄表审核）',
    password: 'yss-demo-2026',
    totpSecret: 'GZGASREVIEWERDEMOTOTPSECRETAAAAA',
    grants: [{ role: 'reviewer', departmentId: 'guangzhou-gas', cityCode: '440100' }],
  },
  {
    username: 'gz.traffic.reviewer',
    displayName: '黄志明（广州交警审核）',
    password: 'yss-demo-2026',
    totpSecret: 'GZTRAFFICREVIEWERDEMOTOTPSECRETA',
    grants: [{ role: 'reviewer', departmentId: 'gd-traffic-police', cityCode: '440100' }],
  },
  {
    username: 'gz.transport.reviewer',
    displayName: '冯丽（广州交通运输救援调度）',
    password: 'yss-demo-2026',
    totpSecret: 'GZTRANSPORTREVIEWERDEMOTOTPSECRE',
    grants: [{ role: 'reviewer', departmentId: 'gd-transport', cityCode: '440100' }],
  },
];

/** Insert the demo staff that are missing (idempotent; an existing account is left as it is). */
export async function seedDemoStaff(db: Db, cipher: FieldCipher): Promise<number> {
  let created = 0;
  for (const a of DEMO_STAFF) {
    if (await repo.findAccountByUsername(db, a.username)) continue;
    const result = await repo.insertAccount(
      db,
      {
        username: a.username,
        displayName: a.displayName,
        passwordHash: await hashStaffPassword(a.password),
        passwordChangeRequired: false,
        totpSecretEncrypted: a.totpSecret ? encryptTotpSecret(cipher, a.totpSecret) : null,
        totpConfirmed: a.totpSecret !== null,
      },
      a.grants.map(checkGrant),
    );
    if (result !== 'taken') created++;
  }
  return created;
}
