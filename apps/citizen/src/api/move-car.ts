import type { MoveCarInput, MoveCarRequest, MoveCarResult } from '@yss/contracts';
import { apiRequest } from './client';

/** 一键移车 (G6): a reminder SMS to a car's owner, and the citizen's own reminders. Personal: wrap in withVerification. */
export const moveCarApi = {
  request: (input: MoveCarInput) =>
    apiRequest<MoveCarResult>('/api/v1/me/move-car-requests', { method: 'POST', body: input }),
  list: (o: { signal?: AbortSignal } = {}) => apiRequest<MoveCarRequest[]>('/api/v1/me/move-car-requests', o),
};
