import {
  type CityCode,
  type ErrorCode,
  findCity,
  PENSION_CERTIFICATION_STATUS_LABELS,
  PENSION_DUE_SOON_DAYS,
  PENSION_SCHEME_LABELS,
  PENSION_SERVICE_ID,
  type PensionCertificationStatus,
  type PensionCertifyResult,
  type PensionSchemeCode,
  type PensionStatus,
  pensionSchemesOf,
} from '@yss/contracts';
import type { Db } from '../../db/database.js';
import type { Departments } from '../../departments/registry.js';
import { HK_MACAU_NOTICE, type PensionCertification } from '../../departments/social-insurance/contract.js';
import { AppError } from '../../http/app-error.js';
import { chinaDate, daysBetween } from '../appointments/china-time.js';
import type { AuditLog } from '../audit/index.js';
import type { IdentityService } from '../identity/index.js';
import type { OpenedLookup } from '../lookups/personal-gate.js';
import type { NotificationService } from '../notifications/index.js';
import * as repo from './repository.js';

/**
 * The 认证 accepts a verification this recent only: it stands for the live face comparison of a real deployment,
 * so the one made to open the page minutes ago does not count (the page asks again on 确认认证).
 */
export const CERTIFY_VERIFICATION_MAX_AGE_MS = 120_000;
/** A pending claim older than this was left behind by a stopped process: the next request takes it over. */
const STALE_CLAIM_MS = 60_000;
/** How long a second request waits for the first one's answer before saying it is still in progress. */
const WAIT_MS = 10_000;

const RELATION_NAMES: Record<string, string> = { parent: '父母', child: '子女', spouse: '配偶' };

export interface PensionCertificationDeps {
  db: Db;
  departments: Pick<Departments, 'socialInsurance'>;
  identity: Pick<IdentityService, 'lookupIdentity'>;
  notifications: Pick<NotificationService, 'deliver'>;
  audit: AuditLog;
  /** Whether an account holds a valid 社保卡 link in 我的证照 (the guide: 关联社保卡后，选择养老资格认证). */
  socialSecurityCardLinked: (accountId: string) => Promise<boolean>;
  now: () => Date;
}

const schemeName = (s: PensionSchemeCode) => PENSION_SCHEME_LABELS[s].label;
const cityName = (code: string) => findCity(code)?.name ?? code;
const subjectOf = (o: OpenedLookup) => ({ self: o.subject.self, nameMasked: o.subject.nameMasked });

/** valid / due soon / expired (the pension is suspended) / never certified, as of `today` (China date). */
export function certificationStatus(validUntil: string | null, today: string): PensionCertificationStatus {
  if (validUntil === null) return 'never';
  const left = daysBetween(today, validUntil);
  if (left < 0) return 'expired';
  return left <= PENSION_DUE_SOON_DAYS ? 'due-soon' : 'valid';
}

export function certificationView(c: PensionCertification, today: string) {
  const status = certificationStatus(c.validUntil, today);
  return {
    lastCertifiedOn: c.lastCertifiedOn,
    lastCertifiedBy: c.lastCertifiedBy,
    validUntil: c.validUntil,
    status,
    statusName: PENSION_CERTIFICATION_STATUS_LABELS[status],
    daysLeft: c.validUntil ? daysBetween(today, c.validUntil) : null,
  };
}

/**
 * 养老资格认证 (E4): the status of a pensioner's certification and the 认证 itself, for oneself or — through an
 * active delegation — for another person. The 人社 sandbox keeps the certifications; the platform checks the rules
 * of the guide (社保类型 of the city, the person's own pension), makes the 认证 safe to repeat (one per pensioner
 * per day), writes a 消息 with the next due date and audits who did it for whom.
 */
export class PensionCertificationService {
  constructor(private readonly d: PensionCertificationDeps) {}

  private get si() {
    return this.d.departments.socialInsurance;
  }

  /** The person's pension and certification; refuses people insured as Hong Kong/Macau residents (B4). */
  private async records(opened: OpenedLookup) {
    const idNumber = opened.subject.idNumber;
    const [{ person }, { certification }] = await Promise.all([
      this.si.client.insuredPerson({ idNumber }),
      this.si.client.pensionCertification({ idNumber }),
    ]);
    if (person?.hkMacauResident) {
      await this.audit(opened, 'lookup', 'failure', { outcome: 'hk-macau' });
      throw new AppError('SOCIAL_INSURANCE_HK_MACAU', HK_MACAU_NOTICE);
    }
    return { person, certification };
  }

  /** The pensioner's records, and whether the one acting has linked their own 社保卡, read side by side. */
  private async recordsAndLink(opened: OpenedLookup) {
    const [records, linked] = await Promise.all([
      this.records(opened),
      this.d.socialSecurityCardLinked(opened.ctx.accountId),
    ]);
    return { ...records, linked };
  }

  /**
   * Why the 认证 cannot be done on this page for this person in this city, or null. `linked`: whether the one
   * acting (oneself, or the family member doing it for another) has linked their own 社保卡 — the guide's way in is
   * 选择“社保”服务，关联社保卡后，选择养老资格认证，可本人办理或为他人办理. It is asked after the pension is found, so that
   * nobody is sent to link a card only to hear that no certification is due.
   */
  private blockerOf(
    person: Awaited<ReturnType<PensionCertificationService['records']>>['person'],
    certification: PensionCertification | null,
    city: CityCode,
    self: boolean,
    linked: boolean,
  ): { code: Extract<ErrorCode, `PENSION_${string}` | 'SOCIAL_SECURITY_CARD_REQUIRED'>; message: string } | null {
    const who = self ? '您' : '该家庭成员';
    if (person?.status === 'terminated') {
      return { code: 'PENSION_TERMINATED', message: `${who}已终止参保，无法进行养老资格认证。` };
    }
    if (!person || !certification) {
      return {
        code: 'PENSION_NOT_PENSIONER',
        message: `未查询到${who}的养老待遇领取记录，无需进行养老资格认证。`,
      };
    }
    if (!linked) {
      return {
        code: 'SOCIAL_SECURITY_CARD_REQUIRED',
        message: self
          ? '请先在“我的证照”中关联您的社保卡，关联后即可办理养老资格认证。'
          : '为他人办理养老资格认证，需先在“我的证照”中关联您本人的社保卡。',
      };
    }
    if (person.insuredCityCode !== city) {
      return {
        code: 'PENSION_CITY_MISMATCH',
        message: `${who}的养老待遇由${cityName(person.insuredCityCode)}发放，请将首页左上角的城市切换为${cityName(person.insuredCityCode)}后再办理。`,
      };
    }
    if (!pensionSchemesOf(city).includes(certification.scheme)) {
      return {
        code: 'PENSION_SCHEME_NOT_IN_CITY',
        message: `${cityName(city)}暂不支持${schemeName(certification.scheme)}在线认证，请携带身份证到当地社保经办机构办理。`,
      };
    }
    return null;
  }

  async status(opened: OpenedLookup, city: CityCode): Promise<PensionStatus> {
    const { person, certification, linked } = await this.recordsAndLink(opened);
    await this.audit(opened, 'lookup', 'success', {});
    const today = chinaDate(this.d.now());
    return {
      subject: subjectOf(opened),
      cityCode: city,
      schemes: pensionSchemesOf(city).map((scheme) => ({ scheme, name: schemeName(scheme) })),
      pension:
        person && certification
          ? {
              scheme: certification.scheme,
              schemeName: schemeName(certification.scheme),
              since: certification.pensionSince,
              insuredCityCode: person.insuredCityCode,
              insuredCityName: cityName(person.insuredCityCode),
            }
          : null,
      certification: certification ? certificationView(certification, today) : null,
      blocker: this.blockerOf(person, certification, city, opened.subject.self, linked),
      source: { department: this.si.spec.name, updatedAt: certification?.updatedAt ?? person?.updatedAt ?? null },
    };
  }

  async certify(opened: OpenedLookup, city: CityCode, scheme: PensionSchemeCode): Promise<PensionCertifyResult> {
    const { ctx, subject } = opened;
    const verifiedAt = ctx.verifiedAt?.getTime() ?? 0;
    if (Date.now() - verifiedAt > CERTIFY_VERIFICATION_MAX_AGE_MS) {
      await this.audit(opened, 'certify', 'denied', { outcome: 'verification-required' });
      throw new AppError(
        'VERIFICATION_REQUIRED',
        subject.self
          ? '养老资格认证需要本人现场刷脸：请完成刷脸或密码验证后再确认认证。'
          : '为他人办理养老资格认证需要您现场刷脸：请完成刷脸或密码验证后再确认认证。',
      );
    }
    const { person, certification, linked } = await this.recordsAndLink(opened);
    const blocker = this.blockerOf(person, certification, city, subject.self, linked);
    if (blocker) {
      await this.audit(opened, 'certify', 'failure', { outcome: blocker.code });
      throw new AppError(blocker.code, blocker.message);
    }
    const own = (certification as PensionCertification).scheme;
    if (scheme !== own) {
      await this.audit(opened, 'certify', 'failure', { outcome: 'PENSION_SCHEME_MISMATCH' });
      throw new AppError(
        'PENSION_SCHEME_MISMATCH',
        `${subject.self ? '您' : '该家庭成员'}领取的是${schemeName(own)}待遇，请选择“${schemeName(own)}”后再认证。`,
      );
    }
    const now = this.d.now();
    const today = chinaDate(now);
    // Certified today already (a double tap, a retry after a lost answer): the same answer, nothing recorded again.
    if (certification?.lastCertifiedOn === today && certification.validUntil) {
      await this.audit(opened, 'certify', 'success', { outcome: 'already-certified' });
      return this.result(opened, own, today, certification.validUntil, true);
    }
    const claim = { subjectPersonId: subject.personId, day: today, actorAccountId: ctx.accountId };
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const id = await repo.claim(this.d.db, { ...claim, delegationId: subject.delegationId });
      if (id) return this.certifyClaimed(opened, id, own, today);
      const live = await repo.liveClaim(this.d.db, subject.personId, today);
      if (live?.state === 'certified' && live.validUntil) {
        await this.audit(opened, 'certify', 'success', { outcome: 'already-certified' });
        return this.result(opened, own, today, live.validUntil, true);
      }
      if (live?.state === 'pending' && live.ageMs > STALE_CLAIM_MS) {
        if (await repo.takeOver(this.d.db, live.id, ctx.accountId, STALE_CLAIM_MS)) {
          return this.certifyClaimed(opened, live.id, own, today);
        }
      }
      if (Date.now() > deadline) {
        throw new AppError(
          'PENSION_CERTIFICATION_IN_PROGRESS',
          '认证正在处理中，请稍后刷新页面查看结果，无需重复提交。',
        );
      }
      // Another request holds the day: wait for its answer (or, if it failed, try again).
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async certifyClaimed(opened: OpenedLookup, claimId: string, scheme: PensionSchemeCode, today: string) {
    const { ctx, subject } = opened;
    let agentIdNumber: string | null = null;
    if (!subject.self) {
      const me = await this.d.identity.lookupIdentity(ctx.accountId);
      if (!me) {
        await repo.finish(this.d.db, claimId, 'failed', null);
        throw new AppError('REAL_NAME_REQUIRED', '请先完成实名认证，再为他人办理。');
      }
      agentIdNumber = me.idNumber;
    }
    let answer: Awaited<ReturnType<typeof this.si.client.certifyPension>>;
    try {
      answer = await this.si.client.certifyPension({ idNumber: subject.idNumber, agentIdNumber });
    } catch (err) {
      await repo.finish(this.d.db, claimId, 'failed', null);
      await this.audit(opened, 'certify', 'failure', { outcome: 'department-error' });
      throw err;
    }
    if (answer.outcome === 'refused') {
      await repo.finish(this.d.db, claimId, 'refused', null);
      await this.audit(opened, 'certify', 'failure', { outcome: answer.reason });
      throw new AppError(
        answer.reason === 'terminated' ? 'PENSION_TERMINATED' : 'PENSION_NOT_PENSIONER',
        `${answer.message}。`,
      );
    }
    const { certification } = answer;
    const certifiedOn = certification.lastCertifiedOn ?? today;
    const validUntil = certification.validUntil as string;
    await repo.finish(this.d.db, claimId, 'certified', validUntil);
    await this.audit(opened, 'certify', 'success', { outcome: 'certified', validUntil });
    await this.notify(opened, scheme, certifiedOn, validUntil);
    return this.result(opened, scheme, certifiedOn, validUntil, false);
  }

  private result(
    opened: OpenedLookup,
    scheme: PensionSchemeCode,
    certifiedOn: string,
    validUntil: string,
    alreadyCertified: boolean,
  ): PensionCertifyResult {
    return {
      subject: subjectOf(opened),
      scheme,
      schemeName: schemeName(scheme),
      certifiedOn,
      validUntil,
      alreadyCertified,
      source: { department: this.si.spec.name, updatedAt: this.d.now().toISOString() },
    };
  }

  /** 消息: to the one who did it and, when done for them, to the pensioner's own account. */
  private async notify(opened: OpenedLookup, scheme: PensionSchemeCode, on: string, validUntil: string) {
    const { ctx, subject } = opened;
    const occurredAt = this.d.now();
    const body = (whose: string) =>
      `${whose}已于${on}完成${schemeName(scheme)}养老资格认证，认证有效期至${validUntil}。请在有效期届满前再次认证，以免养老金暂停发放。`;
    const messages = [
      {
        accountId: ctx.accountId,
        kind: 'pension-update' as const,
        dedupeKey: `pension:${subject.personId}:${on}`,
        title: subject.self ? '养老资格认证成功' : `已为${subject.nameMasked}完成养老资格认证`,
        body: body(subject.self ? '您' : subject.nameMasked),
        link: '/pension-certification',
        occurredAt,
      },
    ];
    if (!subject.self && subject.accountId) {
      messages.push({
        accountId: subject.accountId,
        kind: 'pension-update',
        dedupeKey: `pension:${subject.personId}:${on}`,
        title: '家人已为您完成养老资格认证',
        body: body('您'),
        link: '/pension-certification',
        occurredAt,
      });
    }
    await this.d.notifications.deliver(messages);
  }

  private audit(
    opened: OpenedLookup,
    what: 'lookup' | 'certify',
    result: 'success' | 'failure' | 'denied',
    detail: Record<string, string>,
  ) {
    const { ctx, subject } = opened;
    return this.d.audit.record({
      action: what === 'lookup' ? `lookup.${PENSION_SERVICE_ID}` : `application.${PENSION_SERVICE_ID}`,
      result,
      actorKind: subject.self ? 'citizen' : 'agent',
      actorAccountId: ctx.accountId,
      subjectAccountId: subject.accountId,
      detail: {
        serviceId: PENSION_SERVICE_ID,
        what: what === 'lookup' ? '养老资格认证状态' : '养老资格认证',
        subjectPersonId: subject.personId,
        ...(subject.delegationId
          ? {
              delegationId: subject.delegationId,
              relation: subject.relation ? (RELATION_NAMES[subject.relation] ?? subject.relation) : '其他',
            }
          : {}),
        ...detail,
      },
      requestId: ctx.requestId,
    });
  }
}
