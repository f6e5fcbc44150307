import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import type { ActingSubject, AddFamilyMemberInput, Delegation, DelegationList, SmsSendReceipt } from '@yss/contracts';
import { apiRequest } from './client';

/** 家人与授权 (为他人办理) routes. Everything about the other person arrives masked. */
const BASE = '/api/v1/delegations';

type Opts = { signal?: AbortSignal; lang?: string };

const post = <T>(path: string, body: unknown = {}, o: Opts = {}) =>
  apiRequest<T>(`${BASE}${path}`, { ...o, method: 'POST', body });
const at = (id: string) => `/${encodeURIComponent(id)}`;

export const delegation = {
  list: (o: Opts = {}) => apiRequest<DelegationList>(BASE, o),
  add: (input: AddFamilyMemberInput, o: Opts = {}) => post<Delegation>('', input, o),
  sendConsentSms: (id: string, o: Opts = {}) => post<SmsSendReceipt>(`${at(id)}/consent/sms`, {}, o),
  consentPasskeyOptions: (id: string, o: Opts = {}) =>
    post<PublicKeyCredentialRequestOptionsJSON>(`${at(id)}/consent/passkey/options`, {}, o),
  consentBySms: (id: string, code: string, o: Opts = {}) =>
    post<Delegation>(`${at(id)}/consent`, { method: 'sms', code }, o),
  consentByPin: (id: string, pin: string, o: Opts = {}) =>
    post<Delegation>(`${at(id)}/consent`, { method: 'pin', pin }, o),
  consentByPasskey: (id: string, response: AuthenticationResponseJSON, o: Opts = {}) =>
    post<Delegation>(`${at(id)}/consent`, { method: 'passkey', response }, o),
  approve: (id: string, o: Opts = {}) => post<Delegation>(`${at(id)}/approve`, {}, o),
  decline: (id: string, o: Opts = {}) => post<Delegation>(`${at(id)}/decline`, {}, o),
  revoke: (id: string, o: Opts = {}) => post<Delegation>(`${at(id)}/revoke`, {}, o),
  subject: (id: string, o: Opts = {}) => apiRequest<ActingSubject>(`${BASE}${at(id)}/subject`, o),
};
