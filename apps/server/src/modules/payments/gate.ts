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
/** Whose record a step is about: the caller, or (为他人办理) the principal of a delegation. */
export interface Holder {
  idNumber: string;
  accountId: string | null;
  /** The principal's masked name when acting for them; null for oneself. */
  nameMasked: string | null;
  delegationId: string | null;
}

export class PaymentGate {
  constructor(private readonly d: PaymentGateDeps) {}

  /**
   * `actingFor`: the service, where the catalog lets one do it for another (本人或为他人办理, e.g. 签注) — then `?for=`
   * is a delegation that must be active and cover that service, and `holder` is the principal (their ID number from
   * the delegation, read from the register when it was made, never typed by the caller). The order is still the
   * caller's: they pay it, and only they see it. Without `actingFor`, `?for=` is refused as above.
   */
  async open(req: FastifyRequest, what: string, forDelegation: string | undefined, actingFor?: string) {
    const ctx = await this.d.authenticate(req);
    await this.d.identity.requireFreshVerification(ctx, what);
    const acting = forDelegation ? await this.d.delegations.authorise(ctx, forDelegation, actingFor ?? null) : null;
    if (acting && !actingFor) {
      throw new AppError(
        'DELEGATION_INACTIVE',
        '支付订单仅限本人查看和支付；替他人缴费无需代办授权，输入对方户号即可缴费。',
      );
    }
    const me = await this.d.identity.lookupIdentity(ctx.accountId);
    if (!me) throw new AppError('REAL_NAME_REQUIRED', '请先完成实名认证，再缴费或支付。');
    const holder: Holder = acting
      ? {
          idNumber: acting.principalIdNumber,
          accountId: acting.principalAccountId,
          nameMasked: acting.principalNameMasked,
          delegationId: acting.delegationId,
        }
      : { idNumber: me.idNumber, accountId: ctx.accountId, nameMasked: null, delegationId: null };
    return { ctx, me, holder };
  }

  /** The step as it concerns the holder: in their 我的访问记录 too when done for them (actor: 代办人). */
  recordFor(ctx: AuthContext, holder: Holder, action: string, detail: Record<string, unknown>) {
    return this.d.audit.record({
      action,
      result: 'success',
      actorKind: holder.delegationId ? 'agent' : 'citizen',
      actorAccountId: ctx.accountId,
      subjectAccountId: holder.accountId,
      detail: { ...detail, ...(holder.delegationId ? { delegationId: holder.delegationId } : {}) },
      requestId: ctx.requestId,
    });
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
