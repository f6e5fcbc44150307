import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { DelegationService } from '../delegation/index.js';
import type { AuthContext, IdentityService } from '../identity/index.js';

export interface PaymentGateDeps {
  identity: IdentityService;
  delegations: DelegationService;
  audit: AuditLog;
  authenticate(req: FastifyRequest): Promise<AuthContext>;
}

/**
 * The citizen's way in to their payment orders (and to 燃气缴费): logged in, a fresh verification (as every personal
 * route: the guide's 人脸识别验证), real-named, for themself — an order belongs to the account that made it. Paying
 * someone else's bill (替他人缴费) needs no delegation, only the account number, so `?for=` is refused (someone
 * else's or an unknown delegation id: 404, as on every personal route).
 */
export class PaymentGate {
  constructor(private readonly d: PaymentGateDeps) {}

  async open(req: FastifyRequest, what: string, forDelegation: string | undefined) {
    const ctx = await this.d.authenticate(req);
    await this.d.identity.requireFreshVerification(ctx, what);
    if (forDelegation) {
      await this.d.delegations.authorise(ctx, forDelegation, null);
      throw new AppError(
        'DELEGATION_INACTIVE',
        '支付订单仅限本人查看和支付；替他人缴费无需代办授权，输入对方户号即可缴费。',
      );
    }
    const me = await this.d.identity.lookupIdentity(ctx.accountId);
    if (!me) throw new AppError('REAL_NAME_REQUIRED', '请先完成实名认证，再缴费或支付。');
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
