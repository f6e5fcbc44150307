import type {
  CreditDetailResult,
  CreditSearchResult,
  CreditSubscribeResult,
  CreditSubscriptionList,
  NotificationList,
} from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal; lang?: string };
const code = (uscc: string) => encodeURIComponent(uscc);

/** 信用信息 (F3): search and detail (anyone); subscriptions (fresh verification: wrap in withVerification). */
export const credit = {
  search: (q: { q: string; page?: number; pageSize?: number }, o: Opts = {}) =>
    apiRequest<CreditSearchResult>('/api/v1/lookups/credit/search', { ...o, query: q }),
  detail: (uscc: string, o: Opts = {}) =>
    apiRequest<CreditDetailResult>(`/api/v1/lookups/credit/subjects/${code(uscc)}`, o),
  subscriptions: (o: Opts = {}) => apiRequest<CreditSubscriptionList>('/api/v1/lookups/credit/subscriptions', o),
  subscribe: (uscc: string, o: Opts = {}) =>
    apiRequest<CreditSubscribeResult>('/api/v1/lookups/credit/subscriptions', { ...o, method: 'POST', body: { uscc } }),
  unsubscribe: (uscc: string, o: Opts = {}) =>
    apiRequest<null>(`/api/v1/lookups/credit/subscriptions/${code(uscc)}`, { ...o, method: 'DELETE' }),
};

/** 消息: the logged-in citizen's inbox (a session is enough). */
export const inbox = {
  list: (o: Opts = {}) => apiRequest<NotificationList>('/api/v1/me/notifications', o),
  unread: (o: Opts = {}) => apiRequest<{ unread: number }>('/api/v1/me/notifications/unread', o),
  markRead: (id: string, o: Opts = {}) =>
    apiRequest<null>(`/api/v1/me/notifications/${encodeURIComponent(id)}/read`, { ...o, method: 'POST' }),
  markAllRead: (o: Opts = {}) =>
    apiRequest<{ unread: number }>('/api/v1/me/notifications/read-all', { ...o, method: 'POST' }),
};
