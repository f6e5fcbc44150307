import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { DelegationService } from '../delegation/index.js';
import type { AuthContext, IdentityService } from '../identity/index.js';

export interface AppointmentGateDeps {
  identity: IdentityService;
  delegations: DelegationService;
  audit: AuditLog;
  authenticate(req: FastifyRequest): Promise<AuthContext>;
}

/**
 * The citizen's way in to 我的预约: logged in, a fresh verification (the booking carries their name and ID
 * number to the counter), real-named, and for themself only — the person booked is the person who goes, so
 * `?for=` is refused (someone else's or an unknown delegation id: 404, as on every personal route).
 */
export class AppointmentGate {
  constructor(private readonly d: AppointmentGateDeps) {}

  async open(req: FastifyRequest, what: string, forDelegation: string | undefined) {
    const ctx = await this.d.authenticate(req);
    await this.d.identity.requireFreshVerification(ctx, what);
    if (forDelegation) {
      await this.d.delegations.authorise(ctx, forDelegation, null);
      throw new AppError('DELEGATION_INACTIVE', '预约仅限本人办理和查看，不能为他人预约。');
    }
    const me = await this.d.identity.realIdentity(ctx.accountId);
    if (!me) throw new AppError('REAL_NAME_REQUIRED', '请先完成实名认证，再在线预约。');
    return { ctx, me };
  }

  /** An audit entry of the citizen's own step on their booking (我的访问记录 shows it). */
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
