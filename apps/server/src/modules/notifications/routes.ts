import { NotificationList, NotificationListQuery, NotificationUnread, Problem } from '@yss/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthContext } from '../identity/index.js';
import type { NotificationService } from './notification-service.js';

const problems = { 400: Problem, 401: Problem, 404: Problem, 429: Problem };

/**
 * 消息 (the inbox): the logged-in citizen's own messages. A session is enough (no fresh verification): a message
 * announces a public record (e.g. an entity's credit change) and carries no one's personal data.
 */
export const notificationRoutes =
  ({
    notifications,
    authenticate,
  }: {
    notifications: NotificationService;
    authenticate(req: FastifyRequest): Promise<AuthContext>;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/me/notifications',
      {
        schema: {
          tags: ['inbox'],
          summary: '我的消息: own messages, newest first, with the unread count',
          querystring: NotificationListQuery,
          response: { 200: NotificationList, ...problems },
        },
      },
      async (req) => {
        const ctx = await authenticate(req);
        return notifications.list(ctx.accountId, req.query.limit);
      },
    );
    app.get(
      '/api/v1/me/notifications/unread',
      {
        schema: {
          tags: ['inbox'],
          summary: 'Unread messages (the badge on the 消息 tab)',
          response: { 200: NotificationUnread, ...problems },
        },
      },
      async (req) => {
        const ctx = await authenticate(req);
        return { unread: await notifications.unread(ctx.accountId) };
      },
    );
    app.post(
      '/api/v1/me/notifications/:id/read',
      {
        schema: {
          tags: ['inbox'],
          summary: 'Mark one of my messages read (idempotent); another person’s message is 404 like a missing one',
          params: z.object({ id: z.uuid({ error: '消息编号格式有误' }) }),
          response: { 204: z.null(), ...problems },
        },
      },
      async (req, reply) => {
        const ctx = await authenticate(req);
        await notifications.markRead(ctx.accountId, req.params.id);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/api/v1/me/notifications/read-all',
      {
        schema: {
          tags: ['inbox'],
          summary: 'Mark all my messages read',
          response: { 200: NotificationUnread, ...problems },
        },
      },
      async (req) => {
        const ctx = await authenticate(req);
        await notifications.markAllRead(ctx.accountId);
        return { unread: 0 };
      },
    );
  };
