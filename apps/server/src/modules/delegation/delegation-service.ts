import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import {
  type ActingSubject,
  type AddFamilyMemberInput,
  CONSENT_METHOD_LABELS,
  type ConsentInput,
  DELEGATION_STATUS_LABELS,
  type Delegation,
  type DelegationList,
  type DelegationStatus,
  parseResidentId,
  type SmsSendReceipt,
} from '@yss/contracts';
import type { Db } from '../../db/database.js';
import type { PopulationRegister, RegisteredPerson } from '../../departments/population-register/contract.js';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { AuthContext, IdentityService, PasskeyService } from '../identity/index.js';
import { type FieldCipher, maskIdNumber, maskName, maskPhone } from '../privacy/index.js';
import * as repo from './repository.js';

/** The associated data of a delegation's sealed principal ID number: the same for every row. */
export const PRINCIPAL_ID_NUMBER_AAD = 'delegation.principal_id_number';
/** A consent request the principal has not confirmed lapses after a week. */
const PENDING_DAYS = 7;
/** Under this age a person cannot consent; a parent acts as guardian (监护人). */
const GUARDIAN_AGE = 14;
const DAY_MS = 86_400_000;

export interface DelegationDeps {
  db: Db;
  cipher: FieldCipher;
  identity: IdentityService;
  passkeys: PasskeyService;
  register: PopulationRegister;
  catalog: CatalogService;
  audit: AuditLog;
}

/** Who the agent acts for, after every check: what a personal-data route needs to ask a department. */
export interface ActingFor {
  delegationId: string;
  principalPersonId: string;
  principalIdNumber: string;
  principalAccountId: string | null;
  principalNameMasked: string;
  /** How the principal is related to the agent in the population register (parent, child, spouse), if at all. */
  relation: string | null;
}

/**
 * 为他人办理. A delegation is created by the agent (代办人) and takes effect only when the principal
 * (被代办人) consents — in their own account, or on the agent's phone with their own PIN, passkey or an SMS
 * code sent to their phone registered with 公安. A child under 14 cannot consent: a parent whom the
 * population register links to the child gets a guardian link until the 14th birthday. Either side may
 * revoke at any time; every action records the actor and the subject.
 */
export class DelegationService {
  constructor(private readonly d: DelegationDeps) {}

  // ---- the agent ----

  async add(ctx: AuthContext, input: AddFamilyMemberInput & { validDays: number }): Promise<Delegation> {
    await this.d.identity.requireFreshVerification(ctx, 'delegation.add');
    const agent = await this.requireRealName(ctx.accountId);
    const parsed = parseResidentId(input.idNumber);
    if (!parsed.ok)
      throw new AppError('ID_NUMBER_INVALID', parsed.message, [{ path: 'idNumber', message: parsed.message }]);
    const match = await this.d.register.matchIdentity({ name: input.name, idNumber: input.idNumber });
    const person = match.matched ? await this.d.register.getPerson(input.idNumber) : undefined;
    if (person?.status !== 'normal') {
      await this.d.identity.audit(ctx, 'delegation.add', 'failure', { reason: 'mismatch' });
      throw new AppError('FAMILY_MEMBER_MISMATCH', '姓名与身份证号码不一致，或该人员的户籍信息不可用。请核对后重试。');
    }
    if (person.personId === agent.personId) throw new AppError('DELEGATION_NOT_ALLOWED', '不能添加本人为家庭成员。');
    const services = this.delegableServices(input.serviceIds);
    const family = await this.d.register.familyOf(agent.idNumber);
    const relation = family.find((f) => f.person.personId === person.personId)?.relation ?? null;
    const guardian = ageOn(person.birthDate, new Date()) < GUARDIAN_AGE;
    if (guardian && relation !== 'child') {
      await this.d.identity.audit(ctx, 'delegation.add', 'denied', { reason: 'minor-not-own-child' });
      throw new AppError('DELEGATION_NOT_ALLOWED', '未满14周岁的未成年人，只能由户籍登记为其父母的监护人添加。');
    }
    const principalAccount = await this.d.identity.findAccountByPersonId(person.personId);
    const row = await repo.insertDelegation(this.d.db, {
      agent_account_id: ctx.accountId,
      principal_person_id: person.personId,
      principal_id_number_encrypted: this.d.cipher.encrypt(person.idNumber, PRINCIPAL_ID_NUMBER_AAD),
      principal_id_number_index: this.d.cipher.blindIndex(person.idNumber, 'id-number'),
      principal_name_masked: maskName(person.name),
      principal_id_number_masked: maskIdNumber(person.idNumber),
      relation,
      kind: guardian ? 'guardian' : 'consent',
      service_ids: services,
      status: guardian ? 'active' : 'pending',
      consent_method: guardian ? 'guardian' : null,
      consented_at: guardian ? new Date() : null,
      valid_until: guardian ? fourteenthBirthday(person.birthDate) : new Date(Date.now() + PENDING_DAYS * DAY_MS),
      valid_days: input.validDays,
    });
    if (row === 'exists') {
      throw new AppError('DELEGATION_EXISTS', '您已添加过该家庭成员，请在列表中查看或先解除原授权。');
    }
    await this.auditFor(ctx, 'delegation.add', 'success', row, principalAccount?.id ?? null, 'citizen');
    return this.present(row, 'agent');
  }

  /** Send the consent code to the principal's phone registered with 公安 (not a number the agent types). */
  async sendConsentSms(ctx: AuthContext, id: string): Promise<SmsSendReceipt> {
    const row = await this.pendingOfAgent(ctx, id);
    const person = await this.principalPerson(row);
    if (!person?.phone) {
      throw new AppError('CONSENT_UNAVAILABLE', '对方没有在公安机关登记手机号码，请使用其他方式确认。');
    }
    const agent = await this.d.identity.getAccount(ctx.accountId);
    const what = `${agent.name_masked ?? '他人'}申请在“粤省事”为您代办${row.service_ids.length}项服务，期限${row.valid_days}天。同意请将`;
    return this.d.identity.sendSmsCode(person.phone, 'consent', ctx.requestId, what);
  }

  async consentPasskeyOptions(ctx: AuthContext, id: string) {
    const row = await this.pendingOfAgent(ctx, id);
    const account = await this.d.identity.findAccountByPersonId(row.principal_person_id);
    if (!account || !(await this.d.passkeys.hasPasskey(account.id))) {
      throw new AppError('CONSENT_UNAVAILABLE', '对方尚未开通刷脸登录，请使用其他方式确认。');
    }
    return this.d.passkeys.verifyOptionsFor(account.id);
  }

  /** The principal confirms on the agent's phone with their own factor. */
  async consentOnAgentDevice(ctx: AuthContext, id: string, input: ConsentInput): Promise<Delegation> {
    const row = await this.pendingOfAgent(ctx, id);
    const account = await this.d.identity.findAccountByPersonId(row.principal_person_id);
    let method: 'principal-sms' | 'principal-pin' | 'principal-passkey';
    if (input.method === 'sms') {
      const person = await this.principalPerson(row);
      if (!person?.phone)
        throw new AppError('CONSENT_UNAVAILABLE', '对方没有在公安机关登记手机号码，请使用其他方式确认。');
      await this.d.identity.consumeConsentCode(person.phone, input.code);
      method = 'principal-sms';
    } else if (input.method === 'pin') {
      if (!account) throw new AppError('CONSENT_UNAVAILABLE', '对方还没有“粤省事”账号，请使用短信验证码确认。');
      await this.d.identity.checkPrincipalPin(account.id, input.pin, ctx.requestId);
      method = 'principal-pin';
    } else {
      const proven =
        account &&
        (await this.d.passkeys.checkAssertion(
          input.response as unknown as AuthenticationResponseJSON,
          'verify',
          account.id,
        ));
      if (!proven) {
        await this.auditFor(ctx, 'delegation.consent', 'failure', row, account?.id ?? null, 'citizen', {
          method: 'principal-passkey',
        });
        throw new AppError('PASSKEY_FAILED', '对方刷脸验证未通过，请重试或使用其他方式确认。');
      }
      method = 'principal-passkey';
    }
    return this.activate(ctx, row, method, account?.id ?? null);
  }

  // ---- the principal ----

  async approve(ctx: AuthContext, id: string): Promise<Delegation> {
    const row = await this.ofPrincipal(ctx, id);
    await this.d.identity.requireFreshVerification(ctx, 'delegation.approve');
    if (displayStatus(row) !== 'pending') throw new AppError('DELEGATION_INACTIVE', '该授权申请已失效或已处理。');
    return this.activate(ctx, row, 'principal-account', ctx.accountId);
  }

  async decline(ctx: AuthContext, id: string): Promise<Delegation> {
    const row = await this.ofPrincipal(ctx, id);
    if (!(await repo.decline(this.d.db, row.id)))
      throw new AppError('DELEGATION_INACTIVE', '该授权申请已失效或已处理。');
    await this.auditFor(ctx, 'delegation.decline', 'success', row, ctx.accountId, 'citizen');
    return this.present(await this.reload(row.id), 'principal');
  }

  // ---- either side ----

  async list(ctx: AuthContext): Promise<DelegationList> {
    await this.d.identity.requireFreshVerification(ctx, 'delegation.list');
    const me = await this.d.identity.realIdentity(ctx.accountId);
    const [asAgent, asPrincipal] = await Promise.all([
      repo.listForAgent(this.d.db, ctx.accountId),
      me ? repo.listForPrincipal(this.d.db, me.personId) : [],
    ]);
    return {
      asAgent: await Promise.all(asAgent.map((r) => this.present(r, 'agent'))),
      asPrincipal: await Promise.all(asPrincipal.map((r) => this.present(r, 'principal'))),
    };
  }

  /** 解除授权: the agent or the principal, at any time; takes effect at once. */
  async revoke(ctx: AuthContext, id: string): Promise<Delegation> {
    const row = await repo.findDelegation(this.d.db, id);
    const side = row ? await this.sideOf(ctx, row) : null;
    if (!row || !side) throw new AppError('NOT_FOUND', '找不到该授权。');
    if (!(await repo.revoke(this.d.db, row.id, side)))
      throw new AppError('DELEGATION_INACTIVE', '该授权已失效，无需解除。');
    const principalAccountId =
      side === 'principal'
        ? ctx.accountId
        : ((await this.d.identity.findAccountByPersonId(row.principal_person_id))?.id ?? null);
    await this.auditFor(ctx, 'delegation.revoke', 'success', row, principalAccountId, 'citizen', { by: side });
    return this.present(await this.reload(row.id), side);
  }

  // ---- acting ----

  /**
   * The gate of every personal-data route used for someone else: the caller must be the agent of an active,
   * unexpired delegation that covers the service. Denials are audited against the principal.
   */
  async authorise(ctx: AuthContext, delegationId: string, serviceId: string | null): Promise<ActingFor> {
    const row = await repo.findDelegation(this.d.db, delegationId);
    if (!row || row.agent_account_id !== ctx.accountId) throw new AppError('NOT_FOUND', '找不到该授权。');
    const principalAccountId = (await this.d.identity.findAccountByPersonId(row.principal_person_id))?.id ?? null;
    const status = displayStatus(row);
    const covers = serviceId === null || row.service_ids.includes(serviceId);
    if (status !== 'active' || !covers) {
      await this.auditFor(ctx, 'delegation.act', 'denied', row, principalAccountId, 'agent', {
        reason: status !== 'active' ? status : 'scope',
        serviceId,
      });
      throw new AppError(
        'DELEGATION_INACTIVE',
        status !== 'active'
          ? `该授权${DELEGATION_STATUS_LABELS[status]}，不能再为对方办理。`
          : '该授权不包含此项服务，请对方重新授权。',
      );
    }
    return {
      delegationId: row.id,
      principalPersonId: row.principal_person_id,
      principalIdNumber: this.d.cipher.decrypt(row.principal_id_number_encrypted, PRINCIPAL_ID_NUMBER_AAD),
      principalAccountId,
      principalNameMasked: row.principal_name_masked,
      relation: row.relation,
    };
  }

  /**
   * The principal as an applicant (办件, 预约 made for them): `authorise`'s checks, then their name and ID number from
   * the population register — the form's fixed applicant fields are read here, never typed by the agent.
   */
  async actingApplicant(
    ctx: AuthContext,
    delegationId: string,
    serviceId: string,
  ): Promise<ActingFor & { principalName: string; kind: 'consent' | 'guardian' }> {
    const acting = await this.authorise(ctx, delegationId, serviceId);
    const [row, person] = await Promise.all([
      this.reload(delegationId),
      this.d.register.getPerson(acting.principalIdNumber),
    ]);
    if (person?.status !== 'normal') throw new AppError('NOT_FOUND', '找不到对方的户籍信息。');
    return { ...acting, principalName: person.name, kind: row.kind };
  }

  /** 被代办人基本信息: what the agent sees about the principal while acting (masked), audited as a read. */
  async actingSubject(ctx: AuthContext, delegationId: string): Promise<ActingSubject> {
    await this.d.identity.requireFreshVerification(ctx, 'delegation.subject');
    const acting = await this.authorise(ctx, delegationId, null);
    const row = await this.reload(delegationId);
    const person = await this.d.register.getPerson(acting.principalIdNumber);
    if (!person) throw new AppError('NOT_FOUND', '找不到对方的户籍信息。');
    await this.auditFor(ctx, 'delegation.subject.read', 'success', row, acting.principalAccountId, 'agent');
    return {
      delegationId: row.id,
      nameMasked: maskName(person.name),
      idNumberMasked: maskIdNumber(person.idNumber),
      sex: person.sex,
      age: ageOn(person.birthDate, new Date()),
      hukouCityCode: person.hukouCityCode,
      relationLabel: relationLabel(row.relation, person.sex, 'agent'),
      services: this.serviceNames(row.service_ids),
      validUntil: row.valid_until.toISOString(),
    };
  }

  // ---- helpers ----

  private async activate(
    ctx: AuthContext,
    row: repo.DelegationRow,
    method: 'principal-account' | 'principal-sms' | 'principal-pin' | 'principal-passkey',
    principalAccountId: string | null,
  ) {
    const ok = await repo.activate(this.d.db, row.id, {
      consentMethod: method,
      validUntil: new Date(Date.now() + row.valid_days * DAY_MS),
    });
    if (!ok) throw new AppError('DELEGATION_INACTIVE', '该授权申请已失效或已处理，请重新添加。');
    await this.auditFor(ctx, 'delegation.consent', 'success', row, principalAccountId, 'citizen', { method });
    return this.present(await this.reload(row.id), method === 'principal-account' ? 'principal' : 'agent');
  }

  private async requireRealName(accountId: string) {
    const me = await this.d.identity.realIdentity(accountId);
    if (!me) throw new AppError('REAL_NAME_REQUIRED', '请先完成实名认证，再添加家庭成员。');
    return me;
  }

  private delegableServices(ids: string[]): string[] {
    const unique = [...new Set(ids)];
    const snapshot = this.d.catalog.current;
    const refused = unique.filter((id) => snapshot.findService(id)?.who_may_act !== 'self-or-others');
    if (refused.length > 0) {
      const names = refused.map((id) => snapshot.findService(id)?.name ?? id).join('、');
      throw new AppError('SERVICE_NOT_DELEGABLE', `以下服务只能本人办理，不能授权他人代办：${names}。`, [
        { path: 'serviceIds', message: names },
      ]);
    }
    return unique;
  }

  private serviceNames(ids: string[]) {
    const snapshot = this.d.catalog.current;
    return ids.map((id) => ({ id, name: snapshot.findService(id)?.name ?? id }));
  }

  private async pendingOfAgent(ctx: AuthContext, id: string) {
    const row = await repo.findDelegation(this.d.db, id);
    if (!row || row.agent_account_id !== ctx.accountId) throw new AppError('NOT_FOUND', '找不到该授权。');
    if (displayStatus(row) !== 'pending')
      throw new AppError('DELEGATION_INACTIVE', '该授权申请已失效或已处理，请重新添加。');
    return row;
  }

  private async ofPrincipal(ctx: AuthContext, id: string) {
    const row = await repo.findDelegation(this.d.db, id);
    if (!row || (await this.sideOf(ctx, row)) !== 'principal') throw new AppError('NOT_FOUND', '找不到该授权。');
    return row;
  }

  private async sideOf(ctx: AuthContext, row: repo.DelegationRow): Promise<'agent' | 'principal' | null> {
    if (row.agent_account_id === ctx.accountId) return 'agent';
    const me = await this.d.identity.realIdentity(ctx.accountId);
    return me?.personId === row.principal_person_id ? 'principal' : null;
  }

  private async reload(id: string) {
    const row = await repo.findDelegation(this.d.db, id);
    if (!row) throw new AppError('NOT_FOUND', '找不到该授权。');
    return row;
  }

  private principalPerson(row: repo.DelegationRow): Promise<RegisteredPerson | undefined> {
    return this.d.register.getPerson(this.d.cipher.decrypt(row.principal_id_number_encrypted, PRINCIPAL_ID_NUMBER_AAD));
  }

  private async present(row: repo.DelegationRow, role: 'agent' | 'principal'): Promise<Delegation> {
    const status = displayStatus(row);
    let otherParty: Delegation['otherParty'];
    let consentOptions: Delegation['consentOptions'] = null;
    if (role === 'agent') {
      const person = await this.principalPerson(row);
      otherParty = {
        nameMasked: row.principal_name_masked,
        idNumberMasked: row.principal_id_number_masked,
        relationLabel: relationLabel(row.relation, person?.sex ?? null, 'agent'),
      };
      if (status === 'pending') {
        const account = await this.d.identity.findAccountByPersonId(row.principal_person_id);
        consentOptions = {
          account: account !== undefined,
          smsPhoneMasked: person?.phone ? maskPhone(person.phone) : null,
          pin: Boolean(account?.pin_hash),
          passkey: account ? await this.d.passkeys.hasPasskey(account.id) : false,
        };
      }
    } else {
      const agent = await this.d.identity.realIdentity(row.agent_account_id);
      const sex = agent ? (parseResidentId(agent.idNumber) as { sex?: 'male' | 'female' }).sex : undefined;
      otherParty = {
        nameMasked: agent?.nameMasked ?? '—',
        idNumberMasked: agent ? maskIdNumber(agent.idNumber) : null,
        relationLabel: relationLabel(row.relation, sex ?? null, 'principal'),
      };
    }
    return {
      id: row.id,
      role,
      kind: row.kind,
      otherParty,
      status,
      statusLabel: DELEGATION_STATUS_LABELS[status],
      services: this.serviceNames(row.service_ids),
      validUntil: status === 'pending' ? null : row.valid_until.toISOString(),
      consentMethod: row.consent_method,
      consentMethodLabel: row.consent_method ? CONSENT_METHOD_LABELS[row.consent_method] : null,
      consentedAt: row.consented_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
      consentOptions,
    };
  }

  private auditFor(
    ctx: AuthContext,
    action: string,
    result: 'success' | 'denied' | 'failure',
    row: repo.DelegationRow,
    principalAccountId: string | null,
    actorKind: 'citizen' | 'agent',
    extra: Record<string, unknown> = {},
  ) {
    return this.d.audit.record({
      action,
      result,
      actorKind,
      actorAccountId: ctx.accountId,
      subjectAccountId: principalAccountId,
      // subjectPersonId lets a principal who opens an account later still find this in 我的访问记录.
      detail: { delegationId: row.id, subjectPersonId: row.principal_person_id, ...extra },
      requestId: ctx.requestId,
    });
  }
}

/** pending/active past their deadline read as expired; nothing needs to run to expire them. */
export function displayStatus(row: repo.DelegationRow, now = Date.now()): DelegationStatus {
  if ((row.status === 'pending' || row.status === 'active') && row.valid_until.getTime() <= now) return 'expired';
  return row.status;
}

/** Whole years on a date (China time is close enough at day granularity for an age threshold). */
export function ageOn(birthDate: string, on: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const today = new Date(on.getTime() + 8 * 3_600_000); // Asia/Shanghai, no DST
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age -= 1;
  return age;
}

/** Midnight (China time) of the 14th birthday: when a guardian link ends and the child's own consent counts. */
export function fourteenthBirthday(birthDate: string): Date {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  // 29 February births turn 14 on 1 March in a common year (Date.UTC rolls over).
  return new Date(Date.UTC(y + GUARDIAN_AGE, m - 1, d) - 8 * 3_600_000);
}

/**
 * What the other person is to the viewer. `relation` is what the principal is to the agent in the register;
 * `sex` is the other person's.
 */
export function relationLabel(
  relation: repo.DelegationRow['relation'],
  sex: 'male' | 'female' | null,
  viewer: 'agent' | 'principal',
): string | null {
  if (!relation) return null;
  const theirRole =
    viewer === 'agent' ? relation : relation === 'parent' ? 'child' : relation === 'child' ? 'parent' : 'spouse';
  if (theirRole === 'spouse') return sex === 'male' ? '丈夫' : sex === 'female' ? '妻子' : '配偶';
  if (theirRole === 'parent') return sex === 'male' ? '父亲' : sex === 'female' ? '母亲' : '父母';
  return sex === 'male' ? '儿子' : sex === 'female' ? '女儿' : '子女';
}
