import type { CertificateLinks, LinkResult, WalletTypes } from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal; lang?: string };
const BASE = '/api/v1';

/** 我的证照 (issue 6): the types, the account's links, and the batches the phone keeps. */
export const walletApi = {
  types: (city: string, o: Opts = {}) => apiRequest<WalletTypes>(`${BASE}/wallet/types`, { ...o, query: { city } }),
  links: (o: Opts = {}) => apiRequest<CertificateLinks>(`${BASE}/me/certificates`, o),
  link: (body: { type: string; holderKeys: JsonWebKey[]; city: string }, o: Opts = {}) =>
    apiRequest<LinkResult>(`${BASE}/me/certificates`, { ...o, method: 'POST', body, timeoutMs: 30_000 }),
  refresh: (id: string, body: { holderKeys: JsonWebKey[]; city: string }, o: Opts = {}) =>
    apiRequest<LinkResult>(`${BASE}/me/certificates/${encodeURIComponent(id)}/refresh`, {
      ...o,
      method: 'POST',
      body,
      timeoutMs: 30_000,
    }),
  reveal: (id: string, o: Opts = {}) =>
    apiRequest<null>(`${BASE}/me/certificates/${encodeURIComponent(id)}/reveal`, { ...o, method: 'POST' }),
  unlink: (id: string, o: Opts = {}) =>
    apiRequest<null>(`${BASE}/me/certificates/${encodeURIComponent(id)}`, { ...o, method: 'DELETE' }),
};
