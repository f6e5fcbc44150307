import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { DelegationService } from '../delegation/index.js';
import type { AuthContext, IdentityService } from '../identity/index.js';
import { maskName } from '../privacy/index.js';

export interface SelfOnlyGateDeps {
  identity: IdentityService;
  delegations: DelegationService;
  audit: AuditLog;
  /** Which services may be used for someone else (the catalog's 本人或为他人办理). */
  catalog: CatalogService;
  authenticate(req: FastifyRequest): Promise<AuthContext>;
}

/** What a citizen's area says, in Chinese, when it refuses. */
export interface SelfOnlyRefusals {
  /** `?for=` on a delegation the caller may use, for a service only its applicant uses (or a route that reads). */
  forOthers: string;
  /** No 实名认证 yet. */
  realNameRequired: string;
}

/** The caller as the person whose records they see: their account, and their person in the register. */
export interface Viewer {
  accountId: string;
  personId: string;
}

/**
 * Who a case or a booking is for: the caller themself, or — 为他人办理 — the principal of an active delegation.
 * The name and ID number come from the register (or the caller's own 实名 record), never from the client.
 */
export interface Applicant {
  self: boolean;
  name: string;
  nameMasked: string;
  /** Sent to the department; never returned to the browser. */
  idNumber: string;
  personId: string;
  /** The applicant's own account (null: a principal without a 粤省事 account). */
  accountId: string | null;
  /** Set when acting for someone else. */
  delegationId: string | null;
  /** The acting account holder's masked name, when acting for someone else (shown to the principal and staff). */
  agentNameMasked: string | null;
}

/**
 * The way in to a citizen's 办件 and 预约: logged in, a fresh 刷脸/PIN verification, real-named. Reads and the
 * follow-up steps are the caller's own (`?for=` refused, after the delegation id is checked, so someone else's or
 * an unknown one answers 404 as on every personal route). Submitting and booking (`openApplicant`) may be for
 * someone else when the catalog marks the service 本人或为他人办理 and the caller holds an active delegation
 * (or a guardian link) covering it. The caller's `what` names the verification's and a refusal's audit entries.
 */
export class SelfOnlyGate {
  constructor(
    private readonly d: SelfOnlyGateDeps,
    private readonly refusals: SelfOnlyRefusals,
  ) {}

  /** Logged in and freshly verified (e.g. before an upload's body is read, so strangers cost no reads). */
  async requireVerified(req: FastifyRequest, what: string) {
    const ctx = await this.d.authenticate(req);
    await this.d.identity.requireFreshVerification(ctx, what);
    return ctx;
  }

  async open(req: FastifyRequest, what: string, forDelegation: string | undefined, serviceId: string | null = null) {
    const ctx = await this.requireVerified(req, what);
    if (forDelegation) {
      await this.d.delegations.authorise(ctx, forDelegation, serviceId);
      throw new AppError('DELEGATION_INACTIVE', this.refusals.forOthers);
    }
    const me = await this.d.identity.realIdentity(ctx.accountId);
    if (!me) throw new AppError('REAL_NAME_REQUIRED', this.refusals.realNameRequired);
    return { ctx, me, viewer: { accountId: ctx.accountId, personId: me.personId } satisfies Viewer };
  }

  /** Whether the catalog lets this service be used for someone else. */
  forOthersAllowed(serviceId: string | null): boolean {
    return serviceId !== null && this.d.catalog.current.findService(serviceId)?.who_may_act === 'self-or-others';
  }

  /**
   * The applicant of a submission or a booking: the caller, or with `?for=` the delegation's principal — only on a
   * 本人或为他人办理 service (others refuse with the area's words) and only while the delegation is active and
   * covers the service (a revoked or expired one is refused here at once, DELEGATION_INACTIVE).
   */
  async openApplicant(
    req: FastifyRequest,
    what: string,
    forDelegation: string | undefined,
    serviceId: string | null,
  ): Promise<{ ctx: AuthContext; viewer: Viewer; applicant: Applicant }> {
    if (!forDelegation || serviceId === null || !this.forOthersAllowed(serviceId)) {
      // A service only its applicant uses: the delegation is checked as the caller's (404 otherwise), then refused
      // in the area's words (not for the delegation's scope, which could never include such a service).
      const { ctx, me, viewer } = await this.open(req, what, forDelegation, null);
      return {
        ctx,
        viewer,
        applicant: {
          self: true,
          name: me.name,
          nameMasked: me.nameMasked,
          idNumber: me.idNumber,
          personId: me.personId,
          accountId: ctx.accountId,
          delegationId: null,
          agentNameMasked: null,
        },
      };
    }
    const ctx = await this.requireVerified(req, what);
    const me = await this.d.identity.realIdentity(ctx.accountId);
    if (!me) throw new AppError('REAL_NAME_REQUIRED', this.refusals.realNameRequired);
    const acting = await this.d.delegations.actingApplicant(ctx, forDelegation, serviceId);
    return {
      ctx,
      viewer: { accountId: ctx.accountId, personId: me.personId },
      applicant: {
        self: false,
        name: acting.principalName,
        nameMasked: maskName(acting.principalName),
        idNumber: acting.principalIdNumber,
        personId: acting.principalPersonId,
        accountId: acting.principalAccountId,
        delegationId: acting.delegationId,
        agentNameMasked: me.nameMasked,
      },
    };
  }

  /** An audit entry of the citizen's own action in their area (我的访问记录 shows it). */
  record(
    ctx: AuthContext,
    action: string,
    detail: Record<string, unknown>,
    result: 'success' | 'failure' | 'denied' = 'success',
  ) {
    return this.d.audit.record({
      action,
      result,
      actorKind: 'citizen',
      actorAccountId: ctx.accountId,
      subjectAccountId: ctx.accountId,
      detail,
      requestId: ctx.requestId,
    });
  }

  /**
   * An audit entry naming both people: the acting account and the applicant (a principal finds it in their 我的访问
   * 记录 by account, or by person if they open an account later), with the delegation used.
   */
  recordFor(ctx: AuthContext, applicant: Applicant, action: string, detail: Record<string, unknown>) {
    if (applicant.self) return this.record(ctx, action, detail);
    return this.d.audit.record({
      action,
      result: 'success',
      actorKind: 'agent',
      actorAccountId: ctx.accountId,
      subjectAccountId: applicant.accountId,
      detail: { ...detail, delegationId: applicant.delegationId, subjectPersonId: applicant.personId },
      requestId: ctx.requestId,
    });
  }

  /**
   * An action on an existing record taken by one of its two people: audited against the other one too when the
   * record was made for someone else (the agent cancelling: subject the principal; the principal: subject itself).
   */
  recordOn(
    ctx: AuthContext,
    row: { account_id: string; principal_person_id: string | null; delegation_id: string | null },
    action: string,
    detail: Record<string, unknown>,
  ) {
    if (!row.principal_person_id || row.account_id !== ctx.accountId) return this.record(ctx, action, detail);
    return this.d.identity.findAccountByPersonId(row.principal_person_id).then((principal) =>
      this.d.audit.record({
        action,
        result: 'success',
        actorKind: 'agent',
        actorAccountId: ctx.accountId,
        subjectAccountId: principal?.id ?? null,
        detail: { ...detail, delegationId: row.delegation_id, subjectPersonId: row.principal_person_id },
        requestId: ctx.requestId,
      }),
    );
  }
}
