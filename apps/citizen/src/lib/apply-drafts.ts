import type { FormValues, SlotUploads } from './cases';

/*
 * Forms being filled in (在线办理): kept in memory only — never in storage — while the app is open, per account and
 * service, so that going back, an error or leaving the page loses nothing; forgotten on logout. A module of its
 * own (no contracts) because the auth state, in every page's bundle, forgets them.
 */

/** A v4 UUID: crypto.randomUUID where the page is a secure context, else from getRandomValues. */
export function newSubmissionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface ApplyDraft {
  step: number;
  agreed: boolean;
  values: FormValues;
  uploads: SlotUploads;
  /** Chosen once per filled-in form; a retry sends the same, so the server makes one case. */
  submissionId: string;
}

const drafts = new Map<string, ApplyDraft>();

export function draftKey(accountId: string, serviceId: string): string {
  return `${accountId}:${serviceId}`;
}

export function readDraft(key: string): ApplyDraft {
  return drafts.get(key) ?? { step: 0, agreed: false, values: {}, uploads: {}, submissionId: newSubmissionId() };
}

export function saveDraft(key: string, draft: ApplyDraft) {
  drafts.set(key, draft);
}

function revoke(draft: ApplyDraft | undefined) {
  if (typeof URL.revokeObjectURL !== 'function') return;
  for (const items of Object.values(draft?.uploads ?? {})) {
    for (const item of items) if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
  }
}

export function clearDraft(key: string) {
  revoke(drafts.get(key));
  drafts.delete(key);
}

/** Logging out (or the session ending) forgets every draft of this tab. */
export function forgetDrafts() {
  for (const draft of drafts.values()) revoke(draft);
  drafts.clear();
}
