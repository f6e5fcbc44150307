import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { DelegationService } from '../delegation/index.js';
import type { AuthContext, IdentityService } from '../identity/index.js';

export interface SelfOnlyGateDeps {
  identity: IdentityService;
  delegations: DelegationService;
  audit: AuditLog;
  authenticate(req: FastifyRequest): Promise<AuthContext>;
}

/** What a self-only area says, in Chinese, when it refuses. */
export interface SelfOnlyRefusals {
  /** `?for=` on a delegation the caller may use: this area is for the citizen themself only. */
  forOthers: string;
  /** No 实名认证 yet. */
  realNameRequired: string;
}

/**
 * The way in to a citizen's own area that is never used for someone else (办件, 预约): logged in, a fresh
 * 刷脸/PIN verification, real-named, and for themself only — `?for=` is refused, after the delegation id is
 * checked, so someone else's or an unknown one answers 404 as on every personal route. The caller's `what` (its
 * service or area id) names the verification's and a refused delegation's audit entries.
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
    return { ctx, me };
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
}
