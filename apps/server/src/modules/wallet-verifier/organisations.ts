import {
  findCity,
  VERIFIER_KINDS,
  type VerifierKind,
  type VerifierOrganisation,
  WALLET_PURPOSES,
} from '@yss/contracts';
import type { Db } from '../../db/database.js';
import type { FieldCipher } from '../privacy/index.js';
import * as staffRepo from '../staff/repository.js';
import { encryptTotpSecret, hashStaffPassword } from '../staff/staff-service.js';

type OrganisationRow = { id: string; name: string; kind: VerifierKind; city_code: string; star_rating: number | null };

export function presentOrganisation(row: OrganisationRow): VerifierOrganisation {
  const purpose = VERIFIER_KINDS[row.kind].purpose;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    kindName: VERIFIER_KINDS[row.kind].name,
    cityCode: row.city_code,
    cityName: findCity(row.city_code)?.name ?? row.city_code,
    purpose: { id: purpose, name: WALLET_PURPOSES[purpose].name },
    starRating: row.star_rating,
  };
}

/** The (active) organisation a staff account records check-ins for, if it is a verifier. */
export async function organisationOfAccount(db: Db, accountId: string): Promise<OrganisationRow | undefined> {
  return db
    .selectFrom('verifier_members as m')
    .innerJoin('verifier_organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.id', 'o.name', 'o.kind', 'o.city_code', 'o.star_rating'])
    .where('m.account_id', '=', accountId)
    .where('o.active', '=', true)
    .executeTakeFirst();
}

/** The name of the stopped organisation an account belongs to, if it belongs to one (核验单位管理 → 停用). */
export async function stoppedOrganisationOf(db: Db, accountId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('verifier_members as m')
    .innerJoin('verifier_organisations as o', 'o.id', 'm.organisation_id')
    .select('o.name')
    .where('m.account_id', '=', accountId)
    .where('o.active', '=', false)
    .executeTakeFirst();
  return row?.name;
}

/** An organisation by name and city (they are unique together), active or not. */
export async function findOrganisation(db: Db, name: string, cityCode: string) {
  return db
    .selectFrom('verifier_organisations')
    .select(['id', 'name', 'kind', 'city_code', 'star_rating'])
    .where('name', '=', name)
    .where('city_code', '=', cityCode)
    .executeTakeFirst();
}

/** A verifier organisation as it is registered: a hotel with its star rating (none: unrated). */
export interface OrganisationInput {
  name: string;
  kind: VerifierKind;
  cityCode: string;
  starRating?: number | null;
}

/** Find or create an organisation (name + city is unique), and make an account its verifier. */
export async function addVerifier(db: Db, accountId: string, org: OrganisationInput): Promise<string> {
  await db
    .insertInto('verifier_organisations')
    .values({ name: org.name, kind: org.kind, city_code: org.cityCode, star_rating: org.starRating ?? null })
    // the rating of an organisation seeded before ratings were kept is filled in; a set one is left as it is
    .onConflict((oc) =>
      oc.columns(['name', 'city_code']).doUpdateSet({
        star_rating: (eb) => eb.fn.coalesce('verifier_organisations.star_rating', 'excluded.star_rating'),
      }),
    )
    .execute();
  const { id } = await db
    .selectFrom('verifier_organisations')
    .select('id')
    .where('name', '=', org.name)
    .where('city_code', '=', org.cityCode)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('verifier_members')
    .values({ account_id: accountId, organisation_id: id })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ organisation_id: id }))
    .execute();
  return id;
}

interface DemoAccount {
  username: string;
  displayName: string;
  totpSecret: string;
  /** A verifier of this organisation … */
  organisation?: OrganisationInput;
  /** … or an issuing department's staff member (console: 注销 / 暂停使用 / 恢复). */
  grants?: { role: string; departmentId: string; cityCode: string | null }[];
}

/**
 * The demo verifiers (one per kind) and the issuing departments' certificate staff (demo mode only, like
 * DEMO_STAFF: known password yss-demo-2026, fixed TOTP secrets, codes at GET /api/v1/dev/staff-totp/:username).
 */
export const DEMO_VERIFIER_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'gz.hotel.clerk',
    displayName: '王丽（广州白云宾馆前台）',
    totpSecret: 'GZHOTELCLERKDEMOTOTPSECRETAAAAAA',
    organisation: { name: '广州白云宾馆', kind: 'hotel', cityCode: '440100', starRating: 4 },
  },
  {
    // A two-star hotel: the e-ID is not for its check-ins (the guide: 三星级及以上酒店), a passport is.
    username: 'gz.inn.clerk',
    displayName: '何静（广州东风宾馆前台）',
    totpSecret: 'GZINNCLERKDEMOTOTPSECRETAAAAAAAA',
    organisation: { name: '广州东风宾馆', kind: 'hotel', cityCode: '440100', starRating: 2 },
  },
  {
    username: 'sz.police.officer',
    displayName: '李强（深圳市公安局福田分局民警）',
    totpSecret: 'SZPOLICEOFFICERDEMOTOTPSECRETAAA',
    organisation: { name: '深圳市公安局福田分局', kind: 'police', cityCode: '440300' },
  },
  {
    username: 'gz.employer.hr',
    displayName: '赵敏（广州粤信科技有限公司人事）',
    totpSecret: 'GZEMPLOYERHRDEMOTOTPSECRETAAAAAA',
    organisation: { name: '广州粤信科技有限公司', kind: 'employer', cityCode: '440100' },
  },
  {
    username: 'fs.coach.clerk',
    displayName: '陈刚（佛山汽车站售票员）',
    totpSecret: 'FSCOACHCLERKDEMOTOTPSECRETAAAAAA',
    organisation: { name: '佛山汽车站', kind: 'coach-station', cityCode: '440600' },
  },
  {
    username: 'gz.coach.clerk',
    displayName: '黄敏（广州市汽车客运站检票员）',
    totpSecret: 'GZCOACHCLERKDEMOTOTPSECRETAAAAAA',
    organisation: { name: '广州市汽车客运站', kind: 'coach-station', cityCode: '440100' },
  },
  {
    username: 'gd.police.zhengzhao',
    displayName: '吴敏（省公安厅户政 证照管理）',
    totpSecret: 'GDPOLICEZHENGZHAODEMOTOTPSECRETA',
    grants: [{ role: 'reviewer', departmentId: 'gd-public-security', cityCode: null }],
  },
  {
    username: 'gd.traffic.zhengzhao',
    displayName: '郑伟（省公安厅交通管理局 证照管理）',
    totpSecret: 'GDTRAFFICZHENGZHAODEMOTOTPSECRET',
    grants: [{ role: 'reviewer', departmentId: 'gd-traffic-police', cityCode: null }],
  },
  {
    // 注册志愿者证 is issued by the volunteer registry (广东省志愿者联合会), so its reviewer is the registry's.
    username: 'gd.volunteers.zhengzhao',
    displayName: '林静（省志愿者联合会 证照管理）',
    totpSecret: 'GDVOLUNTEERSZHENGZHAODEMOTOTPSEC',
    grants: [{ role: 'reviewer', departmentId: 'gd-volunteers', cityCode: null }],
  },
];
export const DEMO_VERIFIER_PASSWORD = 'yss-demo-2026';

/** Insert the demo verifier and certificate-staff accounts that are missing (idempotent). */
export async function seedDemoVerifiers(db: Db, cipher: FieldCipher): Promise<number> {
  let created = 0;
  for (const a of DEMO_VERIFIER_ACCOUNTS) {
    let account = await staffRepo.findAccountByUsername(db, a.username);
    if (!account) {
      const result = await staffRepo.insertAccount(
        db,
        {
          username: a.username,
          displayName: a.displayName,
          passwordHash: await hashStaffPassword(DEMO_VERIFIER_PASSWORD),
          passwordChangeRequired: false,
          totpSecretEncrypted: encryptTotpSecret(cipher, a.totpSecret),
          totpConfirmed: true,
        },
        a.grants ?? [],
      );
      if (result === 'taken') continue;
      created++;
      account = await staffRepo.findAccountByUsername(db, a.username);
    }
    if (account && a.organisation) await addVerifier(db, account.id, a.organisation);
  }
  return created;
}
