import type { NameCheckResult } from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal; lang?: string };

/** Lookup services (issue 5). Personal ones need a fresh verification (the caller wraps them in withVerification). */
export const lookups = {
  nameCheck: (name: string, o: Opts = {}) =>
    apiRequest<NameCheckResult>('/api/v1/lookups/name-check', { ...o, query: { name } }),
};
