import type { CityCode, RecordSubject } from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { DelegationService } from '../delegation/index.js';
import type { AuthContext, IdentityService } from '../identity/index.js';

/** Whose records a personal lookup reads: the verified caller, or the principal of a delegation. */
export interface LookupSubject extends RecordSubject {
  personId: string;
  /** Sent to the department; never returned to the browser. */
  idNumber: string;
  accountId: string | null;
  delegationId: string | null;
  /** Acting: how the principal is related to the agent (parent, child, spouse …), null if unknown or self. */
  relation?: string | null;
}

export interface OpenedLookup {
  ctx: AuthContext;
  subject: LookupSubject;
}

export interface PersonalGateDeps {
  identity: IdentityService;
  delegations: DelegationService;
  catalog: CatalogService;
  audit: AuditLog;
  authenticate(req: FastifyRequest): Promise<AuthContext>;
}

/**
 * The one way into a personal lookup (issue 5): logged in, a fresh passkey/PIN verification (the guide:
 * 人脸识别验证 before any personal information), the service offered in the chosen city (in the guide's
 * words otherwise), and — when acting for someone (`?for=<delegationId>`) — an active delegation covering
 * this service. Every read is audited with actor and subject.
 */
export class PersonalLookupGate {
  constructor(private readonly d: PersonalGateDeps) {}

  /** Refuses a service the city does not offer, with the catalog's wording (暂仅支持广州 …). */
  requireOfferedIn(serviceId: string, city: CityCode) {
    const detail = this.d.catalog.current.entry(serviceId, city);
    if (!detail) throw new AppError('SERVICE_NOT_FOUND', '找不到该服务。');
    if (!detail.available) {
      const cityName = this.d.catalog.current.cities.find((c) => c.code === city)?.name ?? city;
      throw new AppError(
        'SERVICE_NOT_IN_CITY',
        `${detail.name}${detail.unavailableReason ?? '暂不支持当前城市'}，当前城市为${cityName}。`,
      );
    }
  }

  async open(
    req: FastifyRequest,
    o: { serviceId: string; city?: CityCode; forDelegation?: string },
  ): Promise<OpenedLookup> {
    const ctx = await this.d.authenticate(req);
    await this.d.identity.requireFreshVerification(ctx, o.serviceId);
    if (o.city) this.requireOfferedIn(o.serviceId, o.city);
    if (o.forDelegation) {
      const acting = await this.d.delegations.authorise(ctx, o.forDelegation, o.serviceId);
      return {
        ctx,
        subject: {
          self: false,
          nameMasked: acting.principalNameMasked,
          personId: acting.principalPersonId,
          idNumber: acting.principalIdNumber,
          accountId: acting.principalAccountId,
          delegationId: acting.delegationId,
          relation: acting.relation,
        },
      };
    }
    const me = await this.d.identity.lookupIdentity(ctx.accountId);
    if (!me) throw new AppError('REAL_NAME_REQUIRED', '请先完成实名认证，再查询个人信息。');
    return {
      ctx,
      subject: {
        self: true,
        nameMasked: me.nameMasked,
        personId: me.personId,
        idNumber: me.idNumber,
        accountId: ctx.accountId,
        delegationId: null,
      },
    };
  }

  /** Audit a personal read (what, whose, by whom, on which delegation). */
  recordRead(opened: OpenedLookup, serviceId: string, result: 'success' | 'failure' = 'success') {
    const { ctx, subject } = opened;
    return this.d.audit.record({
      action: `lookup.${serviceId}`,
      result,
      actorKind: subject.self ? 'citizen' : 'agent',
      actorAccountId: ctx.accountId,
      subjectAccountId: subject.accountId,
      detail: {
        serviceId,
        what: this.d.catalog.current.findService(serviceId)?.name ?? serviceId,
        subjectPersonId: subject.personId,
        ...(subject.delegationId ? { delegationId: subject.delegationId } : {}),
      },
      requestId: ctx.requestId,
    });
  }
}
