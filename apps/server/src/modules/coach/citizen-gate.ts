import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { DelegationService } from '../delegation/index.js';
import type { AuthContext, IdentityService } from '../identity/index.js';

export interface CoachGateDeps {
  identity: IdentityService;
  delegations: DelegationService;
  audit: AuditLog;
  authenticate(req: FastifyRequest): Promise<AuthContext>;
}

/** The catalog service the citizen's coach routes act under (长途车票查询购票). */
export const COACH_SERVICE_ID = 'changtuche-goupiao';

/**
 * The buyer's way in to 长途车 orders: logged in, a fresh verification (orders carry passengers' names and ID
 * numbers), real-named, and for themself only — the buyer pays and follows their own orders (the passengers are
 * typed in), so `?for=` is refused (someone else's or an unknown delegation id: 404, as on every personal route).
 */
export class CoachGate {
  constructor(private readonly d: CoachGateDeps) {}

  async open(req: FastifyRequest, what: string, forDelegation: string | undefined) {
    const ctx = await this.d.authenticate(req);
    await this.d.identity.requireFreshVerification(ctx, what);
    if (forDelegation) {
      await this.d.delegations.authorise(ctx, forDelegation, COACH_SERVICE_ID);
      throw new AppError('DELEGATION_INACTIVE', '长途车购票仅限本人账号办理和查看，不能代他人账号办理。');
    }
    const me = await this.d.identity.realIdentity(ctx.accountId);
    if (!me) throw new AppError('REAL_NAME_REQUIRED', '请先完成实名认证，再购买长途车票。');
    return { ctx, me };
  }

  /** An audit entry of the citizen's own step (我的访问记录 shows it). */
  record(ctx: AuthContext, action: string, detail: Record<string, unknown>) {
    return this.d.audit.record({
      action,
      result: 'success',
      actorKind: 'citizen',
      actorAccountId: ctx.accountId,
      subjectAccountId: ctx.accountId,
      detail,
      requestId: ctx.requestId,
    });
  }
}
