import {
  type AddedVerifierMember,
  type AddVerifierMemberInput,
  type ConsoleVerifierMember,
  type ConsoleVerifierOrganisation,
  type ConsoleVerifierOrganisationPage,
  type CreateVerifierOrganisationInput,
  STAR_RATING_ONLY_FOR_HOTELS,
  type UpdateVerifierOrganisationInput,
  VERIFIER_MEMBER_STATES,
  VERIFIER_ORGANISATIONS_PAGE_SIZE,
  type VerifierKind,
  type VerifierMemberState,
} from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { type Grant, grantCovers, openAccount, StaffAccountError } from '../staff/index.js';
import * as staffRepo from '../staff/repository.js';
import { presentOrganisation } from './organisations.js';
import type { TicketingStations } from './ticketing-stations.js';

/**
 * 核验单位管理: the register of verifier organisations and their verifiers' accounts, as a 核验单位管理员 keeps it for
 * the cities of their grants. Organisations are never deleted (their check-ins stay in citizens' 核验记录): they are
 * stopped (`active` false), and a stopped organisation's verifiers record nothing. A verifier who leaves is removed:
 * the membership goes, the account is disabled and its sessions end.
 */

const ORGANISATION_COLUMNS = [
  'o.id',
  'o.name',
  'o.kind',
  'o.city_code',
  'o.star_rating',
  'o.active',
  'o.created_at',
] as const;

type OrganisationRow = {
  id: string;
  name: string;
  kind: VerifierKind;
  city_code: string;
  star_rating: number | null;
  active: boolean;
  created_at: Date;
};

/** The cities a set of grants reaches: null for the whole province. */
function citiesOf(grants: readonly Grant[]): string[] | null {
  if (grants.some((g) => g.cityCode === null)) return null;
  return [...new Set(grants.map((g) => g.cityCode as string))];
}

export function covers(grants: readonly Grant[], cityCode: string): boolean {
  return grants.some((g) => grantCovers(g, { cityCode }));
}

function memberState(
  m: { password_change_required: boolean; totp_confirmed: boolean; locked_until: Date | null },
  now: Date,
): VerifierMemberState {
  if (m.password_change_required || !m.totp_confirmed) return 'first-login';
  if (m.locked_until && m.locked_until > now) return 'locked';
  return 'active';
}

export class VerifierRegister {
  constructor(
    private readonly db: Db,
    /** Coach stations' links to the ticketing system; without it (no coach module) none is shown as linked. */
    private readonly ticketing?: TicketingStations,
  ) {}

  /** A page of the organisations of the grants' cities, filtered; another city's filter finds nothing. */
  async list(
    grants: readonly Grant[],
    filter: { city?: string; kind?: VerifierKind; q?: string; page: number },
  ): Promise<ConsoleVerifierOrganisationPage> {
    const pageSize = VERIFIER_ORGANISATIONS_PAGE_SIZE;
    const empty = { items: [], total: 0, page: filter.page, pageSize };
    const cities = citiesOf(grants);
    if (filter.city && cities && !cities.includes(filter.city)) return empty;
    let q = this.db.selectFrom('verifier_organisations as o');
    if (filter.city) q = q.where('o.city_code', '=', filter.city);
    else if (cities) q = q.where('o.city_code', 'in', cities);
    if (filter.kind) q = q.where('o.kind', '=', filter.kind);
    // a name contains the text as typed: LIKE's own characters (% _ \) are escaped, not wildcards
    if (filter.q) q = q.where('o.name', 'ilike', `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const { n } = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const total = Number(n);
    if (total === 0) return empty;
    const rows = (await q
      .select([...ORGANISATION_COLUMNS])
      .orderBy('o.city_code')
      .orderBy('o.kind')
      .orderBy('o.name')
      .orderBy('o.id')
      .limit(pageSize)
      .offset((filter.page - 1) * pageSize)
      .execute()) as OrganisationRow[];
    return { items: await this.present(rows), total, page: filter.page, pageSize };
  }

  async find(id: string): Promise<OrganisationRow | undefined> {
    return (await this.db
      .selectFrom('verifier_organisations as o')
      .select([...ORGANISATION_COLUMNS])
      .where('o.id', '=', id)
      .executeTakeFirst()) as OrganisationRow | undefined;
  }

  async one(row: OrganisationRow): Promise<ConsoleVerifierOrganisation> {
    const [presented] = await this.present([row]);
    return presented as ConsoleVerifierOrganisation;
  }

  async create(input: CreateVerifierOrganisationInput): Promise<OrganisationRow> {
    const row = await this.db
      .insertInto('verifier_organisations')
      .values({
        name: input.name,
        kind: input.kind,
        city_code: input.cityCode,
        star_rating: input.kind === 'hotel' ? (input.starRating ?? null) : null,
      })
      .onConflict((oc) => oc.columns(['name', 'city_code']).doNothing())
      .returning(['id', 'name', 'kind', 'city_code', 'star_rating', 'active', 'created_at'])
      .executeTakeFirst();
    if (!row) {
      throw new AppError(
        'VERIFIER_ORGANISATION_EXISTS',
        `本市已登记名为“${input.name}”的核验单位，请在列表中找到它修改，或使用其他名称。`,
        [{ path: 'name', message: '本市已有同名的核验单位' }],
      );
    }
    return row as OrganisationRow;
  }

  /** Change a hotel's star rating and/or stop or restart an organisation; returns the row before and after. */
  async update(org: OrganisationRow, input: UpdateVerifierOrganisationInput) {
    if (input.starRating != null && org.kind !== 'hotel') {
      throw new AppError('VALIDATION_FAILED', STAR_RATING_ONLY_FOR_HOTELS, [
        { path: 'starRating', message: STAR_RATING_ONLY_FOR_HOTELS },
      ]);
    }
    const after = await this.db
      .updateTable('verifier_organisations')
      .set({
        ...(input.starRating !== undefined && org.kind === 'hotel' ? { star_rating: input.starRating } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      })
      .where('id', '=', org.id)
      .returning(['id', 'name', 'kind', 'city_code', 'star_rating', 'active', 'created_at'])
      .executeTakeFirstOrThrow();
    return after as OrganisationRow;
  }

  /**
   * Open a verifier's account in the organisation: a one-time password shown once, changed at the first login
   * (where the authenticator is enrolled). The account has no department grant; its membership lets it record
   * check-ins for the organisation, nothing else.
   */
  async addMember(org: OrganisationRow, input: AddVerifierMemberInput): Promise<AddedVerifierMember> {
    let opened: { id: string; username: string; password: string };
    try {
      opened = await openAccount(this.db, input, []);
    } catch (err) {
      if (err instanceof StaffAccountError && err.reason === 'taken') {
        throw new AppError('STAFF_USERNAME_TAKEN', `用户名“${input.username}”已被使用，请换一个。`, [
          { path: 'username', message: '该用户名已被使用' },
        ]);
      }
      throw err;
    }
    // organisations are never deleted, so the membership's reference holds
    await this.db.insertInto('verifier_members').values({ account_id: opened.id, organisation_id: org.id }).execute();
    const member = (await this.members([org.id])).get(org.id)?.find((m) => m.accountId === opened.id);
    if (!member) throw new Error('the new verifier is not listed');
    return { member, oneTimePassword: opened.password };
  }

  /** Remove a verifier: the membership goes, the account is disabled and its open sessions end. */
  async removeMember(org: OrganisationRow, accountId: string): Promise<ConsoleVerifierMember> {
    const member = (await this.members([org.id])).get(org.id)?.find((m) => m.accountId === accountId);
    if (!member) throw new AppError('VERIFIER_MEMBER_NOT_FOUND', '该核验单位没有这名核验人员，可能已被移除。');
    await this.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('verifier_members')
        .where('account_id', '=', accountId)
        .where('organisation_id', '=', org.id)
        .execute();
      await staffRepo.disableAccount(tx, accountId);
    });
    return member;
  }

  private async members(orgIds: string[]): Promise<Map<string, ConsoleVerifierMember[]>> {
    const byOrg = new Map<string, ConsoleVerifierMember[]>();
    if (orgIds.length === 0) return byOrg;
    const rows = await this.db
      .selectFrom('verifier_members as m')
      .innerJoin('staff_accounts as a', 'a.id', 'm.account_id')
      .select([
        'm.organisation_id',
        'm.created_at',
        'a.id',
        'a.username',
        'a.display_name',
        'a.password_change_required',
        'a.totp_confirmed',
        'a.locked_until',
      ])
      .where('m.organisation_id', 'in', orgIds)
      .where('a.disabled', '=', false)
      .orderBy('m.created_at')
      .execute();
    const now = new Date();
    for (const r of rows) {
      const state = memberState(r, now);
      const list = byOrg.get(r.organisation_id) ?? [];
      list.push({
        accountId: r.id,
        username: r.username,
        displayName: r.display_name,
        state,
        stateName: VERIFIER_MEMBER_STATES[state],
        addedAt: r.created_at.toISOString(),
      });
      byOrg.set(r.organisation_id, list);
    }
    return byOrg;
  }

  private async present(rows: OrganisationRow[]): Promise<ConsoleVerifierOrganisation[]> {
    const ids = rows.map((r) => r.id);
    const members = await this.members(ids);
    const counts = new Map<string, number>();
    if (ids.length) {
      const since = new Date(Date.now() - 30 * 86_400_000);
      const rowsCounted = await this.db
        .selectFrom('wallet_verifications')
        .select(['organisation_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where('organisation_id', 'in', ids)
        .where('checked_at', '>=', since)
        .groupBy('organisation_id')
        .execute();
      for (const r of rowsCounted) counts.set(r.organisation_id, Number(r.n));
    }
    const stationIds = rows.filter((r) => r.kind === 'coach-station').map((r) => r.id);
    const stations = this.ticketing && stationIds.length ? await this.ticketing.linked(stationIds) : new Map();
    return rows.map((r) => ({
      ...presentOrganisation(r),
      active: r.active,
      createdAt: r.created_at.toISOString(),
      members: members.get(r.id) ?? [],
      checkInsLast30Days: counts.get(r.id) ?? 0,
      ticketingStation: (r.kind === 'coach-station' && stations.get(r.id)) || null,
    }));
  }
}
