import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { DelegationService } from '../delegation/index.js';
import type { AuthContext, IdentityService } from '../identity/index.js';

export interface CitizenGateDeps {
  identity: IdentityService;
  delegations: DelegationService;
  audit: AuditLog;
  authenticate(req: FastifyRequest): Promise<AuthContext>;
}

/** The service every 办件 route acts under, for the verification's and a refused delegation's audit entries. */
export const CASES_WHAT = 'cases';

/**
 * The applicant's way in: logged in, a fresh 刷脸/PIN verification (the case holds their ID photos and address),
 * real-named, and for themself only — an application is made and followed by the applicant in person, so `?for=`
 * is refused (someone else's or an unknown delegation id: 404, as on every personal route).
 */
export class CitizenGate {
  constructor(private readonly d: CitizenGateDeps) {}

  /** Logged in and freshly verified: checked before an upload's body is read, so strangers cost no 5 MB reads. */
  async requireVerified(req: FastifyRequest, what: string) {
    const ctx = await this.d.authenticate(req);
    await this.d.identity.requireFreshVerification(ctx, what);
    return ctx;
  }

  async open(req: FastifyRequest, what: string, forDelegation: string | undefined, serviceId: string | null = null) {
    const ctx = await this.requireVerified(req, what);
    if (forDelegation) {
      await this.d.delegations.authorise(ctx, forDelegation, serviceId);
      throw new AppError('DELEGATION_INACTIVE', '办件仅限申请人本人提交和查看，不能为他人办理。');
    }
    const me = await this.d.identity.realIdentity(ctx.accountId);
    if (!me) throw new AppError('REAL_NAME_REQUIRED', '请先完成实名认证，再在线申请办理。');
    return { ctx, me };
  }

  /** An audit entry of the applicant's own action on their case or files (我的访问记录 shows it). */
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
