import type {
  CheckInResult,
  OfflineCheckInRequest,
  OfflineCheckInResult,
  Verdict,
  VerificationLog,
  VerifierProfile,
  WalletPurpose,
} from '@yss/contracts';
import { apiRequest } from './client';

export type { CheckInResult, Verdict, VerificationLog, VerifierProfile };

/**
 * The verifier's staff session is not the citizen's: its 401s (no verifier logged in, or the staff session
 * ended) must not log out a citizen who opens /verify on their own phone, so these calls are probes for the
 * citizen session listeners (the page handles the answer).
 */
const staffSession = { authProbe: true } as const;

/** 证照核验 (issue 6): anyone verifies; a logged-in verifier (staff account of a verifier organisation) records a check-in. */
export const verifier = {
  /** Anonymous verification (POST /api/v1/verify): nothing is recorded. */
  verify: (body: { payload: string; nonce?: string; purpose?: WalletPurpose }) =>
    apiRequest<Verdict>('/api/v1/verify', { method: 'POST', body }),
  /** The logged-in verifier and their organisation; 401 when nobody is logged in, 403 for a non-verifier. */
  me: () => apiRequest<VerifierProfile>('/api/v1/verifier/me', staffSession),
  checkIn: (body: { payload: string; nonce?: string }) =>
    apiRequest<CheckInResult>('/api/v1/verifier/check-ins', { method: 'POST', body, ...staffSession }),
  /** 离线核验登记: a check made without a network, uploaded from the device's queue (verified again there). */
  checkInOffline: (body: OfflineCheckInRequest) =>
    apiRequest<OfflineCheckInResult>('/api/v1/verifier/check-ins/offline', { method: 'POST', body, ...staffSession }),
  /** The staff login (same as the console's): password, then the authenticator's 6-digit code. */
  login: (username: string, password: string) =>
    apiRequest<{ next: 'totp' | 'enrol'; expiresInSeconds: number }>('/api/v1/staff/auth/login', {
      method: 'POST',
      body: { username, password },
      ...staffSession,
    }),
  totp: (code: string) =>
    apiRequest<unknown>('/api/v1/staff/auth/totp', { method: 'POST', body: { code }, ...staffSession }),
  logout: () => apiRequest<void>('/api/v1/staff/auth/logout', { method: 'POST', ...staffSession }),
};

/** 核验记录: who verified which of my certificates (behind a fresh verification). */
export const walletLog = {
  /** `certificate`: one certificate of 我的证照 only (its id in /wallet/:id, every batch it has had). */
  verifications: (opts: { signal?: AbortSignal; certificate?: string } = {}) =>
    apiRequest<VerificationLog>('/api/v1/me/wallet/verifications', {
      signal: opts.signal,
      query: { certificate: opts.certificate },
    }),
};
