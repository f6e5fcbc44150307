import type { Notification, NotificationList } from '@yss/contracts';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import * as repo from './repository.js';

export type { NewNotification } from './repository.js';

/**
 * 消息: the citizen's inbox. Other modules deliver messages (idempotently: a message's dedupe key is delivered
 * once per account); a citizen reads only their own.
 */
export class NotificationService {
  constructor(private readonly db: Db) {}

  /** Deliver messages; those already delivered (same account and dedupe key) are skipped. Returns how many were new. */
  deliver(messages: repo.NewNotification[]): Promise<number> {
    return repo.insertNotifications(this.db, messages);
  }

  async list(accountId: string, limit: number): Promise<NotificationList> {
    const [rows, unread] = await Promise.all([
      repo.listForAccount(this.db, accountId, limit),
      repo.countUnread(this.db, accountId),
    ]);
    return {
      items: rows.slice(0, limit).map(present),
      unread,
      hasMore: rows.length > limit,
    };
  }

  unread(accountId: string): Promise<number> {
    return repo.countUnread(this.db, accountId);
  }

  /** Someone else's message reads exactly like a missing one. */
  async markRead(accountId: string, id: string): Promise<void> {
    if (!(await repo.markRead(this.db, accountId, id))) throw new AppError('NOTIFICATION_NOT_FOUND', '找不到该消息。');
  }

  markAllRead(accountId: string): Promise<number> {
    return repo.markAllRead(this.db, accountId);
  }
}

function present(r: Awaited<ReturnType<typeof repo.listForAccount>>[number]): Notification {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    occurredAt: r.occurred_at ? r.occurred_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
    read: r.read_at !== null,
  };
}
