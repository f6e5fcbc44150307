import type { PensionCertifyResult, PensionSchemeCode, PensionStatus } from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal; lang?: string };
/** `for`: a delegation id when acting for a family member (为他人办理). */
type Q = { city: string; for?: string };

const URL = '/api/v1/pension-certification';

/** 养老资格认证 (E4): apps/server/src/modules/pension-certification. */
export const pension = {
  status: (q: Q, o: Opts = {}) => apiRequest<PensionStatus>(URL, { ...o, query: q }),
  certify: (q: Q, scheme: PensionSchemeCode, o: Opts = {}) =>
    apiRequest<PensionCertifyResult>(URL, { ...o, method: 'POST', query: q, body: { scheme } }),
};
