import type { NameCheckResult, RecordSource, RecordSubject } from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal; lang?: string };

/** Lookup services (issue 5). Personal ones need a fresh verification (the caller wraps them in withVerification). */
/** 社保缴费明细 as the server answers it (B2). Amounts are yuan with two decimals. */
export interface ContributionDetails {
  subject: RecordSubject;
  statement: {
    from: string;
    to: string;
    socialSecurityNumberMasked: string;
    months: {
      month: string;
      cityCode: string;
      unit: { name: string };
      base: number;
      items: {
        type: string;
        employeeRate: number;
        employerRate: number;
        employeeAmount: number;
        employerAmount: number;
      }[];
      employeeTotal: number;
      employerTotal: number;
    }[];
    totals: { employee: number; employer: number };
  } | null;
  source: RecordSource;
}

export const lookups = {
  contributions: (q: { city: string; months?: number; from?: string; to?: string; for?: string }, o: Opts = {}) =>
    apiRequest<ContributionDetails>('/api/v1/lookups/social-insurance/contributions', { ...o, query: q }),
  nameCheck: (name: string, o: Opts = {}) =>
    apiRequest<NameCheckResult>('/api/v1/lookups/name-check', { ...o, query: { name } }),
};
