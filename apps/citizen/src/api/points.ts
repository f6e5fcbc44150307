import type { RecordSource, RecordSubject } from '@yss/contracts';
import { apiRequest } from './client';

/** 积分查询 (C2, 广州): the shape apps/server/src/modules/lookups/points-routes.ts answers. Personal. */
export interface PointsLookup {
  subject: RecordSubject;
  record: {
    recordNumber: string;
    year: number;
    status: 'approved' | 'pending';
    statusName: string;
    totalPoints: number;
    items: { indicator: string; detail: string; points: number }[];
    appliedOn: string;
    approvedOn: string | null;
    settlementMinimum: number;
    settlementReached: boolean;
  } | null;
  source: RecordSource;
}

export const points = {
  get: (q: { city: string }, o: { signal?: AbortSignal } = {}) =>
    apiRequest<PointsLookup>('/api/v1/lookups/points', { ...o, query: q }),
};
