import type {
  Attachment,
  AttachmentContentType,
  CaseDetail,
  CaseSummary,
  EligibilityAnswer,
  RevealedCaseEventNote,
  RevealedCaseFormValue,
  SubmitCaseInput,
} from '@yss/contracts';
import { apiRequest } from './client';

type Opts = { signal?: AbortSignal; lang?: string };
const BASE = '/api/v1/me';

/** 在线办理 and 我的办件: uploads, submissions and the citizen's own cases. */
export const casesApi = {
  /** The file's bytes as the body; the name (encodeURIComponent) in x-file-name. 201 → the stored attachment. */
  upload: (file: { body: Blob; contentType: AttachmentContentType; name: string }, o: Opts = {}) =>
    apiRequest<Attachment>(`${BASE}/attachments`, {
      ...o,
      method: 'POST',
      raw: { body: file.body, contentType: file.contentType },
      headers: { 'x-file-name': encodeURIComponent(file.name) },
      timeoutMs: 60_000,
    }),
  removeAttachment: (id: string, o: Opts = {}) =>
    apiRequest<null>(`${BASE}/attachments/${encodeURIComponent(id)}`, { ...o, method: 'DELETE' }),
  /** One's own uploaded file (with the session cookie), for a preview. */
  attachmentFile: (id: string, o: Opts = {}) =>
    apiRequest<Blob>(`${BASE}/attachments/${encodeURIComponent(id)}`, {
      ...o,
      responseType: 'blob',
      timeoutMs: 60_000,
    }),
  /** `forId`: the delegation when applying for someone else (为他人办理). */
  submit: (body: SubmitCaseInput, forId: string | null = null, o: Opts = {}) =>
    apiRequest<CaseDetail>(`${BASE}/cases`, {
      ...o,
      method: 'POST',
      body,
      query: { for: forId ?? undefined },
      timeoutMs: 30_000,
    }),
  /** 是否可以申请: the service's rule for the applicant (the caller, or the delegation's principal). */
  eligibility: (serviceId: string, city: string, forId: string | null, o: Opts = {}) =>
    apiRequest<EligibilityAnswer>(`${BASE}/cases/eligibility`, {
      ...o,
      query: { serviceId, city, for: forId ?? undefined },
    }),
  list: (serviceId: string | undefined, o: Opts = {}) =>
    apiRequest<CaseSummary[]>(`${BASE}/cases`, { ...o, query: { serviceId } }),
  get: (id: string, o: Opts = {}) => apiRequest<CaseDetail>(`${BASE}/cases/${encodeURIComponent(id)}`, o),
  /** 显示: one masked phone or ID number of the case's form in full (audited). */
  revealFormValue: (id: string, field: string, o: Opts = {}) =>
    apiRequest<RevealedCaseFormValue>(
      `${BASE}/cases/${encodeURIComponent(id)}/form/${encodeURIComponent(field)}/reveal`,
      { ...o, method: 'POST' },
    ),
  revealEventNote: (id: string, seq: number, o: Opts = {}) =>
    apiRequest<RevealedCaseEventNote>(`${BASE}/cases/${encodeURIComponent(id)}/events/${seq}/note/reveal`, {
      ...o,
      method: 'POST',
    }),
  withdraw: (id: string, reason: string | undefined, o: Opts = {}) =>
    apiRequest<CaseDetail>(`${BASE}/cases/${encodeURIComponent(id)}/withdraw`, {
      ...o,
      method: 'POST',
      body: reason ? { reason } : {},
    }),
  supplement: (id: string, body: { note?: string; attachments: Record<string, string[]> }, o: Opts = {}) =>
    apiRequest<CaseDetail>(`${BASE}/cases/${encodeURIComponent(id)}/supplement`, {
      ...o,
      method: 'POST',
      body,
      timeoutMs: 30_000,
    }),
};
