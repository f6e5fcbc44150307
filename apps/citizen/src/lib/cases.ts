import {
  type ApplicationFormSpec,
  ATTACHMENT_CONTENT_TYPES,
  ATTACHMENT_MAX_BYTES,
  type Attachment,
  type AttachmentContentType,
  type CaseStatus,
  type FormFieldSpec,
} from '@yss/contracts';
import i18next from 'i18next';
import type { ApiProblem } from '../api/client';
import { problemText } from '../i18n/problems';

/** antd-mobile Tag colours of a case's status. */
export const CASE_STATUS_COLOR: Record<CaseStatus, 'primary' | 'success' | 'warning' | 'danger' | 'default'> = {
  submitted: 'primary',
  supplement_requested: 'warning',
  accepted: 'primary',
  approved: 'success',
  completed: 'success',
  rejected: 'danger',
  withdrawn: 'default',
};

export type FormValues = Record<string, string>;

/** Whether a field is asked now (its showWhen met by the other values). */
export function isFieldShown(field: FormFieldSpec, values: FormValues): boolean {
  if (!field.showWhen) return true;
  return field.showWhen.values.includes(values[field.showWhen.field] ?? '');
}

export function visibleFields(form: ApplicationFormSpec, values: FormValues): FormFieldSpec[] {
  return form.fields.filter((f) => isFieldShown(f, values));
}

/** What is sent: the fields shown, trimmed, empty ones left out (hidden answers are not sent). */
export function formForSubmit(form: ApplicationFormSpec, values: FormValues): FormValues {
  const out: FormValues = {};
  for (const field of visibleFields(form, values)) {
    const value = (values[field.name] ?? '').trim();
    if (value !== '') out[field.name] = value;
  }
  return out;
}

/** The form's own schema (the server's check, Chinese messages): the first message of each field. */
export function validateForm(form: ApplicationFormSpec, values: FormValues): Record<string, string> {
  const result = form.schema.safeParse(formForSubmit(form, values));
  const errors: Record<string, string> = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

/** Where a server problem belongs: by a field, at an attachment slot, or above the submit button. */
export interface ProblemPlacement {
  fields: Record<string, string>;
  slots: Record<string, string>;
  general: string | null;
}

function pathParts(path: string): string[] {
  return path
    .replace(/^\/+/, '')
    .split(/[./[\]]/)
    .filter((p) => p !== '' && p !== 'body');
}

/**
 * Places a problem of POST /me/cases (or the supplement): each `errors` entry by the field or slot its path
 * names (form.purpose, /attachments/id-card …); ATTACHMENT_REQUIRED without a path at the required slots still
 * empty; anything else in the server's own words above the submit button (`text`: in the UI language, problemText).
 */
export function placeProblem(
  problem: ApiProblem,
  form: ApplicationFormSpec,
  uploaded: Record<string, readonly unknown[]>,
  text: (p: ApiProblem) => string = (p) => problemText(p, i18next.t),
): ProblemPlacement {
  const fieldNames = new Set(form.fields.map((f) => f.name));
  const slotIds = new Set(form.attachments.map((s) => s.id));
  const placed: ProblemPlacement = { fields: {}, slots: {}, general: null };
  const unplaced: string[] = [];
  for (const error of problem.errors) {
    const parts = pathParts(error.path);
    const [head, next] = parts;
    const name = head === 'form' || head === 'attachments' ? next : head;
    if (name && head !== 'attachments' && fieldNames.has(name)) placed.fields[name] ??= error.message;
    else if (name && head !== 'form' && slotIds.has(name)) placed.slots[name] ??= error.message;
    else unplaced.push(error.message);
  }
  const anyPlaced = Object.keys(placed.fields).length + Object.keys(placed.slots).length > 0;
  if (problem.code === 'ATTACHMENT_REQUIRED' && !anyPlaced) {
    for (const slot of form.attachments) {
      if (slot.required && (uploaded[slot.id]?.length ?? 0) === 0) placed.slots[slot.id] = text(problem);
    }
  }
  const nowPlaced = Object.keys(placed.fields).length + Object.keys(placed.slots).length > 0;
  if (!nowPlaced) placed.general = text(problem);
  else if (unplaced.length > 0) placed.general = unplaced.join('；');
  return placed;
}

/* ── Files ─────────────────────────────────────────────────────────────────────────────────────────────── */

/** Photos above this (or with a side above SHRINK_EDGE) are shrunk on the phone before uploading. */
export const SHRINK_ABOVE_BYTES = 1.5 * 1024 * 1024;
export const SHRINK_EDGE = 2000;
export const JPEG_QUALITY = 0.85;

export type PreparedFile = { body: Blob; contentType: AttachmentContentType; name: string };
export type PrepareFailure = { error: 'tooLarge' | 'type' };

/**
 * Turns a photo into a JPEG of at most SHRINK_EDGE px on its long side, or resolves null when it need not (a
 * small JPEG/PNG) or cannot be decoded here.
 */
export type Shrinker = (file: Blob) => Promise<Blob | null>;

function isAllowedType(type: string): type is AttachmentContentType {
  return (ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(type);
}

function jpegName(name: string): string {
  const base = name.replace(/\.[^./\\]*$/, '');
  return `${base || 'photo'}.jpg`;
}

/** The canvas way: decode, scale down, encode JPEG 0.85. */
export const canvasShrink: Shrinker = async (file) => {
  if (typeof createImageBitmap !== 'function' || typeof document === 'undefined') return null;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return null;
  }
  try {
    const longEdge = Math.max(bitmap.width, bitmap.height);
    if (file.size <= SHRINK_ABOVE_BYTES && longEdge <= SHRINK_EDGE && isAllowedType(file.type)) return null;
    const scale = Math.min(1, SHRINK_EDGE / longEdge);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    // a transparent PNG becomes JPEG on white, not black
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  } finally {
    bitmap.close();
  }
};

/**
 * What to upload for a chosen file: a PDF as it is (refused above 5 MB), a photo shrunk when large (any image
 * the phone can decode — HEIC on an iPhone — becomes a JPEG), anything else refused.
 */
export async function prepareUpload(
  file: File,
  shrink: Shrinker = canvasShrink,
): Promise<PreparedFile | PrepareFailure> {
  const type = file.type.toLowerCase();
  if (type === 'application/pdf') {
    if (file.size > ATTACHMENT_MAX_BYTES) return { error: 'tooLarge' };
    return { body: file, contentType: 'application/pdf', name: file.name };
  }
  if (!type.startsWith('image/')) return { error: 'type' };
  const shrunk = await shrink(file);
  if (shrunk) {
    if (shrunk.size > ATTACHMENT_MAX_BYTES) return { error: 'tooLarge' };
    return { body: shrunk, contentType: 'image/jpeg', name: jpegName(file.name) };
  }
  if (!isAllowedType(type)) return { error: 'type' };
  if (file.size > ATTACHMENT_MAX_BYTES) return { error: 'tooLarge' };
  return { body: file, contentType: type, name: file.name };
}

export function formatSize(bytes: number, lang: string): string {
  if (bytes < 1024) return `${bytes} B`;
  const fmt = (n: number) => n.toLocaleString(lang, { maximumFractionDigits: 1 });
  if (bytes < 1024 * 1024) return `${fmt(bytes / 1024)} KB`;
  return `${fmt(bytes / (1024 * 1024))} MB`;
}

/**
 * The clock time (HH:MM:SS) of a moment, in Beijing time like every other time on the page: when a self-refreshing
 * code (预约码, 电子客票) was last renewed.
 */
export function formatClockTime(ms: number, lang: string): string {
  return new Date(ms).toLocaleTimeString(lang, {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

/** A time for people, in Beijing time: 2026年11月27日 10:30 / 27 November 2026, 10:30. */
export function formatDateTime(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // Beijing time whatever the phone's zone: the offices, counters and coaches keep it, and a receipt or a case's
  // record must read the same on every phone (and match the provider's cashier, which says 北京时间).
  return d.toLocaleString(lang, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/* ── Uploads in progress ───────────────────────────────────────────────────────────────────────────────── */

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  contentType: string;
  status: 'uploading' | 'done' | 'failed';
  attachment?: Attachment;
  /** An object URL of the local photo, for the thumbnail. */
  previewUrl?: string;
  error?: string;
}

export type SlotUploads = Record<string, UploadItem[]>;

/** The uploaded attachment ids by slot (slots with none left out). */
export { newSubmissionId } from './apply-drafts';

export function attachmentIds(uploads: SlotUploads): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [slot, items] of Object.entries(uploads)) {
    const ids = items.flatMap((i) => (i.status === 'done' && i.attachment ? [i.attachment.id] : []));
    if (ids.length > 0) out[slot] = ids;
  }
  return out;
}

export function anyUploading(uploads: SlotUploads): boolean {
  return Object.values(uploads).some((items) => items.some((i) => i.status === 'uploading'));
}

export function revokePreview(item: UploadItem) {
  if (item.previewUrl && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(item.previewUrl);
}
