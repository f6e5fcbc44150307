import { CREDIT_SUBSCRIPTION_LIMIT, type CreditSubscription } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import type { Departments } from '../../departments/registry.js';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/index.js';
import type { AuthContext } from '../identity/index.js';
import { presentSubscription } from './present.js';
import * as repo from './repository.js';

export const SUBSCRIPTION_SERVICE_ID = 'xinyong-dingyue';

/** 信用信息订阅 (F3): a citizen follows entities' public credit records (at most 50), audited. */
export class CreditSubscriptionService {
  constructor(
    private readonly d: {
      db: Db;
      credit: Departments['credit'];
      audit: AuditLog;
      limit?: number;
    },
  ) {}

  get limit() {
    return this.d.limit ?? CREDIT_SUBSCRIPTION_LIMIT;
  }

  async list(accountId: string): Promise<CreditSubscription[]> {
    return (await repo.listSubscriptions(this.d.db, accountId)).map(presentSubscription);
  }

  /** Subscribe (idempotent): the entity must exist; its current version is the baseline for later changes. */
  async subscribe(ctx: AuthContext, uscc: string): Promise<{ subscription: CreditSubscription; created: boolean }> {
    const { enterprise } = await this.d.credit.client.detail({ uscc });
    if (!enterprise)
      throw new AppError('CREDIT_SUBJECT_NOT_FOUND', '未找到该统一社会信用代码对应的信用主体，请核对后重新输入。');
    const result = await repo.subscribe(
      this.d.db,
      { accountId: ctx.accountId, uscc, name: enterprise.name, version: enterprise.version },
      this.limit,
    );
    if (result === 'limit') {
      await this.audit(ctx, 'credit.subscribe', 'denied', uscc, enterprise.name, { reason: 'limit' });
      throw new AppError('SUBSCRIPTION_LIMIT_REACHED', `最多可订阅${this.limit}个信用主体，请先取消部分订阅后再试。`);
    }
    await this.audit(ctx, 'credit.subscribe', 'success', uscc, enterprise.name, { created: result.created });
    return { subscription: presentSubscription(result.row), created: result.created };
  }

  /** Unsubscribe (idempotent: not subscribed is not an error). */
  async unsubscribe(ctx: AuthContext, uscc: string): Promise<boolean> {
    const existed = await repo.unsubscribe(this.d.db, ctx.accountId, uscc);
    await this.audit(ctx, 'credit.unsubscribe', 'success', uscc, null, { existed });
    return existed;
  }

  private audit(
    ctx: AuthContext,
    action: string,
    result: 'success' | 'denied',
    uscc: string,
    name: string | null,
    extra: Record<string, unknown>,
  ) {
    return this.d.audit.record({
      action,
      result,
      actorKind: 'citizen',
      actorAccountId: ctx.accountId,
      subjectAccountId: ctx.accountId,
      // An entity's code and name are public records, not personal data.
      detail: {
        serviceId: SUBSCRIPTION_SERVICE_ID,
        what: name ? `信用信息订阅：${name}` : '信用信息订阅',
        uscc,
        ...extra,
      },
      requestId: ctx.requestId,
    });
  }
}
