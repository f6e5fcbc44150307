import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import type {
  AccessLogEntry,
  AccountProfile,
  LoginMethod,
  PasskeySummary,
  RevealedIdentity,
  SessionInfo,
  SmsSendReceipt,
} from '@yss/contracts';
import { apiRequest } from './client';

/** Identity routes (issue 3). The session travels in an HttpOnly cookie; nothing here sees a token. */
const BASE = '/api/v1';

type Opts = { signal?: AbortSignal; lang?: string };

export type SmsOutboxMessage = { phoneMasked: string; text: string; createdAt: string };

const post = <T>(path: string, body: unknown = undefined, o: Opts = {}) =>
  apiRequest<T>(`${BASE}${path}`, { ...o, method: 'POST', body: body ?? {} });

export const identity = {
  // Login
  sendSms: (phone: string, purpose: 'login' = 'login', o: Opts = {}) =>
    post<SmsSendReceipt>('/auth/sms/send', { phone, purpose }, o),
  /** A code to the account's own phone (the server knows it) for the SMS step-up. */
  sendVerifySms: (o: Opts = {}) => post<SmsSendReceipt>('/auth/sms/send', { purpose: 'verify' }, o),
  smsLogin: (phone: string, code: string, o: Opts = {}) => post<SessionInfo>('/auth/sms/login', { phone, code }, o),
  pinLogin: (phone: string, pin: string, o: Opts = {}) => post<SessionInfo>('/auth/pin/login', { phone, pin }, o),
  passkeyLoginOptions: (o: Opts = {}) => post<PublicKeyCredentialRequestOptionsJSON>('/auth/passkey/options', {}, o),
  passkeyLogin: (response: AuthenticationResponseJSON, o: Opts = {}) =>
    post<SessionInfo>('/auth/passkey/login', { response }, o),
  logout: (o: Opts = {}) => post<void>('/auth/logout', {}, o),

  // Account
  /** `probe`: the start-up check, where 401 only means "not logged in". */
  me: (o: Opts & { probe?: boolean } = {}) =>
    apiRequest<AccountProfile>(`${BASE}/me`, { signal: o.signal, lang: o.lang, authProbe: o.probe }),
  realName: (name: string, idNumber: string, o: Opts = {}) =>
    post<AccountProfile>('/me/real-name', { name, idNumber }, o),
  reveal: (o: Opts = {}) => post<RevealedIdentity>('/me/reveal', {}, o),
  accessLog: (o: Opts = {}) => apiRequest<AccessLogEntry[]>(`${BASE}/me/access-log`, o),

  // Step-up verification
  verifyPasskeyOptions: (o: Opts = {}) =>
    post<PublicKeyCredentialRequestOptionsJSON>('/me/verify/passkey/options', {}, o),
  verifyPasskey: (response: AuthenticationResponseJSON, o: Opts = {}) =>
    post<AccountProfile>('/me/verify/passkey', { response }, o),
  verifyPin: (pin: string, o: Opts = {}) => post<AccountProfile>('/me/verify/pin', { pin }, o),
  /** 204 (the server answers no body: an SMS re-check only allows enrolment) or the profile. */
  verifySms: (code: string, o: Opts = {}) => post<AccountProfile | null>('/me/verify/sms', { code }, o),

  // Login methods
  setPin: (pin: string, currentPin?: string, o: Opts = {}) =>
    apiRequest<void>(`${BASE}/me/pin`, { ...o, method: 'PUT', body: currentPin ? { pin, currentPin } : { pin } }),
  setDefaultMethod: (method: LoginMethod, o: Opts = {}) =>
    apiRequest<AccountProfile>(`${BASE}/me/default-login-method`, { ...o, method: 'PUT', body: { method } }),
  passkeys: (o: Opts = {}) => apiRequest<PasskeySummary[]>(`${BASE}/me/passkeys`, o),
  passkeyRegistrationOptions: (o: Opts = {}) =>
    post<PublicKeyCredentialCreationOptionsJSON>('/me/passkeys/options', {}, o),
  registerPasskey: (response: RegistrationResponseJSON, nickname: string | undefined, o: Opts = {}) =>
    post<PasskeySummary>('/me/passkeys', nickname ? { response, nickname } : { response }, o),
  renamePasskey: (id: string, nickname: string, o: Opts = {}) =>
    apiRequest<PasskeySummary | null>(`${BASE}/me/passkeys/${encodeURIComponent(id)}`, {
      ...o,
      method: 'PATCH',
      body: { nickname },
    }),
  deletePasskey: (id: string, o: Opts = {}) =>
    apiRequest<void>(`${BASE}/me/passkeys/${encodeURIComponent(id)}`, { ...o, method: 'DELETE' }),

  /** Demo mode only: the sandbox SMS gateway's outbox (404 in production). */
  smsOutbox: (o: Opts = {}) => apiRequest<SmsOutboxMessage[]>(`${BASE}/dev/sms-outbox`, o),
};
