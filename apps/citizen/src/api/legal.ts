import type { RecordSource, RecordSubject } from '@yss/contracts';
import type { MyUtilityAccount } from './bills';
import { apiRequest } from './client';

/**
 * 停气查询 and 燃气价格 (广州, anyone) and 停电通知 (personal: wrap in withVerification), as the server answers
 * them. Times are ISO 8601 with +08:00.
 */
type Opts = { signal?: AbortSignal };

export interface Interruption {
  id: string;
  district: string;
  area: string;
  reason: string;
  startsAt: string;
  endsAt: string;
  status: 'planned' | 'ongoing' | 'finished';
  statusName: string;
}

export interface GasInterruptions {
  districts: string[];
  interruptions: Interruption[];
  source: RecordSource;
}

export interface GasPrices {
  company: { name: string; hotline: string | null; unit: string };
  period: 'month' | 'year';
  note: string;
  tiers: { tier: number; upTo: number | null; unitPrice: number }[];
  source: RecordSource;
}

export interface PowerNotices {
  subject: RecordSubject;
  accounts: { account: MyUtilityAccount; district: string; interruptions: Interruption[] }[];
  source: RecordSource;
}

export const legalApi = {
  gasInterruptions: (city: string, district: string, o: Opts = {}) =>
    apiRequest<GasInterruptions>('/api/v1/lookups/utilities/gas/interruptions', {
      ...o,
      query: district ? { city, district } : { city },
    }),
  gasPrices: (city: string, o: Opts = {}) =>
    apiRequest<GasPrices>('/api/v1/lookups/utilities/gas/prices', { ...o, query: { city } }),
  powerNotices: (city: string, o: Opts = {}) =>
    apiRequest<PowerNotices>('/api/v1/lookups/utilities/power/interruptions', { ...o, query: { city } }),
};
